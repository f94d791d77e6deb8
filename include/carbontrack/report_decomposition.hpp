// Why a source's emissions moved between two periods: an activity effect and a factor effect that sum
// exactly to the change. Per matched row, E = a x f and the symmetric (Shapley) split is used:
//   dE = (a1 - a0)(f0 + f1)/2  +  (f1 - f0)(a0 + a1)/2,
// an identity with no interaction residue, so neither effect depends on which year is taken first.
#pragma once

#include "carbontrack/inventory.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack {

// One source's change from `from` to `to`. change = activity_effect + factor_effect + other.
// A row is matched across the periods by scope, source and factor name (an activity moving from miles
// to km is the same row: both are distances, costed with the factor quoted per its own unit). What
// cannot be split goes wholly to `other`, never to activity: a figure given in tCO2e (no activity or
// factor to separate), and a row present in only one of the two periods (started or stopped being
// counted; it has no factor in the other year to hold constant).
struct source_change {
    std::string source;
    std::optional<units::co2e_mass> from;  // the source's rows in the earlier period; none when it has none
    std::optional<units::co2e_mass> to;
    units::co2e_mass change;  // to - from, a missing side counting as no rows
    units::co2e_mass activity_effect;
    units::co2e_mass factor_effect;
    units::co2e_mass other;
    std::vector<std::string> other_reasons;  // "scope 3 Waste given in tCO2e", one per row sent to other
};

// Splits the change of every source with rows in either period; ordered by source name. Reported
// totals are not rows of a source and are left out (their unattributed remainder is no activity).
std::vector<source_change> split_change(const std::vector<inventory_entry>& from, const std::vector<inventory_entry>& to);

}  // namespace carbontrack
