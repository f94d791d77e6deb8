// What happens to a file after gnuplot has written it, so that the same chart is always the same
// bytes and reads well everywhere. Private to the chart module.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

namespace carbontrack::chart {

// cairo 1.16 stamps a PDF with the wall-clock time and ignores SOURCE_DATE_EPOCH; the stamp is
// rewritten in place, digit for digit, so the cross-reference offsets stay valid.
void pin_pdf_dates(const std::filesystem::path& file, std::int64_t seconds_since_epoch);

// The time a PDF is stamped with: $SOURCE_DATE_EPOCH when it holds a whole number of seconds (the
// reproducible-builds convention), else 0 (1970-01-01T00:00:00Z).
std::int64_t pdf_timestamp();

// gnuplot's SVG names the font exactly as given ("DejaVu Sans:Bold") and titles the document
// "Gnuplot"; a browser wants a CSS family list and a font-weight, and a screen reader the real title.
// A chart drawn in a batch is made byte-identical to the same chart drawn alone.
void finish_svg(const std::filesystem::path& file, std::string_view title, std::string_view font);

}  // namespace carbontrack::chart
