#include "carbontrack/restate.hpp"

#include "carbontrack/error.hpp"

#include <algorithm>
#include <cmath>

namespace carbontrack {
namespace {

bool same_figure(units::co2e_mass a, units::co2e_mass b) {
    const double x = in(a, units::kilogram_co2e);
    const double y = in(b, units::kilogram_co2e);
    return std::abs(x - y) <= 1e-12 * std::max({1.0, std::abs(x), std::abs(y)});
}

bool selected(const period& when, const std::vector<period>& only) {
    return only.empty() || std::find(only.begin(), only.end(), when) != only.end();
}

std::optional<period_summary> summary_of(const std::vector<period_summary>& summaries, const period& when) {
    auto found = std::find_if(summaries.begin(), summaries.end(), [&](const period_summary& s) { return s.when == when; });
    if (found == summaries.end()) return std::nullopt;
    return *found;
}

}  // namespace

units::co2e_mass cost_with(const inventory_entry& row, double kg_co2e_per_unit) {
    if (!row.factor || !row.activity_amount) throw data_error(row.when.label() + " " + row.source + " is not a computed figure");
    const auto activity_unit = units::parse_unit(row.activity_unit);
    const auto factor_unit = units::parse_unit(row.factor->unit);
    if (!activity_unit || !factor_unit)
        throw data_error(row.when.label() + " " + row.source + ": the unit '" + (activity_unit ? row.factor->unit : row.activity_unit) +
                         "' is not one carbontrack can compute with");
    return units::emissions(units::make_activity(*row.activity_amount, *activity_unit), units::make_factor(kg_co2e_per_unit, *factor_unit));
}

inventory_entry as_first_reported(const inventory_entry& row) {
    if (!row.restated) return row;
    inventory_entry first = row;
    first.emissions = row.restated->first_reported;
    if (first.factor) first.factor->kg_co2e_per_unit = row.restated->first_reported_kg_co2e_per_unit;
    first.restated.reset();
    return first;
}

period_change restatement_plan::change_in(const period& when) const {
    const auto before = summary_of(summarise(entries_before, breakdown::source, boundary), when);
    const auto after = summary_of(summarise(entries_after, breakdown::source, boundary), when);
    period_change change;
    change.when = when;
    if (before) {
        change.total_before = before->total();
        change.components_before = before->components_total;
    }
    if (after) {
        change.total_after = after->total();
        change.components_after = after->components_total;
    }
    return change;
}

restatement_plan plan_restatement(const std::vector<inventory_entry>& entries, const reporting_boundary& boundary, int factor_year,
                                  const std::vector<period>& only, const current_factor_lookup& current) {
    restatement_plan plan;
    plan.boundary = boundary;
    plan.factor_year = factor_year;
    plan.entries_before = entries;
    plan.entries_after = entries;
    for (auto& row : plan.entries_after) {
        if (!row.factor || row.factor->year != factor_year || !selected(row.when, only)) continue;
        auto factor = current(factor_year, row.factor->name, row.factor->unit);
        if (!factor)
            throw data_error(row.when.label() + " " + row.source + " was costed with the " + std::to_string(factor_year) + " factor '" +
                             row.factor->name + "' per " + row.factor->unit + ", which is no longer stored; load it before restating");
        const auto after = cost_with(row, factor->kg_per_unit);
        if (same_figure(after, row.emissions)) continue;
        plan.rows.push_back({row, *factor, after});
        row.emissions = after;
        row.factor->kg_co2e_per_unit = factor->kg_per_unit;
        row.factor->source = factor->source;
    }
    std::vector<period> touched;
    for (const auto& r : plan.rows)
        if (std::find(touched.begin(), touched.end(), r.before.when) == touched.end()) touched.push_back(r.before.when);
    std::sort(touched.begin(), touched.end(), earlier);
    for (const auto& when : touched) plan.periods.push_back(plan.change_in(when));
    return plan;
}

}  // namespace carbontrack
