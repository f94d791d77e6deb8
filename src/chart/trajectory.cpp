#include "carbontrack/chart_builders.hpp"

#include "chart/builder_support.hpp"

#include <algorithm>
#include <cmath>

namespace carbontrack::chart {
namespace {

// A net-zero year this far past the last milestone still gets the axis stretched to show it; beyond
// that it would squash the years that matter, so it is only written in the subtitle.
constexpr double longest_stretch_years = 12.0;

std::string status_words(progress_status status) {
    switch (status) {
        case progress_status::on_track: return "on track";
        case progress_status::at_risk: return "at risk";
        case progress_status::off_track: return "off track";
    }
    return {};
}

std::string milestone_label(const milestone& m, period baseline) {
    if (m.reduction_pct >= 100.0) return "Net zero by " + m.when.label();
    return percent(m.reduction_pct) + " below " + baseline.label() + "\nby " + m.when.label();
}

// Where the projection from (y, A) at `slope` per year stands at x; emissions do not go below zero.
double projected(double x, double latest_x, double latest, double slope) { return std::max(0.0, latest + slope * (x - latest_x)); }

std::string net_zero_words(const std::optional<net_zero_estimate>& central, const std::optional<net_zero_estimate>& earliest,
                           const std::optional<net_zero_estimate>& latest, period_kind kind) {
    if (!central) return "not heading for net zero at the current trend";
    std::string words = "net zero at trend in " + period_label_at(central->year, kind);
    if (earliest && latest) {
        words += " (" + period_label_at(earliest->year, kind) + "–" + period_label_at(latest->year, kind) + ")";
    } else if (earliest) {
        words += " (from " + period_label_at(earliest->year, kind) + ")";
    }
    return words;
}

}  // namespace

template <class Quantity>
spec trajectory_chart(const target& goal, const tracked_series<Quantity>& actuals, const progress_report<Quantity>& report,
                       const chart_text& text) {
    const auto& unit = report.unit;
    const period_kind kind = report.baseline_period.kind();
    const auto in_unit = [&](Quantity q) { return units::in(q, unit.unit); };

    const numbered_series actual = number_series(actuals.points(), unit.unit);
    require_kind(kind, actual.periods, "the series " + actuals.name());

    const double baseline_x = axis_position(report.baseline_period);
    const double latest_x = axis_position(report.latest_period);
    const double latest = in_unit(report.latest_value);
    const double last_milestone_x = axis_position(goal.milestones().back().when);

    double first_x = std::min(baseline_x, actual.periods.empty() ? baseline_x : axis_position(actual.periods.front()));
    double last_x = std::max(latest_x, last_milestone_x);
    if (report.net_zero && report.net_zero->year <= last_x + longest_stretch_years) {
        last_x = std::max(last_x, std::ceil(report.net_zero->year));
    }

    spec c;
    c.title = title_of(text);
    c.source = text.source;
    c.x = {kind, first_x, last_x};
    c.y = {"Emissions (" + unit.symbol + ")", true};

    const double change = report.change_vs_baseline_pct;
    c.subtitle = report.latest_period.label() + ": " + figure(latest) + " " + unit.symbol + ", " + percent(std::abs(change)) +
                 (change <= 0.0 ? " below " : " above ") + report.baseline_period.label() + "; " + status_words(report.status) +
                 " (pathway " + figure(in_unit(report.pathway_value)) + "); " +
                 net_zero_words(report.net_zero, report.net_zero_earliest, report.net_zero_latest, kind);

    if (report.trend) {
        const auto& trend = *report.trend;
        const double slope = in_unit(trend.slope_per_year);
        const double steep = in_unit(trend.slope_p25_per_year);
        const double shallow = in_unit(trend.slope_p75_per_year);
        // The kinks where a line meets zero are sampled exactly, so the clamped lines stay straight.
        std::vector<double> xs{latest_x, last_x};
        for (double x = std::floor(latest_x) + 1.0; x < last_x; x += 1.0) xs.push_back(x);
        for (const double s : {slope, steep, shallow}) {
            if (s < 0.0) {
                const double zero_x = latest_x + latest / -s;
                if (zero_x > latest_x && zero_x < last_x) xs.push_back(zero_x);
            }
        }
        std::sort(xs.begin(), xs.end());
        xs.erase(std::unique(xs.begin(), xs.end()), xs.end());

        band_layer band{"Trend range (25–75% of slopes)", {}, colour::vermillion};
        line_layer line{"Trend over the last " + std::to_string(trend.points.size()) + " years", {}, colour::vermillion,
                        line_pattern::dotted, false, marker_shape::circle};
        for (const double x : xs) {
            const double a = projected(x, latest_x, latest, steep);
            const double b = projected(x, latest_x, latest, shallow);
            band.points.push_back({x, std::min(a, b), std::max(a, b)});
            line.points.push_back({x, projected(x, latest_x, latest, slope)});
        }
        c.layers.emplace_back(std::move(band));
        c.layers.emplace_back(std::move(line));
    }

    const Quantity baseline_value = report.baseline_value;
    line_layer pathway{goal.pathway() == pathway_kind::constant_rate ? "Target pathway (constant rate)" : "Target pathway",
                       {}, colour::black, line_pattern::dashed, false, marker_shape::circle};
    for (period p = report.baseline_period; axis_position(p) <= last_milestone_x; p = p + date::years{1}) {
        pathway.points.push_back({axis_position(p), in_unit(pathway_value(goal, baseline_value, p))});
    }
    c.layers.emplace_back(std::move(pathway));

    c.layers.emplace_back(line_layer{"Actual emissions", line_points(actual), colour::blue, line_pattern::solid, true, marker_shape::circle});

    marker_layer milestones{"Milestones", {}, colour::black, marker_shape::diamond};
    for (const auto& m : goal.milestones()) {
        // Below and left of a falling line is empty. A net-zero milestone sits on the axis: at the end
        // of the plot the trend band meets it from the left, so its label goes into the margin on the
        // right; earlier, the trend runs on to its right and the space above left is the emptier.
        milestones.points.push_back({axis_position(m.when), in_unit(milestone_level(baseline_value, m.reduction_pct)),
                                     milestone_label(m, report.baseline_period),
                                     m.reduction_pct < 100.0                  ? label_side::below_left
                                     : axis_position(m.when) >= last_x ? label_side::above_right
                                                                       : label_side::above_left});
    }
    c.layers.emplace_back(std::move(milestones));
    c.layers.emplace_back(marker_layer{"Baseline",
                                       {{baseline_x, in_unit(baseline_value), "Baseline " + report.baseline_period.label(), label_side::above}},
                                       colour::blue,
                                       marker_shape::open_circle});

    if (report.net_zero && report.net_zero->year <= last_x) {
        c.layers.emplace_back(vertical_marker{report.net_zero->year, "Net zero at trend: " + period_label_at(report.net_zero->year, kind),
                                              colour::vermillion});
    }
    return c;
}

template spec trajectory_chart(const target&, const tracked_series<units::co2e_mass>&, const progress_report<units::co2e_mass>&,
                                const chart_text&);
template spec trajectory_chart(const target&, const tracked_series<units::co2_mass>&, const progress_report<units::co2_mass>&,
                                const chart_text&);

}  // namespace carbontrack::chart
