// progress --all-authorities: every district and unitary of an area release (or every council of the
// tiers asked for) against one net-zero year.
#pragma once

#include "cli/context.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack::cli {

struct all_authorities_options {
    std::string series = "within-scope";
    int net_zero_year = 2045;
    std::optional<int> baseline;
    std::string sort = "net-zero-year";
    std::string release;
    std::vector<area_tier> tiers{area_tier::district};
    output::format format = output::format::table;
};

int run_all_authorities(const all_authorities_options& options, context& ctx);

}  // namespace carbontrack::cli
