// The one number formatter: each named style as the tables, messages and JSON show it.
#include "carbontrack/output.hpp"

#include <catch2/catch.hpp>

using carbontrack::output::format_number;
using carbontrack::output::number_style;

TEST_CASE("numbers are written in one of five named styles", "[output]") {
    // Street lighting 2019/20: 9.2 GWh x 0.2556 kgCO2e/kWh = 2,351.52 tCO2e.
    const double street_lighting = 9'200'000.0 * 0.2556 / 1000.0;
    CHECK(format_number(street_lighting, number_style::grouped) == "2,351.5");
    CHECK(format_number(35778.0, number_style::grouped, 0) == "35,778");
    CHECK(format_number(-0.04, number_style::grouped) == "0.0");  // never "-0.0"
    CHECK(format_number(-118.00042, number_style::grouped) == "-118.0");
    CHECK(format_number(2041.2936836595334, number_style::fixed) == "2041.3");
    CHECK(format_number(1e12, number_style::shortest) == "1e+12");
    CHECK(format_number(64.0, number_style::shortest) == "64");
    CHECK(format_number(700000.0, number_style::typed) == "700000");
    CHECK(format_number(0.1 + 0.2, number_style::exact) == "0.30000000000000004");
    CHECK(carbontrack::output::display_number(11663.0) == "11,663.0");
}
