// Every authority against one net-zero year at once: the same progress maths as a single target,
// run over each district and unitary of an area release.
#pragma once

#include "carbontrack/area.hpp"
#include "carbontrack/progress.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace carbontrack {

using any_progress_report = std::variant<progress_report<units::co2e_mass>, progress_report<units::co2_mass>>;

struct authority_assessment {
    std::string code;
    std::string name;
    std::optional<any_progress_report> report;
    std::string problem;  // why there is no report (no data, no baseline)
};

// Assesses `series` ("within-scope", "territorial", optionally ":SECTOR") for each area against net
// zero by `net_zero_year` from `baseline_year` (default: the area's first year with data), linear.
std::vector<authority_assessment> assess_all_authorities(const area_data& data, const std::vector<area_selection>& areas,
                                                         const std::string& series, int net_zero_year,
                                                         std::optional<int> baseline_year);

}  // namespace carbontrack
