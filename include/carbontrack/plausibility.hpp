// Plausibility warnings over an organisation's inventory: figures that are allowed but look like a
// typing or unit slip. They never block an import; `check` lists them as warnings.
#pragma once

#include "carbontrack/inventory.hpp"

#include <string>
#include <vector>

namespace carbontrack {

// A tCO2e change of more than this factor on the same source and site from one period to the next.
inline constexpr double implausible_change_factor = 5.0;

// Warnings for `entries` (one organisation's rows), in period order: a source and site whose tCO2e
// moves by more than implausible_change_factor against the previous period; electricity T&D losses
// whose kWh differ from the electricity kWh of the same source, site and period; a period with rows
// but none in scope 2. Only periods in `periods` are reported when it is not empty.
std::vector<std::string> plausibility_warnings(const std::vector<inventory_entry>& entries, const std::vector<period>& periods = {});

}  // namespace carbontrack
