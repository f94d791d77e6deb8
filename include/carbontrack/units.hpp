// Physical quantities are Boost.Units types in one system: SI metre, kilogram and second plus three
// dimensions of our own (CO2e mass, CO2-only mass, passengers). Raw doubles leave only through in().
#pragma once

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/si/kilogram.hpp>
#include <boost/units/base_units/si/meter.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions/energy.hpp>
#include <boost/units/physical_dimensions/length.hpp>
#include <boost/units/physical_dimensions/mass.hpp>
#include <boost/units/physical_dimensions/volume.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/unit.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace carbontrack::units {

namespace bu = boost::units;

// CO2e and CO2 are different things: a tonne of CO2 only becomes a tonne of CO2e through as_co2e().
struct co2e_mass_base_dimension : bu::base_dimension<co2e_mass_base_dimension, 901> {};
struct co2_mass_base_dimension : bu::base_dimension<co2_mass_base_dimension, 902> {};
struct passenger_base_dimension : bu::base_dimension<passenger_base_dimension, 903> {};

using co2e_mass_dimension = co2e_mass_base_dimension::dimension_type;
using co2_mass_dimension = co2_mass_base_dimension::dimension_type;
using passenger_dimension = passenger_base_dimension::dimension_type;

struct kilogram_co2e_base_unit : bu::base_unit<kilogram_co2e_base_unit, co2e_mass_dimension, 901> {
    static const char* name() { return "kilogram CO2e"; }
    static const char* symbol() { return "kgCO2e"; }
};
struct kilogram_co2_base_unit : bu::base_unit<kilogram_co2_base_unit, co2_mass_dimension, 902> {
    static const char* name() { return "kilogram CO2"; }
    static const char* symbol() { return "kgCO2"; }
};
struct passenger_base_unit : bu::base_unit<passenger_base_unit, passenger_dimension, 903> {
    static const char* name() { return "passenger"; }
    static const char* symbol() { return "passenger"; }
};

using system = bu::make_system<bu::si::meter_base_unit, bu::si::kilogram_base_unit, bu::si::second_base_unit,
                               kilogram_co2e_base_unit, kilogram_co2_base_unit, passenger_base_unit>::type;

using co2e_mass_unit = bu::unit<co2e_mass_dimension, system>;
using co2_mass_unit = bu::unit<co2_mass_dimension, system>;
using energy_unit = bu::unit<bu::energy_dimension, system>;
using volume_unit = bu::unit<bu::volume_dimension, system>;
using length_unit = bu::unit<bu::length_dimension, system>;
using mass_unit = bu::unit<bu::mass_dimension, system>;
using passenger_unit = bu::unit<passenger_dimension, system>;
using freight_unit = bu::multiply_typeof_helper<mass_unit, length_unit>::type;
using passenger_distance_unit = bu::multiply_typeof_helper<passenger_unit, length_unit>::type;

using co2e_mass = bu::quantity<co2e_mass_unit>;
using co2_mass = bu::quantity<co2_mass_unit>;
using energy = bu::quantity<energy_unit>;
using volume = bu::quantity<volume_unit>;
using distance = bu::quantity<length_unit>;
using material_mass = bu::quantity<mass_unit>;  // fuel or waste by weight, never a greenhouse gas
using freight = bu::quantity<freight_unit>;
using passenger_distance = bu::quantity<passenger_distance_unit>;

// An emission factor is CO2e per unit of activity, so activity * factor is CO2e mass by algebra.
template <class ActivityUnit>
using factor_unit = typename bu::divide_typeof_helper<co2e_mass_unit, ActivityUnit>::type;
template <class ActivityUnit>
using emission_factor = bu::quantity<factor_unit<ActivityUnit>>;

// Named units. Canonical values are SI (joule, cubic metre, metre, kilogram) and kilograms of gas.
inline constexpr co2e_mass kilogram_co2e = co2e_mass::from_value(1.0);
inline constexpr co2e_mass tonne_co2e = co2e_mass::from_value(1e3);
inline constexpr co2e_mass kilotonne_co2e = co2e_mass::from_value(1e6);
inline constexpr co2_mass kilogram_co2 = co2_mass::from_value(1.0);
inline constexpr co2_mass tonne_co2 = co2_mass::from_value(1e3);
inline constexpr co2_mass kilotonne_co2 = co2_mass::from_value(1e6);
inline constexpr energy kilowatt_hour = energy::from_value(3.6e6);
inline constexpr energy megawatt_hour = energy::from_value(3.6e9);
inline constexpr energy gigawatt_hour = energy::from_value(3.6e12);
inline constexpr energy gigajoule = energy::from_value(1e9);
inline constexpr volume litre = volume::from_value(1e-3);
inline constexpr volume cubic_metre = volume::from_value(1.0);
inline constexpr distance kilometre = distance::from_value(1e3);
inline constexpr distance mile = distance::from_value(1609.344);
inline constexpr material_mass kilogram = material_mass::from_value(1.0);
inline constexpr material_mass tonne = material_mass::from_value(1e3);

// The only way out of the type system: the value of q counted in the named unit.
template <class Unit>
constexpr double in(const bu::quantity<Unit>& q, const bu::quantity<Unit>& named_unit) {
    return q.value() / named_unit.value();
}

// The one conversion from CO2-only mass to CO2e: CO2 has a global warming potential of exactly 1.
constexpr co2e_mass as_co2e(co2_mass m) { return co2e_mass::from_value(m.value()); }

// ---- Activities and factors as parsed from files -------------------------------------------------

enum class activity_kind { by_energy, by_volume, by_distance, by_mass, by_freight, by_passenger_distance };

std::string_view to_string(activity_kind kind);

using activity = std::variant<energy, volume, distance, material_mass, freight, passenger_distance>;
using any_emission_factor =
    std::variant<emission_factor<energy_unit>, emission_factor<volume_unit>, emission_factor<length_unit>,
                 emission_factor<mass_unit>, emission_factor<freight_unit>, emission_factor<passenger_distance_unit>>;

// Calorific basis of an energy figure: DESNZ quotes fuels per kWh gross or net CV.
enum class calorific_basis { unspecified, gross, net };

// A unit label understood at the input boundary ("GWh", "kWh (Gross CV)", "litres", "miles").
struct unit_spec {
    activity_kind kind;
    double canonical_per_unit;  // how many canonical (SI) units one of these is
    calorific_basis basis = calorific_basis::unspecified;
};

// nullopt for a label carbontrack cannot compute with (e.g. DESNZ's "Room per night").
std::optional<unit_spec> parse_unit(std::string_view label);

activity make_activity(double amount, const unit_spec& unit);
activity_kind kind_of(const activity& a);
// The activity counted in the given unit (for storage and display).
double amount_in(const activity& a, const unit_spec& unit);

// A factor of kg CO2e per one `unit`.
any_emission_factor make_factor(double kg_co2e_per_unit, const unit_spec& unit);
activity_kind kind_of(const any_emission_factor& f);

// activity x factor; throws data_error when the activity's dimension does not fit the factor's.
co2e_mass emissions(const activity& a, const any_emission_factor& f);

// Whether an activity in `activity_unit` may be costed with a factor quoted per `factor_unit`:
// same dimension, and no conflicting calorific basis.
bool fits(const unit_spec& activity_unit, const unit_spec& factor_unit);

// A greenhouse-gas mass with its unit, as typed by a user: "11,663 tCO2e", "3005.8 kt CO2".
using gas_mass = std::variant<co2e_mass, co2_mass>;
std::optional<gas_mass> parse_gas_mass_unit(double amount, std::string_view label);

}  // namespace carbontrack::units
