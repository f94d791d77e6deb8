// Inventory totals per period, by scope or by source. Every period's total comes from the one total
// rule (boundary.hpp): a reported Total, else the rows when the boundary is covered, else unknown.
#pragma once

#include "carbontrack/boundary.hpp"
#include "carbontrack/inventory.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack {

enum class breakdown { scope, source };

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
    period_total totals;                    // the one total rule's answer for the period

    std::optional<units::co2e_mass> total() const { return totals.total; }
    total_basis basis() const { return totals.basis; }
    // "published", "complete", "partial: no rows for ..." or "boundary not declared".
    std::string total_basis_text() const { return totals.description(); }
    // Reported total minus its components; negative when the components exceed what was published.
    std::optional<units::co2e_mass> unattributed() const;
};

std::string_view to_string(breakdown b);

std::vector<period_summary> summarise(const std::vector<inventory_entry>& entries, breakdown by, const reporting_boundary& boundary);

// The per cent change from `from` to `to` ((to - from) / from x 100); a cut is negative.
double percent_change(units::co2e_mass from, units::co2e_mass to);

}  // namespace carbontrack
