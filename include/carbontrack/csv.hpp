// Input-boundary helpers shared by every importer: numbers as councils type them ("11,663") and
// the header of a CSV file (plain or gzip-compressed) for layout detection.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace carbontrack::csv {

// A finite decimal number; accepts thousands separators ("11,663") and exponents ("2.5E-4").
// nullopt for empty text, NaN, infinity, or anything else.
std::optional<double> parse_number(std::string_view text);

// "9.2 GWh" or "9.2GWh" -> {9.2, "GWh"}; nullopt when there is no number followed by a unit.
std::optional<std::pair<double, std::string>> parse_amount_with_unit(std::string_view text);

// Why `text` is not a number, for error messages.
std::string number_problem(std::string_view text);

// Figures beyond a field's plausible size are refused rather than stored: 1e300 kWh is a typing or
// export error, and near the top of double's range a unit conversion overflows to infinity.
// "'1e300' is too large for an activity (the limit is 1e+12)"; the limit's reason follows in `why`.
std::string magnitude_problem(std::string_view text, std::string_view what, double limit, std::string_view why);

// Text is stored and printed as UTF-8. Why `text` is not valid UTF-8 (naming the first bad byte), or
// an empty string when it is; a Latin-1 or Windows-1252 export fails here rather than as mojibake.
std::string utf8_problem(std::string_view text);

// Whether every cell of a row is plain ASCII, as nearly every row is: such a row needs no UTF-8
// decoding, and one pass over it costs less than a utf8_problem call per cell.
template <class Cells>
bool all_ascii(const Cells& cells) {
    unsigned char high_bits = 0;
    for (const std::string_view cell : cells)
        for (const char c : cell) high_bits |= static_cast<unsigned char>(c);
    return high_bits < 0x80;
}

// The column names of the file's first line (BOM and quotes removed). Throws parse_error at line 1
// for a missing, unreadable or empty file.
std::vector<std::string> read_header(const std::filesystem::path& file);

}  // namespace carbontrack::csv
