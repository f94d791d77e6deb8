// A restatement recomputes figures already reported with the factors now stored for their factor year
// (the published set or its latest revision). Nothing changes silently: a preview of old vs new comes
// first, and only an explicit apply with a reason writes the new figures, keeping the old ones.
#pragma once

#include "carbontrack/factors.hpp"
#include "carbontrack/inventory.hpp"
#include "carbontrack/summary.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace carbontrack {

struct restated_row {
    inventory_entry before;  // as stored now
    factor_record factor;    // the factor now stored for the row's year, name and unit
    units::co2e_mass after;
};

// A period's figures before and after: its total as the summary rules give it (a reported total is
// published and never recomputed) and the sum of its component rows.
struct period_change {
    period when = calendar_year{1900};
    std::optional<units::co2e_mass> total_before;
    std::optional<units::co2e_mass> total_after;
    units::co2e_mass components_before;
    units::co2e_mass components_after;

    // The figure a reader compares: the total when known, else the components (a partial record).
    units::co2e_mass figure_before() const { return total_before.value_or(components_before); }
    units::co2e_mass figure_after() const { return total_after.value_or(components_after); }
    bool total_known() const { return total_before.has_value(); }
};

struct restatement_plan {
    int factor_year = 0;
    std::vector<restated_row> rows;       // only rows whose figure changes
    std::vector<period_change> periods;   // every period the rows belong to
    // The organisation's whole inventory with the new figures, for before/after comparisons of any period.
    std::vector<inventory_entry> entries_before;
    std::vector<inventory_entry> entries_after;
    reporting_boundary boundary;  // the organisation's, so totals before and after follow the one rule

    // A period's change, whether or not the restatement touches it.
    period_change change_in(const period& when) const;
};

// The CO2e factor now stored for a factor year, name and unit; nullopt when there is none.
using current_factor_lookup = std::function<std::optional<factor_record>(int year, const std::string& name, const std::string& unit)>;

// Plans the restatement of every computed row of `entries` (one organisation's inventory) whose period
// uses `factor_year`, limited to `only` when it is not empty. A row whose factor is no longer stored is a
// data_error: carbontrack will not guess a replacement.
restatement_plan plan_restatement(const std::vector<inventory_entry>& entries, const reporting_boundary& boundary, int factor_year,
                                  const std::vector<period>& only, const current_factor_lookup& current);

// activity x a factor of `kg_co2e_per_unit` per the row's factor unit; the row must be a computed one.
units::co2e_mass cost_with(const inventory_entry& computed_row, double kg_co2e_per_unit);

// The row as first reported, before any restatement (itself when never restated): a re-import of the
// original file matches it and so changes nothing.
inventory_entry as_first_reported(const inventory_entry& row);

}  // namespace carbontrack
