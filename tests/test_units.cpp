#include "carbontrack/error.hpp"
#include "carbontrack/percent_change.hpp"
#include "carbontrack/units.hpp"

#include <catch2/catch.hpp>

#include <type_traits>

using namespace carbontrack::units;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// Detection idiom: whether `a + b` is a valid expression for these types.
template <class A, class B>
concept can_add = requires(A a, B b) { a + b; };
template <class A, class B>
concept can_subtract = requires(A a, B b) { a - b; };
template <class A, class B>
concept can_take_percent_change = requires(A a, B b) { carbontrack::percent_change(a, b); };

}  // namespace

// What must never compile. Each line is a unit mistake a council spreadsheet makes silently.
static_assert(!can_add<co2e_mass, energy>, "kWh + tCO2e must not compile");
static_assert(!can_add<energy, co2e_mass>, "tCO2e + kWh must not compile");
static_assert(!can_add<co2e_mass, co2_mass>, "tCO2 + tCO2e must not compile");
static_assert(!can_subtract<co2e_mass, co2_mass>, "tCO2e - tCO2 must not compile");
static_assert(!can_add<co2e_mass, double>, "a plain double + tCO2e must not compile");
static_assert(!can_add<double, co2e_mass>, "tCO2e + a plain double must not compile");
static_assert(!std::is_convertible_v<double, co2e_mass>, "a double is not implicitly a tCO2e");
static_assert(!can_take_percent_change<co2e_mass, co2_mass>, "a change from tCO2e to tCO2 must not compile");
static_assert(!can_take_percent_change<co2e_mass, energy>, "a change from tCO2e to kWh must not compile");
static_assert(!std::is_convertible_v<co2_mass, co2e_mass>, "tCO2 becomes tCO2e only through as_co2e()");
static_assert(!can_add<energy, volume>, "kWh + litres must not compile");
static_assert(!can_add<distance, material_mass>, "miles + tonnes must not compile");
// And what must.
static_assert(can_add<co2e_mass, co2e_mass>);
static_assert(can_add<co2_mass, co2_mass>);
static_assert(std::is_same_v<decltype(energy{} * emission_factor<energy_unit>{}), co2e_mass>,
              "activity x factor is CO2e mass by algebra");
static_assert(std::is_same_v<decltype(distance{} * emission_factor<length_unit>{}), co2e_mass>);
static_assert(!std::is_same_v<decltype(volume{} * emission_factor<energy_unit>{}), co2e_mass>,
              "litres x a per-kWh factor is not an emission");

TEST_CASE("named units convert at the boundary only", "[units]") {
    SECTION("GWh to kWh") { CHECK_THAT(in(9.2 * gigawatt_hour, kilowatt_hour), WithinRel(9.2e6, 1e-12)); }
    SECTION("tonnes and kilotonnes of CO2e") {
        CHECK_THAT(in(2.5 * kilotonne_co2e, tonne_co2e), WithinRel(2500.0, 1e-12));
        CHECK_THAT(in(1500.0 * kilogram_co2e, tonne_co2e), WithinRel(1.5, 1e-12));
    }
    SECTION("miles to km") { CHECK_THAT(in(1.0 * mile, kilometre), WithinRel(1.609344, 1e-12)); }
    SECTION("litres to cubic metres") { CHECK_THAT(in(1000.0 * litre, cubic_metre), WithinRel(1.0, 1e-12)); }
    SECTION("CO2 becomes CO2e one for one through the named conversion") {
        CHECK_THAT(in(as_co2e(3005.8 * kilotonne_co2), kilotonne_co2e), WithinRel(3005.8, 1e-12));
    }
}

TEST_CASE("9.2 GWh of electricity at the 2019 factor is 2,351.5 tCO2e", "[units]") {
    // 9.2 GWh = 9,200,000 kWh; x 0.2556 kgCO2e/kWh = 2,351,520 kg = 2,351.52 t.
    const auto factor = make_factor(0.2556, *parse_unit("kWh"));
    const auto activity = make_activity(9.2, *parse_unit("GWh"));
    CHECK_THAT(in(emissions(activity, factor), tonne_co2e), WithinRel(2351.52, 1e-12));
}

TEST_CASE("unit labels are parsed at the input boundary", "[units]") {
    auto [label, kind, per_unit] = GENERATE(table<const char*, activity_kind, double>({
        {"kWh", activity_kind::by_energy, 3.6e6},
        {"MWh", activity_kind::by_energy, 3.6e9},
        {"GWh", activity_kind::by_energy, 3.6e12},
        {"kWh (Gross CV)", activity_kind::by_energy, 3.6e6},
        {"kwh (net cv)", activity_kind::by_energy, 3.6e6},
        {"GJ", activity_kind::by_energy, 1e9},
        {"litres", activity_kind::by_volume, 1e-3},
        {"cubic metres", activity_kind::by_volume, 1.0},
        {"m3", activity_kind::by_volume, 1.0},
        {"million litres", activity_kind::by_volume, 1e3},
        {"km", activity_kind::by_distance, 1e3},
        {"miles", activity_kind::by_distance, 1609.344},
        {"tonnes", activity_kind::by_mass, 1e3},
        {"tonne.km", activity_kind::by_freight, 1e6},
        {"passenger.km", activity_kind::by_passenger_distance, 1e3},
    }));
    CAPTURE(label);
    const auto unit = parse_unit(label);
    REQUIRE(unit);
    CHECK(unit->kind == kind);
    CHECK_THAT(unit->canonical_per_unit, WithinRel(per_unit, 1e-12));
}

TEST_CASE("labels carbontrack cannot compute with are refused", "[units]") {
    auto label = GENERATE("kWhh", "Room per night", "per FTE Working Hour", "", "litres (Gross CV)", "tCO2e");
    CAPTURE(label);
    CHECK_FALSE(parse_unit(label));
}

TEST_CASE("an activity only fits a factor of the same dimension and calorific basis", "[units]") {
    const auto gross = *parse_unit("kWh (Gross CV)");
    SECTION("GWh fits a per-kWh (Gross CV) factor") { CHECK(fits(*parse_unit("GWh"), gross)); }
    SECTION("an explicitly net figure does not fit a gross factor") { CHECK_FALSE(fits(*parse_unit("kWh (Net CV)"), gross)); }
    SECTION("litres do not fit a per-kWh factor") { CHECK_FALSE(fits(*parse_unit("litres"), gross)); }
    SECTION("multiplying across dimensions is a data error, not a wrong number") {
        const auto per_kwh = make_factor(0.2556, *parse_unit("kWh"));
        CHECK_THROWS_AS(emissions(make_activity(100, *parse_unit("litres")), per_kwh), carbontrack::data_error);
    }
}

TEST_CASE("greenhouse-gas masses keep CO2 and CO2e apart when parsed", "[units]") {
    SECTION("tCO2e") {
        auto mass = parse_gas_mass_unit(11663, "tCO2e");
        REQUIRE(mass);
        REQUIRE(std::holds_alternative<co2e_mass>(*mass));
        CHECK_THAT(in(std::get<co2e_mass>(*mass), tonne_co2e), WithinRel(11663.0, 1e-12));
    }
    SECTION("kt CO2 is CO2 only") {
        auto mass = parse_gas_mass_unit(3005.8, "kt CO2");
        REQUIRE(mass);
        REQUIRE(std::holds_alternative<co2_mass>(*mass));
        CHECK_THAT(in(std::get<co2_mass>(*mass), tonne_co2), WithinRel(3005800.0, 1e-12));
    }
    SECTION("an unknown gas unit") { CHECK_FALSE(parse_gas_mass_unit(1, "t CH4")); }
}

TEST_CASE("an amount leaves the type system in the unit it was given in", "[units]") {
    const auto unit = *parse_unit("miles");
    const auto trip = make_activity(1234.5, unit);
    CHECK(kind_of(trip) == activity_kind::by_distance);
    CHECK_THAT(amount_in(trip, unit), WithinRel(1234.5, 1e-12));
    CHECK_THROWS_AS(amount_in(trip, *parse_unit("kWh")), carbontrack::data_error);
}

TEST_CASE("a percent change is of the first level, and there is none from zero", "[units]") {
    // Leicestershire's published totals: (11,663 - 35,778) / 35,778 x 100 = -67.40176...
    CHECK_THAT(*carbontrack::percent_change(35778.0 * tonne_co2e, 11663.0 * tonne_co2e), WithinAbs(-67.40176, 1e-5));
    // The county's within-scope CO2, 2005 to 2020 (kt): (3,005.78 - 4,998.05) / 4,998.05 = -39.86%.
    CHECK_THAT(*carbontrack::percent_change(4998.045302 * kilotonne_co2, 3005.777891 * kilotonne_co2), WithinAbs(-39.8609, 1e-4));
    CHECK_THAT(*carbontrack::percent_change(80.0, 100.0), WithinAbs(25.0, 1e-12));
    CHECK_FALSE(carbontrack::percent_change(0.0 * tonne_co2e, 5.0 * tonne_co2e));
    CHECK_FALSE(carbontrack::percent_change(0.0, 5.0));
}
