#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using namespace carbontrack;
using Catch::Matchers::WithinRel;

TEST_CASE("numbers are read as councils type them", "[csv]") {
    auto [text, value] = GENERATE(table<const char*, double>({
        {"11663", 11663.0},
        {"11,663", 11663.0},
        {"1,234,567.5", 1234567.5},
        {" 9.2 ", 9.2},
        {"+4", 4.0},
        {"-0.5", -0.5},
        {"2.549917943351951E-4", 2.549917943351951e-4},
        {"0", 0.0},
    }));
    CAPTURE(text);
    const auto parsed = csv::parse_number(text);
    REQUIRE(parsed);
    CHECK_THAT(*parsed, WithinRel(value, 1e-15));
}

TEST_CASE("text that is not a finite number is refused", "[csv]") {
    auto text = GENERATE("", "  ", "abc", "12a", "NaN", "nan", "inf", "-inf", "1e999", "1,2", "12,34", "1,2345", ",123", "1.2.3",
                         "1.234,5", "< 1");
    CAPTURE(text);
    CHECK_FALSE(csv::parse_number(text));
    CHECK_FALSE(csv::number_problem(text).empty());
}

TEST_CASE("NaN and infinity are named as not finite", "[csv]") {
    CHECK(csv::number_problem("NaN").find("finite") != std::string::npos);
}

TEST_CASE("an amount and its unit are split at the input boundary", "[csv]") {
    auto [text, amount, unit] = GENERATE(table<const char*, double, const char*>({
        {"9.2 GWh", 9.2, "GWh"},
        {"9.2GWh", 9.2, "GWh"},
        {"11,663 tCO2e", 11663.0, "tCO2e"},
        {"120 kWh (Gross CV)", 120.0, "kWh (Gross CV)"},
    }));
    CAPTURE(text);
    const auto parsed = csv::parse_amount_with_unit(text);
    REQUIRE(parsed);
    CHECK_THAT(parsed->first, WithinRel(amount, 1e-15));
    CHECK(parsed->second == unit);
    CHECK_FALSE(csv::parse_amount_with_unit("GWh"));
    CHECK_FALSE(csv::parse_amount_with_unit("9.2"));
}

TEST_CASE("a header is read from plain and compressed files alike", "[csv]") {
    SECTION("the shipped key CSV") {
        const auto header = csv::read_header(testing::key_factors());
        REQUIRE(header.size() == 6);
        CHECK(header.front() == "factor_year");
    }
    SECTION("the shipped flat file is gzip") {
        const auto header = csv::read_header(testing::flat_factors());
        REQUIRE(header.size() == 11);
        CHECK(header[3] == "level_1");
        CHECK(header.back() == "value");
    }
    SECTION("a UTF-8 BOM from Excel is not part of the first name") {
        testing::scratch_dir dir;
        const auto header = csv::read_header(testing::write_file(dir / "bom.csv", "\xEF\xBB\xBFperiod,scope\r\n2019/20,2\r\n"));
        REQUIRE(header.size() == 2);
        CHECK(header[0] == "period");
        CHECK(header[1] == "scope");
    }
    SECTION("an empty file is an error at line 1") {
        testing::scratch_dir dir;
        CHECK_THROWS_AS(csv::read_header(testing::write_file(dir / "empty.csv", "")), parse_error);
    }
    SECTION("a missing file says so") {
        CHECK_THROWS_WITH(csv::read_header("/nonexistent/file.csv"), Catch::Matchers::Contains("no such file"));
    }
}
