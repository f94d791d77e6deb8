#include "carbontrack/chart_builders.hpp"

#include "chart/builder_support.hpp"

#include <algorithm>
#include <limits>

namespace carbontrack::chart {

spec indicator_chart(const indicator_series& series, const chart_text& text) {
    if (series.values.empty()) throw data_error("there are no values to chart for " + title_of(text));
    std::vector<period> when;
    for (const auto& v : series.values) when.push_back(v.when);
    const period_kind kind = when.front().kind();
    require_kind(kind, when, "the indicator");
    if (series.goal_by) require_kind(kind, {*series.goal_by}, "the indicator's goal");

    numbered_series numbers;
    numbers.periods = period_range(when);
    numbers.values.assign(numbers.periods.size(), std::numeric_limits<double>::quiet_NaN());
    const int first_year = numbers.periods.front().start_year();
    for (const auto& v : series.values) numbers.values[static_cast<std::size_t>(v.when.start_year() - first_year)] = v.value;
    if (series.cumulative) {
        // A running total of what was recorded: a year with no record adds nothing, but has no point.
        double running = 0.0;
        for (auto& v : numbers.values) {
            if (!std::isfinite(v)) continue;
            running += v;
            v = running;
        }
    }

    const std::size_t latest_at = numbers.values.size() - 1;  // the last period always holds a value
    const double latest = numbers.values[latest_at];

    spec c;
    c.title = title_of(text);
    c.source = text.source;
    std::string axis_title = series.unit_label + (series.cumulative ? " (cumulative)" : "");
    // A counted noun starts the axis title with a capital ("Trees"); a unit symbol never changes case,
    // since "KW" is not "kW": a first word of four or more lower-case letters is taken for a noun.
    const std::size_t first_word = std::min(axis_title.find(' '), axis_title.size());
    const bool noun = first_word >= 4 && std::all_of(axis_title.begin(), axis_title.begin() + static_cast<std::ptrdiff_t>(first_word),
                                                     [](char ch) { return ch >= 'a' && ch <= 'z'; });
    if (noun) axis_title.front() = static_cast<char>(axis_title.front() - 'a' + 'A');
    c.y = {axis_title, true};
    double last_x = axis_position(numbers.periods.back());
    if (series.goal_by) last_x = std::max(last_x, axis_position(*series.goal_by));
    c.x = {kind, axis_position(numbers.periods.front()), last_x};

    // A percentage reads "43.1%", and a share of a percentage goal would be a per cent of a per cent.
    const bool in_percent = series.unit_label.starts_with("%");
    // "More than 356,000" was published, so that is what the chart says, not a bare 356,000. (A running
    // total drawn here from the values is a sum, which no single qualifier describes.)
    const auto newest = std::max_element(series.values.begin(), series.values.end(),
                                         [](const indicator_value& a, const indicator_value& b) { return a.when.start_year() < b.when.start_year(); });
    const std::string qualifier = series.cumulative ? std::string() : newest->qualifier;
    const std::string latest_text = (qualifier.empty() ? "" : qualifier + " ") + figure(latest) + (in_percent ? "%" : "");
    c.subtitle = numbers.periods[latest_at].label() + ": " + latest_text + (in_percent ? series.unit_label.substr(1) : " " + series.unit_label);
    if (series.goal && in_percent) {
        c.subtitle += " against a goal of " + percent(*series.goal);
        if (series.goal_by) c.subtitle += " by " + series.goal_by->label();
    } else if (series.goal && *series.goal != 0.0) {
        c.subtitle += ", " + percent(latest / *series.goal * 100.0) + " of the goal of " + figure(*series.goal);
        if (series.goal_by) c.subtitle += " by " + series.goal_by->label();
    }

    c.layers.emplace_back(line_layer{series.cumulative ? "Running total" : "Recorded", line_points(numbers), colour::blue,
                                     line_pattern::solid, true, marker_shape::circle});
    c.layers.emplace_back(annotation{axis_position(numbers.periods[latest_at]), latest, latest_text});
    if (series.goal) {
        const std::string label = series.goal_label.empty() ? "Goal: " + figure(*series.goal) + " " + series.unit_label : series.goal_label;
        c.layers.emplace_back(goal_line{*series.goal, label, colour::bluish_green});
    }
    if (series.goal_by) c.layers.emplace_back(vertical_marker{axis_position(*series.goal_by), "Goal due " + series.goal_by->label(), colour::grey});
    return c;
}

}  // namespace carbontrack::chart
