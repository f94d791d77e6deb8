#include "carbontrack/chart_builders.hpp"
#include "carbontrack/percent_change.hpp"

#include "chart/builder_support.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace carbontrack::chart {

template <class Quantity>
spec area_chart(const area_series<Quantity>& area, const chart_text& text) {
    const auto& [sectors, unit, pathway, per_person] = area;
    std::vector<period> all;
    for (const auto& s : sectors)
        for (const auto& p : s.points) all.push_back(p.when);
    if (all.empty()) throw data_error("there are no emissions to chart for " + title_of(text));
    const period_kind kind = all.front().kind();
    require_kind(kind, all, "the sectors");
    const std::vector<period> periods = period_range(all);
    const auto slot = [&](period p) { return static_cast<std::size_t>(p.start_year() - periods.front().start_year()); };
    const double missing = std::numeric_limits<double>::quiet_NaN();

    // Per person, every sector is divided by the same year's population, so the stack still sums to
    // total / population; a year with no population has no per-person figure.
    std::vector<double> divisor(periods.size(), 1.0);
    const Quantity shown_in = per_person ? per_person->unit.unit : unit.unit;
    if (per_person) {
        std::fill(divisor.begin(), divisor.end(), missing);
        for (const auto& p : per_person->population) {
            if (p.when.kind() == kind && p.when.start_year() >= periods.front().start_year() &&
                p.when.start_year() <= periods.back().start_year() && p.persons > 0.0) {
                divisor[slot(p.when)] = p.persons;
            }
        }
    }

    stacked_layer stack;
    stack.style = stack_style::areas;
    for (const auto& p : periods) stack.x.push_back(axis_position(p));
    for (const auto& s : sectors) {
        stack_category category{s.name, std::vector<double>(periods.size(), missing), std::nullopt};
        for (const auto& p : s.points) category.values[slot(p.when)] = units::in(p.value, shown_in) / divisor[slot(p.when)];
        stack.categories.push_back(std::move(category));
    }

    const std::string symbol = per_person ? per_person->unit.symbol + " per person" : unit.symbol;
    spec c;
    c.title = title_of(text) + (per_person ? ", per person" : "");
    c.source = text.source;
    c.y = {(per_person ? "Emissions per person (" + per_person->unit.symbol + ")" : "Emissions (" + unit.symbol + ")"), true};
    double first_x = axis_position(periods.front());
    double last_x = axis_position(periods.back());

    // The headline: the latest complete year against the first.
    std::vector<double> totals(periods.size(), missing);
    for (std::size_t i = 0; i < periods.size(); ++i) {
        double sum = 0.0;
        bool complete = true;
        for (const auto& cat : stack.categories) {
            if (std::isfinite(cat.values[i])) sum += cat.values[i];
            else complete = false;
        }
        if (complete) totals[i] = sum;
    }
    const auto first = std::find_if(totals.begin(), totals.end(), [](double v) { return std::isfinite(v); });
    const auto latest = std::find_if(totals.rbegin(), totals.rend(), [](double v) { return std::isfinite(v); });
    if (first != totals.end() && latest.base() - 1 != first && *first != 0.0) {
        const auto latest_at = static_cast<std::size_t>(std::distance(totals.begin(), latest.base() - 1));
        const auto first_at = static_cast<std::size_t>(std::distance(totals.begin(), first));
        const double change = *percent_change(*first, *latest);
        c.subtitle = periods[latest_at].label() + ": " + figure(*latest) + " " + symbol + ", " + percent(std::abs(change)) +
                     (change <= 0.0 ? " below " : " above ") + periods[first_at].label();
    }
    c.layers.emplace_back(std::move(stack));

    if (pathway && !per_person) {
        const auto& goal = pathway->goal;
        const auto& final_milestone = goal.milestones().back();
        line_layer route{final_milestone.reduction_pct >= 100.0 ? "Pathway to net zero by " + final_milestone.when.label() : "Target pathway",
                         {}, colour::black, line_pattern::dashed, false, marker_shape::circle};
        for (period p = goal.baseline(); p.start_year() <= final_milestone.when.start_year(); p = p + date::years{1}) {
            route.points.push_back({axis_position(p), units::in(pathway_value(goal, pathway->baseline_value, p), unit.unit)});
        }
        require_kind(kind, {goal.baseline()}, "the pathway");
        first_x = std::min(first_x, axis_position(goal.baseline()));
        last_x = std::max(last_x, axis_position(final_milestone.when));
        c.layers.emplace_back(std::move(route));
    }
    c.x = {kind, first_x, last_x};
    return c;
}

template spec area_chart(const area_series<units::co2e_mass>&, const chart_text&);
template spec area_chart(const area_series<units::co2_mass>&, const chart_text&);

}  // namespace carbontrack::chart
