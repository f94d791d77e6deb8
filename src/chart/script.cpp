#include "carbontrack/chart.hpp"
#include "carbontrack/output.hpp"

#include "chart/axis.hpp"
#include "chart/gnuplot_text.hpp"
#include "chart/look.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace carbontrack::chart {
namespace {

constexpr std::string_view text_grey = "#333333";
constexpr std::string_view quiet_grey = "#666666";
constexpr std::string_view grid_grey = "#E3E3E3";
constexpr std::string_view axis_grey = "#4D4D4D";

// Characters per line at each text size, and about how many pixels a character takes (DejaVu Sans
// is wide: 0.62 em for ordinary text, more in bold).
constexpr std::size_t title_width = 64;
constexpr std::size_t subtitle_width = 100;
constexpr std::size_t source_width = 120;
constexpr std::size_t key_width = 30;
constexpr double key_char_px = 8.0;
constexpr double key_sample_px = 52.0;
constexpr double tick_char_px = 8.0;  // y tick labels, at 12 points
constexpr double axis_title_px = 56.0;
constexpr double bar_half_width = 0.36;  // of a year

std::string number(double value) { return output::exact_number(value); }

std::string grey(std::string_view shade) { return "rgb '" + std::string(shade) + "'"; }

std::string rgb(colour c) { return "rgb '" + std::string(hex(c)) + "'"; }

// gnuplot sizes text, lines and markers differently per terminal (cairo counts a point as 1/96 inch
// on PNG and halves PDF text); the factors below, measured on gnuplot 5.4, make all three formats
// show 12-point text at 16 pixels of a 900-pixel width, 1-pixel lines and 3-pixel marker radii.
std::string terminal(file_format format) {
    const std::string face = "font '" + std::string(font) + ",12' noenhanced background '#FFFFFF'";
    const std::string size = std::to_string(canvas_width) + "," + std::to_string(canvas_height);
    switch (format) {
        case file_format::svg: return "set terminal svg size " + size + " fixed " + face + " fontscale 1.3333\n";
        // Twice the pixels, so the PNG stays sharp on paper.
        case file_format::png:
            return "set terminal pngcairo size " + std::to_string(2 * canvas_width) + "," + std::to_string(2 * canvas_height) + " " +
                   face + " fontscale 2 linewidth 2 pointscale 2\n";
        case file_format::pdf:
            return "set terminal pdfcairo size " + number(canvas_width / 72.0) + "in," + number(canvas_height / 72.0) + "in " + face +
                   " fontscale 2 linewidth 2\n";
    }
    return {};
}

// The svg terminal has no pointscale option; its markers are half as big again as cairo's.
double marker_scale(file_format format) { return format == file_format::svg ? 0.72 : 1.0; }

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

std::size_t characters(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

std::string_view dash(line_pattern pattern) {
    switch (pattern) {
        case line_pattern::solid: return "dt solid";
        case line_pattern::dashed: return "dt (9,6)";
        case line_pattern::dotted: return "dt (2,5)";
    }
    return "dt solid";
}

std::string_view point_type(marker_shape shape) {
    switch (shape) {
        case marker_shape::circle: return "pt 7";
        case marker_shape::square: return "pt 5";
        case marker_shape::diamond: return "pt 13";
        case marker_shape::triangle: return "pt 9";
        case marker_shape::open_circle: return "pt 6";
    }
    return "pt 7";
}

std::string_view placement(label_side side) {
    switch (side) {
        case label_side::above: return "center offset 0,1.4";
        case label_side::below_left: return "right offset -1,-1.6";
        case label_side::above_left: return "right offset -1.8,0.6";
        case label_side::above_right: return "left offset 1.2,0.6";
    }
    return "center offset 0,1.4";
}

bool finite(double v) { return std::isfinite(v); }

// Where each category of a stack lies at each x: positives pile up from zero, negatives down from it.
struct stack_geometry {
    std::vector<std::vector<band_point>> bands;  // per category; a missing value has a non-finite low
    std::vector<double> totals;
};

stack_geometry stack(const stacked_layer& layer) {
    constexpr double missing = std::numeric_limits<double>::quiet_NaN();
    stack_geometry g;
    g.bands.resize(layer.categories.size());
    for (std::size_t i = 0; i < layer.x.size(); ++i) {
        double above = 0.0;
        double below = 0.0;
        bool complete = true;
        for (std::size_t c = 0; c < layer.categories.size(); ++c) {
            const auto& values = layer.categories[c].values;
            const double v = i < values.size() ? values[i] : missing;
            band_point p{layer.x[i], missing, missing};
            if (!finite(v)) {
                complete = false;
            } else if (v >= 0.0) {
                p = {layer.x[i], above, above + v};
                above += v;
            } else {
                p = {layer.x[i], below + v, below};
                below += v;
            }
            g.bands[c].push_back(p);
        }
        const bool reported = i < layer.totals.size() && finite(layer.totals[i]);
        g.totals.push_back(reported ? layer.totals[i] : complete && layer.sum_unreported ? above + below : missing);
    }
    return g;
}

struct extent {
    double low = std::numeric_limits<double>::infinity();
    double high = -std::numeric_limits<double>::infinity();
    void add(double v) {
        if (!finite(v)) return;
        low = std::min(low, v);
        high = std::max(high, v);
    }
    bool empty() const { return low > high; }
};

// Writes one chart: settings, datablocks, labels, then a single plot command.
class chart_writer {
public:
    chart_writer(const spec& c, std::size_t index, file_format format)
        : chart_(c), format_(format), prefix_("$chart" + std::to_string(index) + "_") {}

    std::string write(const std::filesystem::path& out) {
        for (const auto& l : chart_.layers) {
            std::visit([this](const auto& layer) { add(layer); }, l);
        }
        if (plots_.empty()) throw error("the chart \"" + valid_utf8(chart_.title) + "\" has no data to draw");

        std::string s = "reset\nset encoding utf8\n" + terminal(format_) + "set output " + gnuplot_path(out) + "\n";
        s += frame();
        s += data_;
        s += labels_;
        s += "plot ";
        for (std::size_t i = 0; i < plots_.size(); ++i) s += (i == 0 ? "" : ", \\\n     ") + plots_[i];
        s += "\nunset output\n";
        return s;
    }

private:
    std::string block(const std::string& rows) {
        const std::string name = prefix_ + std::to_string(blocks_++);
        // Only numbers go into datablocks, so no row can ever read "EOD".
        data_ += name + " << EOD\n" + rows + "EOD\n";
        return name;
    }

    // gnuplot gives a legend entry one line whatever its text holds, so a long title continues on
    // entries of its own that draw no sample.
    void plot(const std::string& what, const std::string& title) {
        if (title.empty()) {
            plots_.push_back(what + " notitle");
            return;
        }
        const auto lines = lines_of(wrap_words(title, key_width));
        plots_.push_back(what + " title " + gnuplot_string(lines.front()));
        for (std::size_t i = 1; i < lines.size(); ++i) plots_.push_back("keyentry with lines lt nodraw title " + gnuplot_string(lines[i]));
        for (const auto& line : lines) key_chars_ = std::max(key_chars_, characters(line));
    }

    void label(const std::string& text, double x, double y, std::string_view where, std::string_view size) {
        labels_ += "set label " + gnuplot_string(text) + " at first " + number(x) + "," + number(y) + " " + std::string(where) +
                   " front font '," + std::string(size) + "' tc " + grey(text_grey) + "\n";
    }

    void add(const line_layer& layer) {
        std::string rows;
        bool any = false;
        for (const auto& p : layer.points) {
            if (finite(p.y)) {
                rows += number(p.x) + " " + number(p.y) + "\n";
                y_.add(p.y);
                any = true;
            } else {
                rows += "\n";  // a blank line breaks the line: a missing year is a gap
            }
        }
        if (!any) return;
        const std::string style = layer.markers ? "linespoints " + std::string(point_type(layer.marker)) + " " + marker_size(1.1) : "lines";
        plot(block(rows) + " using 1:2 with " + style + " lc " + rgb(layer.stroke) + " lw 2.5 " + std::string(dash(layer.pattern)),
             layer.title);
    }

    void add(const band_layer& layer) {
        std::string rows;
        for (const auto& p : layer.points) {
            if (!finite(p.low) || !finite(p.high)) continue;
            rows += number(p.x) + " " + number(p.low) + " " + number(p.high) + "\n";
            y_.add(p.low);
            y_.add(p.high);
        }
        if (rows.empty()) return;
        plot(block(rows) + " using 1:2:3 with filledcurves fc " + rgb(layer.fill) + " fs transparent solid 0.22 noborder", layer.title);
    }

    void add(const marker_layer& layer) {
        std::string rows;
        for (const auto& p : layer.points) {
            if (!finite(p.y)) continue;
            rows += number(p.x) + " " + number(p.y) + "\n";
            y_.add(p.y);
            if (!p.label.empty()) label(p.label, p.x, p.y, placement(p.side), "11");
        }
        if (rows.empty()) return;
        const bool open = layer.marker == marker_shape::open_circle;
        plot(block(rows) + " using 1:2 with points " + std::string(point_type(layer.marker)) + " " + (open ? marker_size(2.2) + " lw 2" : marker_size(1.6)) +
                 " lc " + rgb(layer.stroke),
             layer.title);
    }

    void add(const stacked_layer& layer) {
        const stack_geometry g = stack(layer);
        const bool bars = layer.style == stack_style::bars;
        bars_ = bars_ || bars;
        for (std::size_t i = 0; bars && i < layer.x.size(); ++i) {
            const bool drawn = finite(g.totals[i]) || std::any_of(g.bands.begin(), g.bands.end(), [i](const auto& band) {
                                   return finite(band[i].low) && band[i].low != band[i].high;
                               });
            if (drawn) bar_x_.push_back(layer.x[i]);
        }
        // The top of the stack comes first in the legend, so the key reads in the stack's order.
        for (std::size_t c = layer.categories.size(); c-- > 0;) {
            std::string rows;
            bool any = false;
            for (const auto& p : g.bands[c]) {
                // A bar of no height would still show its border.
                if (!finite(p.low) || (bars && p.low == p.high)) {
                    rows += "\n";
                    continue;
                }
                rows += number(p.x) + " " + number(p.low) + " " + number(p.high) + "\n";
                y_.add(p.low);
                y_.add(p.high);
                any = true;
            }
            if (!any) continue;
            const std::string fill = rgb(layer.categories[c].fill.value_or(category_colour(c)));
            if (bars) {
                plot(block(rows) + " using 1:(($2+$3)/2):($1-" + number(bar_half_width) + "):($1+" + number(bar_half_width) +
                         "):2:3 with boxxyerror fs solid 1.0 border lc rgb '#FFFFFF' lw 0.5 fc " + fill,
                     layer.categories[c].name);
            } else {
                // A hairline of the fill's own colour closes the seams anti-aliasing leaves between bands.
                plot(block(rows) + " using 1:2:3 with filledcurves fs solid 1.0 border lc " + fill + " lw 0.5 fc " + fill,
                     layer.categories[c].name);
            }
        }
        std::string rows;
        bool any = false;
        for (std::size_t i = 0; i < g.totals.size(); ++i) {
            const double total = g.totals[i];
            if (!finite(total)) {
                rows += "\n";
                if (layer.label_totals && !layer.unknown_total_label.empty()) {
                    double top = -std::numeric_limits<double>::infinity();
                    // Only over a drawn stack: a period with nothing recorded stays a gap.
                    for (const auto& band : g.bands) {
                        if (finite(band[i].low) && band[i].high != band[i].low) top = std::max(top, band[i].high);
                    }
                    if (finite(top)) label(layer.unknown_total_label, layer.x[i], std::max(top, 0.0), "center offset 0,0.8", "10");
                }
                continue;
            }
            rows += number(layer.x[i]) + " " + number(total) + "\n";
            y_.add(total);
            any = true;
            if (layer.label_totals) {
                label(output::display_number(total, layer.total_decimals), layer.x[i], std::max(total, 0.0), "center offset 0,0.8", "10");
            }
        }
        if (layer.show_totals && any) {
            plot(block(rows) + " using 1:2 with " + (bars ? "points pt 7 " + marker_size(0.9) : std::string("lines lw 2")) + " lc rgb '#000000'", layer.totals_title);
        }
    }

    void add(const goal_line& layer) {
        y_.add(layer.y);
        plot(number(layer.y) + " with lines lc " + rgb(layer.stroke) + " lw 2 dt (9,6)", layer.label);
    }

    void add(const vertical_marker& layer) { verticals_.push_back(layer); }

    void add(const annotation& layer) {
        y_.add(layer.y);
        label(layer.text, layer.x, layer.y, "left offset 0.8,0", "11");
    }

    // Vertical markers are placed once the x range is known, so their text can face into the plot.
    std::string vertical_markers(double x_low, double x_high) const {
        std::string s;
        for (const auto& v : verticals_) {
            s += "set arrow from first " + number(v.x) + ", graph 0 to first " + number(v.x) + ", graph 1 nohead back lc " +
                 rgb(v.stroke) + " lw 1.5 dt (4,4)\n";
            const bool on_the_right = v.x > x_low + 0.6 * (x_high - x_low);
            const std::string side = on_the_right ? "right offset -0.7,0" : "left offset 0.7,0";
            const auto lines = lines_of(wrap_words(v.label, 26));
            for (std::size_t i = 0; i < lines.size(); ++i) {
                s += "set label " + gnuplot_string(lines[i]) + " at first " + number(v.x) + ", graph " +
                     number(0.96 - 0.05 * static_cast<double>(i)) + " " + side + " front font ',11' tc " +
                     rgb(v.stroke == colour::grey ? colour::black : v.stroke) + "\n";
            }
        }
        return s;
    }

    std::string frame() const {
        std::string s;
        s += "set border 3 back lc " + grey(axis_grey) + " lw 1\n";
        s += "set tics nomirror out scale 0.6,0.3 tc " + grey(text_grey) + "\n";
        s += "set grid ytics back lc " + grey(grid_grey) + " lw 1 dt solid\n";

        // Title, subtitle and source are labels at fixed screen places, left-aligned as a reader scans.
        double y = 0.95;
        for (const auto& line : lines_of(wrap_words(chart_.title, title_width))) {
            s += "set label " + gnuplot_string(line) + " at screen 0.02," + number(y) + " left font '" + std::string(font) +
                 ":Bold,17' tc rgb '#000000'\n";
            y -= 0.045;
        }
        if (!chart_.subtitle.empty()) {
            y += 0.005;
            for (const auto& line : lines_of(wrap_words(chart_.subtitle, subtitle_width))) {
                s += "set label " + gnuplot_string(line) + " at screen 0.02," + number(y) + " left font ',12.5' tc " + grey(text_grey) + "\n";
                y -= 0.034;
            }
        }
        const double plot_top = y - 0.035;
        const auto source_lines = chart_.source.empty() ? std::vector<std::string>{} : lines_of(wrap_words(chart_.source, source_width));
        for (std::size_t i = 0; i < source_lines.size(); ++i) {
            const double at = 0.03 + 0.028 * static_cast<double>(source_lines.size() - 1 - i);
            s += "set label " + gnuplot_string(source_lines[i]) + " at screen 0.02," + number(at) + " left font ',10' tc " +
                 grey(quiet_grey) + "\n";
        }

        const value_scale scale = value_ticks(y_.empty() ? 0.0 : y_.low, y_.empty() ? 1.0 : y_.high, chart_.y.from_zero);
        std::size_t widest = 0;
        for (const auto& t : scale.ticks) widest = std::max(widest, t.label.size());
        const double plot_left = (static_cast<double>(widest) * tick_char_px + axis_title_px) / canvas_width;
        // The legend takes the right of the page, as wide as its longest entry needs.
        const bool key = key_chars_ > 0;
        const double key_px = key_sample_px + key_char_px * static_cast<double>(key_chars_);
        const double plot_right = key ? 0.98 - (key_px + 16.0) / canvas_width : 0.96;

        const double pad = bars_ ? 0.6 : 0.4;
        const double x_low = chart_.x.first - pad;
        const double x_high = chart_.x.last + pad;
        const double data_width_px = (plot_right - plot_left) * canvas_width * (chart_.x.last - chart_.x.first) / (x_high - x_low);
        const auto xt = bars_ ? bar_ticks(chart_.x, bar_x_, data_width_px) : period_ticks(chart_.x, data_width_px);
        const bool two_rows = std::any_of(xt.begin(), xt.end(), [](const tick& t) { return t.row > 0; });
        const double plot_bottom = 0.13 + (two_rows ? 0.03 : 0.0) +
                                   0.028 * static_cast<double>(source_lines.empty() ? 0 : source_lines.size() - 1);

        s += "set lmargin at screen " + number(plot_left) + "\nset rmargin at screen " + number(plot_right) + "\n";
        s += "set tmargin at screen " + number(plot_top) + "\nset bmargin at screen " + number(plot_bottom) + "\n";
        if (key) {
            s += "set key at screen " + number(plot_right + 16.0 / canvas_width) + "," + number(plot_top) +
                 " left top Left reverse samplen 2.5 spacing 1.3 width 1 font ',11' tc " + grey(text_grey) + "\n";
        } else {
            s += "unset key\n";
        }

        s += "set xrange [" + number(x_low) + ":" + number(x_high) + "]\nset xtics font ',11' (";
        for (std::size_t i = 0; i < xt.size(); ++i) {
            // A second-row label is a plain label under its tick: a line break inside a tick label
            // leaks into the titles gnuplot's SVG terminal gives the plots of later charts.
            const bool minor = xt[i].label.empty();
            s += (i == 0 ? "" : ", ") + gnuplot_string(xt[i].row > 0 ? std::string() : xt[i].label) + " " + number(xt[i].position) +
                 (minor ? " 1" : "");
        }
        s += ")\n";
        for (const auto& t : xt) {
            if (t.row == 0 || t.label.empty()) continue;
            s += "set label " + gnuplot_string(t.label) + " at first " + number(t.position) + ", graph 0 center offset 0,-2.35 font ',11' tc " +
                 grey(text_grey) + "\n";
        }
        s += "set yrange [" + number(scale.low) + ":" + number(scale.high) + "]\nset ytics (";
        for (std::size_t i = 0; i < scale.ticks.size(); ++i) {
            s += (i == 0 ? "" : ", ") + gnuplot_string(scale.ticks[i].label) + " " + number(scale.ticks[i].position);
        }
        s += ")\n";
        if (scale.low < 0.0) s += "set xzeroaxis lt 1 lc " + grey(axis_grey) + " lw 1\n";
        s += "set ylabel " + gnuplot_string(chart_.y.label) + " tc " + grey(text_grey) + " offset 0.5,0\n";
        s += vertical_markers(x_low, x_high);
        return s;
    }

    std::string marker_size(double size) const { return "ps " + number(size * marker_scale(format_)); }

    const spec& chart_;
    file_format format_;
    std::string prefix_;
    std::size_t blocks_ = 0;
    std::string data_;
    std::string labels_;
    std::vector<std::string> plots_;
    std::vector<vertical_marker> verticals_;
    extent y_;
    std::size_t key_chars_ = 0;
    bool bars_ = false;
    std::vector<double> bar_x_;  // the periods a bar chart has a bar for
};

}  // namespace

std::string gnuplot_script(std::span<const render_job> jobs) {
    std::string script = "# carbontrack charts\n";
    for (std::size_t i = 0; i < jobs.size(); ++i) {
        script += chart_writer{*jobs[i].chart, i, format_for(jobs[i].out)}.write(jobs[i].out);
    }
    return script;
}

}  // namespace carbontrack::chart
