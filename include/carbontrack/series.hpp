// The series a target follows, named as users type them: for the council's own operations "total",
// "scope-1".."scope-3" or "source:NAME" (tCO2e, financial years); for an authority "within-scope" or
// "territorial", optionally ":SECTOR" (kt CO2 or kt CO2e by release, calendar years).
#pragma once

#include "carbontrack/area.hpp"
#include "carbontrack/boundary.hpp"
#include "carbontrack/inventory.hpp"
#include "carbontrack/progress.hpp"

#include <string>
#include <variant>
#include <vector>

namespace carbontrack {

// CO2e for own operations and CO2e releases; CO2 for CO2-only area releases.
using any_series = std::variant<tracked_series<units::co2e_mass>, tracked_series<units::co2_mass>>;

// The entity that means "this organisation's own operations".
inline constexpr std::string_view own_operations_entity = "council";

// The names a user can give, for help texts and error messages.
std::string_view own_operations_series_names();
std::string_view area_series_names();

// A series from the organisation's inventory. A period whose total is unknown (a council that
// publishes totals, in a year without one) is absent, never zero. Throws data_error for an unknown name.
tracked_series<units::co2e_mass> own_operations_series(const std::vector<inventory_entry>& entries, const reporting_boundary& boundary,
                                                       const std::string& name);

// A series from one area release for one selection (an authority, or districts summed to a county).
// A year is present only when every authority in the selection has a figure.
any_series area_series(const area_data& data, const area_selection& selection, const std::string& name);

// The same series for many selections of one release, in the selections' order; computed in one
// pass over the release rather than one per selection.
std::vector<any_series> area_series_for_each(const area_data& data, const std::vector<area_selection>& selections, const std::string& name);

class store;
struct organisation;

// A series with what it describes, for headings and chart source lines.
struct loaded_series {
    any_series series;
    std::string entity_label;  // "Leicestershire County Council (own operations)", "Leicestershire (sum of 7 districts)"
    std::string source;        // "own-operations inventory", "DESNZ local authority statistics, release NAME"
};

// Fetches `name` for `entity` ("council" for the organisation's own operations, else an authority
// code or name) from the store; area series come from `release`, or the newest when it is empty.
loaded_series load_series(const store& db, const organisation& org, const std::string& entity, const std::string& name,
                          const std::string& release = {});

const std::string& series_name(const any_series& series);
std::size_t series_size(const any_series& series);

}  // namespace carbontrack
