// The unit and amount parsers at the input boundary: activity units, "9.2 GWh" amounts, numbers as
// councils type them, CO2e/CO2 masses ("11,663 tCO2e") and indicator units ("MWh", "trees").
#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/indicator.hpp"
#include "carbontrack/target.hpp"
#include "carbontrack/units.hpp"

#include <cmath>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace carbontrack;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto unit = units::parse_unit(text); unit && !(unit->canonical_per_unit > 0)) std::abort();
    if (auto number = csv::parse_number(text); number && !std::isfinite(*number)) std::abort();
    if (!csv::parse_number(text) && csv::number_problem(text).empty()) std::abort();
    if (auto amount = csv::parse_amount_with_unit(text)) {
        if (!std::isfinite(amount->first) || amount->second.empty()) std::abort();
        units::parse_unit(amount->second);
    }
    try {
        parse_gas_mass(text);
    } catch (const error&) {
    }
    try {
        parse_indicator_unit(text);
    } catch (const error&) {
    }
    return 0;
}
