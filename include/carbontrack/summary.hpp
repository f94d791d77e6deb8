// Inventory totals per period. A period with a reported total (source "Total", blank scope) takes that
// figure as its total; its other rows are the breakdown and the unattributed remainder is shown.
#pragma once

#include "carbontrack/inventory.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack {

enum class breakdown { scope, source };

// How a period's total is known. An organisation that publishes totals (like Leicestershire) has
// only a breakdown for periods without one: summing a partial record would understate the total.
// An organisation with a full activity inventory and no published totals sums its rows.
enum class total_rule { sum_of_rows, reported_only };
total_rule rule_for(const std::vector<inventory_entry>& organisation_entries);

struct summary_line {
    std::string key;  // "Scope 2" or a source name
    units::co2e_mass emissions;
};

struct period_summary {
    period when = calendar_year{1900};
    std::vector<summary_line> lines;        // the components, ordered by key
    units::co2e_mass components_total;      // sum of the lines
    std::optional<units::co2e_mass> reported_total;
    std::vector<quality_flag> qualities;    // distinct flags seen in the period

    total_rule rule = total_rule::sum_of_rows;

    // The reported total; else the sum of the components under sum_of_rows; else unknown.
    std::optional<units::co2e_mass> total() const;
    // "reported", "sum of rows" or "partial (no reported total)".
    std::string_view total_basis() const;
    // Reported total minus its components; negative when the components exceed what was published.
    std::optional<units::co2e_mass> unattributed() const;
};

std::string_view to_string(breakdown b);

std::vector<period_summary> summarise(const std::vector<inventory_entry>& entries, breakdown by, total_rule rule);

}  // namespace carbontrack
