// Quantities an indicator counts beside the emissions units: counts and shares are dimensionless,
// generation capacity is power. Two parts divide to a share only when their dimensions cancel.
#pragma once

#include "carbontrack/units.hpp"

#include <boost/units/physical_dimensions/power.hpp>

#include <concepts>

namespace carbontrack::units {

using dimensionless_unit = bu::unit<bu::dimensionless_type, system>;
// A count of things (trees, vehicles) or a fraction of a whole: 43.1% is share 0.431.
using share = bu::quantity<dimensionless_unit>;
using power_unit = bu::unit<bu::power_dimension, system>;
using power = bu::quantity<power_unit>;

inline constexpr share whole_one = share::from_value(1.0);
inline constexpr share percent = share::from_value(0.01);
inline constexpr power watt = power::from_value(1.0);
inline constexpr power kilowatt = power::from_value(1e3);
inline constexpr power megawatt = power::from_value(1e6);

// Whether part / whole is a share by the unit algebra: kWh / kWh is, kWh / tonnes is not.
template <class Part, class Whole>
concept divides_to_share = requires(Part part, Whole whole) {
    { part / whole } -> std::same_as<share>;
};

}  // namespace carbontrack::units
