// The house look every chart shares. Private to the chart module.
#pragma once

#include <string_view>

namespace carbontrack::chart {

// Laid out in screen fractions of a 900 x 560 page (pixels for SVG and PNG, points for PDF), a size
// that keeps 12-point text readable when the chart fills a report's text width.
inline constexpr int canvas_width = 900;
inline constexpr int canvas_height = 560;
// Installed with gnuplot's cairo dependencies (fonts-dejavu-core), so PNG and PDF look the same everywhere.
inline constexpr std::string_view font = "DejaVu Sans";

}  // namespace carbontrack::chart
