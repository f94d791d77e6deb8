// A chart is a typed description (titles, a period axis, a value axis, layers of data) that gnuplot
// draws. Values are plain numbers already counted in the axis unit: the chart is where they leave Boost.Units.
#pragma once

#include "carbontrack/error.hpp"
#include "carbontrack/period.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace carbontrack::chart {

// Okabe-Ito: eight colours told apart with any common colour-vision deficiency, plus a neutral grey.
enum class colour { black, orange, sky_blue, bluish_green, yellow, blue, vermillion, reddish_purple, grey };

std::string_view hex(colour c);  // "#0072B2"
// The colour of the index-th category of a stack; black is kept for totals and repeats come round.
colour category_colour(std::size_t index);

enum class line_pattern { solid, dashed, dotted };
enum class marker_shape { circle, square, diamond, triangle, open_circle };

// A position on the period axis: a period sits at the year it starts in, so 2016/17 is 2016.0 and a
// trend reaching zero three tenths of the way through 2041/42 is 2041.3.
double axis_position(period p);

struct xy {
    double x;
    double y;  // not finite: a gap in the line (a missing year is missing, never zero)
};

// A series drawn as a line, with a marker at each point when `markers` is set.
struct line_layer {
    std::string title;  // the legend entry; empty for none
    std::vector<xy> points;
    colour stroke = colour::blue;
    line_pattern pattern = line_pattern::solid;
    bool markers = true;
    marker_shape marker = marker_shape::circle;
};

struct band_point {
    double x;
    double low;
    double high;
};

// A shaded region between two lines, such as a trend's 25-75% range.
struct band_layer {
    std::string title;
    std::vector<band_point> points;
    colour fill = colour::vermillion;
};

// Where a marker's label goes. A falling series leaves the space below and left of its line empty;
// a point on the axis at the end of the plot has the empty margin under the legend to its right.
enum class label_side { above, below_left, above_left, above_right };

struct labelled_point {
    double x;
    double y;
    std::string label;
    label_side side = label_side::above;
};

// Markers with a text label each: milestones, a baseline.
struct marker_layer {
    std::string title;
    std::vector<labelled_point> points;
    colour stroke = colour::black;
    marker_shape marker = marker_shape::diamond;
};

struct stack_category {
    std::string name;
    std::vector<double> values;  // one per stack x; not finite when missing
    std::optional<colour> fill;  // empty: category_colour of its place in the stack
};

enum class stack_style { areas, bars };

// Categories piled up per x: positive values upwards from zero, negative ones (a land-use sink)
// downwards, so each category's share stays visible. A totals line sits on top.
struct stacked_layer {
    std::vector<double> x;
    std::vector<stack_category> categories;
    stack_style style = stack_style::areas;
    // The line drawn over the stack. Empty: the sum of the categories where all are present. A
    // reported total may differ from its components (the unattributed remainder).
    std::vector<double> totals;
    bool sum_unreported = true;  // false: an x without a reported total has no total
    std::string unknown_total_label;  // written above a labelled stack whose total is not known
    std::string totals_title = "Total";
    bool show_totals = true;
    bool label_totals = false;  // print each total above its bar or point
    int total_decimals = 0;
};

// A horizontal line across the plot at y, labelled in the legend.
struct goal_line {
    double y;
    std::string label;
    colour stroke = colour::bluish_green;
};

// A vertical line at x with its label written beside the top of it.
struct vertical_marker {
    double x;
    std::string label;
    colour stroke = colour::grey;
};

// Text at a data position, starting just right of it.
struct annotation {
    double x;
    double y;
    std::string text;
};

using layer = std::variant<line_layer, band_layer, marker_layer, stacked_layer, goal_line, vertical_marker, annotation>;

// Years from first to last (the start years of periods of one kind), ticked with period labels.
struct period_axis {
    period_kind kind = period_kind::calendar_year;
    double first = 0;
    double last = 0;
};

struct value_axis {
    std::string label;  // says the unit: "Emissions (tCO2e)"
    bool from_zero = true;
};

struct spec {
    std::string title;     // what and where
    std::string subtitle;  // the headline finding
    std::string source;    // "Source: ..."
    period_axis x;
    value_axis y;
    std::vector<layer> layers;  // the first is drawn at the back
};

// ---- Drawing ---------------------------------------------------------------------------------

enum class file_format { svg, png, pdf };

// From the file's extension (.svg, .png, .pdf, any case); a file without one is SVG. Throws error
// naming the file for any other extension.
file_format format_for(const std::filesystem::path& file);

// gnuplot could not be started because it is not installed (or not on PATH).
class gnuplot_missing : public error {
public:
    gnuplot_missing();
};

struct render_options {
    std::string gnuplot = "gnuplot";  // the program, looked up on PATH
};

struct render_job {
    const spec* chart;
    std::filesystem::path out;
};

// Draws each chart to its file through one gnuplot process. Identical input gives identical bytes:
// PDF creation dates are pinned (to $SOURCE_DATE_EPOCH, else 1970-01-01). Throws gnuplot_missing, or
// error quoting gnuplot's complaint; on failure no output of the batch is left behind.
void render_all(std::span<const render_job> jobs, const render_options& options = {});
void render(const spec& description, const std::filesystem::path& out, const render_options& options = {});

// The script render_all feeds to gnuplot: every chart's data inline, nothing read from other files.
std::string gnuplot_script(std::span<const render_job> jobs);

// `text` as a gnuplot string expression that stands for exactly that text: single-quoted (so no
// backquote or macro substitution), quotes doubled, line breaks joined in as "\n", other control
// characters as spaces, and bytes that are not UTF-8 as U+FFFD.
std::string gnuplot_string(std::string_view text);

}  // namespace carbontrack::chart
