// A change between two levels as a per cent of the first: percent_change(100 t, 90 t) is -10. Both
// are points in one unit; a change from zero has no percentage, so there is none (never inf or nan).
#pragma once

#include <optional>

namespace carbontrack {

// On quantities of one dimension (tCO2e, kt CO2): the unit hub makes a mismatch fail to compile.
template <class Quantity>
    requires requires(const Quantity& q) { q.value(); }
std::optional<double> percent_change(const Quantity& from, const Quantity& to) {
    if (from.value() == 0) return std::nullopt;
    return ((to - from) / from).value() * 100.0;
}

// On figures already in one display unit (a chart's values, a report's cells).
inline std::optional<double> percent_change(double from, double to) {
    if (from == 0) return std::nullopt;
    return (to - from) / from * 100.0;
}

}  // namespace carbontrack
