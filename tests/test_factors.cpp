#include "carbontrack/error.hpp"
#include "carbontrack/factors.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace carbontrack;
using Catch::Matchers::WithinRel;

namespace {

const factor_record& find(const std::vector<factor_record>& factors, int year, const std::string& name, const std::string& unit,
                          const std::string& gas = "CO2e") {
    auto it = std::find_if(factors.begin(), factors.end(),
                           [&](const factor_record& f) { return f.year == year && f.name == name && f.unit == unit && f.gas == gas; });
    if (it == factors.end()) FAIL("no " << year << " factor " << name << " per " << unit);
    return *it;
}

}  // namespace

TEST_CASE("the shipped key CSV holds 13 factors for each of 2016-2025", "[factors]") {
    const auto file = read_factor_file(testing::key_factors());
    CHECK(file.layout == factor_layout::key);
    CHECK(file.factors.size() == 130);
    SECTION("the 2019 UK electricity factor is 0.2556 kgCO2e/kWh") {
        const auto& f = find(file.factors, 2019, "uk_electricity_generated", "kWh");
        CHECK_THAT(f.kg_per_unit, WithinRel(0.2556, 1e-12));
        CHECK(f.source == "official-xls-via-cfkg");
    }
    SECTION("the 2019 transmission and distribution factor is 0.0217") {
        CHECK_THAT(find(file.factors, 2019, "uk_electricity_td_losses", "kWh").kg_per_unit, WithinRel(0.0217, 1e-12));
    }
    SECTION("natural gas keeps its gross calorific basis") {
        CHECK_THAT(find(file.factors, 2020, "natural_gas_gross_cv", "kWh (Gross CV)").kg_per_unit, WithinRel(0.18387, 1e-12));
    }
}

TEST_CASE("the shipped DESNZ flat file reads in full", "[factors]") {
    const auto file = read_factor_file(testing::flat_factors());
    CHECK(file.layout == factor_layout::flat);
    // 61,053 rows: 56,790 published figures and 4,263 without one (4,259 blank cells, two "< 1"
    // bounds counted twice over gases, and the END markers of 2023 and 2025).
    CHECK(file.factors.size() == 56'790);
    CHECK(file.rows_without_value == 4'263);
    SECTION("the 2019 UK electricity factor is 0.2556 under its DESNZ level path") {
        const auto& f = find(file.factors, 2019, "UK electricity > Electricity generated > Electricity: UK", "kWh");
        CHECK_THAT(f.kg_per_unit, WithinRel(0.2556, 1e-12));
        CHECK(f.scope == "Scope 2");
    }
    SECTION("component gases are kept beside CO2e") {
        const auto& ch4 = find(file.factors, 2016, "Fuels > Gaseous fuels > CNG > Energy - Gross CV", "kWh (Gross CV)", "CH4");
        CHECK_THAT(ch4.kg_per_unit, WithinRel(2.549917943351951e-4, 1e-12));
    }
}

TEST_CASE("an activity's unit picks the factor quoted per that dimension", "[factors]") {
    const auto file = read_factor_file(testing::key_factors());
    std::vector<factor_record> car;
    std::copy_if(file.factors.begin(), file.factors.end(), std::back_inserter(car),
                 [](const factor_record& f) { return f.year == 2019 && f.name == "average_car_unknown_fuel"; });
    REQUIRE(car.size() == 2);
    SECTION("miles choose the per-mile factor") { CHECK(choose_factor(car, *units::parse_unit("miles"))->unit == "miles"); }
    SECTION("km choose the per-km factor") { CHECK(choose_factor(car, *units::parse_unit("km"))->unit == "km"); }
    SECTION("litres choose nothing") { CHECK_FALSE(choose_factor(car, *units::parse_unit("litres"))); }
    SECTION("GWh fits a per kWh (Gross CV) factor") {
        std::vector<factor_record> gas;
        std::copy_if(file.factors.begin(), file.factors.end(), std::back_inserter(gas),
                     [](const factor_record& f) { return f.year == 2019 && f.name == "natural_gas_gross_cv"; });
        CHECK(choose_factor(gas, *units::parse_unit("GWh")));
    }
}

TEST_CASE("a DESNZ level path joins the levels that are present", "[factors]") {
    CHECK(level_path({"UK electricity", "Electricity generated", "Electricity: UK", "", ""}) ==
          "UK electricity > Electricity generated > Electricity: UK");
    CHECK(level_path({"Fuels", " Gaseous  fuels ", "Natural gas", "", "Energy - Gross CV"}) ==
          "Fuels > Gaseous fuels > Natural gas > Energy - Gross CV");
}

TEST_CASE("bad factor files are refused with every bad line", "[factors]") {
    auto [file, line, message] = GENERATE(table<const char*, std::size_t, const char*>({
        {"unknown_layout.csv", 1, "unknown factor file layout"},
        {"non_numeric_value.csv", 3, "'zero point two' is not a number"},
        {"negative_value.csv", 2, "cannot be negative"},
        {"duplicate_factor.csv", 3, "already appears on line 2"},
        {"bad_year.csv", 2, "is not a factor year"},
        {"unknown_unit.csv", 2, "unknown unit 'kWhs'"},
        {"bad_ghg_unit.csv", 2, "ghg_unit must be"},
    }));
    CAPTURE(file);
    testing::check_rejected([](const auto& path) { read_factor_file(path); }, testing::test_data(std::string("bad/factors/") + file), line,
                            message);
}
