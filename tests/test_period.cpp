#include "carbontrack/error.hpp"
#include "carbontrack/period.hpp"

#include <catch2/catch.hpp>

using namespace carbontrack;
using namespace date::literals;

namespace {

template <class A, class B>
concept can_add = requires(A a, B b) { a + b; };

}  // namespace

// Periods are points: they subtract to years and move by years, but never add to each other.
static_assert(!can_add<financial_year, financial_year>, "financial_year + financial_year must not compile");
static_assert(!can_add<calendar_year, calendar_year>, "calendar_year + calendar_year must not compile");
static_assert(!can_add<period, period>, "period + period must not compile");
static_assert(!std::is_convertible_v<int, financial_year>, "an int is not implicitly a financial year");
static_assert(can_add<financial_year, date::years>);
static_assert(financial_year{2024} - financial_year{2016} == date::years{8});

TEST_CASE("a financial year starts on 1 April and ends on 31 March", "[period]") {
    const financial_year fy{2016};
    CHECK(fy.first_day() == 2016_y / date::April / 1);
    CHECK(fy.last_day() == 2017_y / date::March / 31);
    CHECK(fy.contains(date::sys_days{2017_y / date::March / 31}));
    CHECK_FALSE(fy.contains(date::sys_days{2016_y / date::March / 31}));
    CHECK(fy.label() == "2016/17");
}

TEST_CASE("financial years are written in the forms councils use", "[period]") {
    auto text = GENERATE("2016/17", "2016-17", "FY2016/17", "FY 2016/17", "fy2016-17", "2016/2017", "2016-2017", " 2016/17 ");
    CAPTURE(text);
    const auto parsed = try_parse_period(text);
    REQUIRE(parsed);
    CHECK(parsed->kind() == period_kind::financial_year);
    CHECK(parsed->start_year() == 2016);
    CHECK(parsed->label() == "2016/17");
}

TEST_CASE("the turn of the century reads correctly", "[period]") {
    CHECK(parse_period("1999/00").start_year() == 1999);
    CHECK(financial_year{1999}.label() == "1999/00");
}

TEST_CASE("a four-digit year is a calendar year", "[period]") {
    const auto parsed = parse_period("2020");
    CHECK(parsed.kind() == period_kind::calendar_year);
    CHECK(parsed.label() == "2020");
    CHECK(parsed.first_day() == 2020_y / date::January / 1);
    CHECK(parsed.last_day() == 2020_y / date::December / 31);
}

TEST_CASE("impossible periods are refused with the offending text", "[period]") {
    auto text = GENERATE("2016/18", "2016/16", "2016-2018", "16/17", "2016/7", "FY", "", "twenty", "2016/17/18", "1899", "2016 17");
    CAPTURE(text);
    CHECK_FALSE(try_parse_period(text));
    CHECK_THROWS_AS(parse_period(text), data_error);
    CHECK_FALSE(period_problem(text).empty());
}

TEST_CASE("a year that does not follow says what would", "[period]") {
    CHECK(period_problem("2016/18").find("2016/17") != std::string::npos);
}

TEST_CASE("periods order in time and subtract to years", "[period]") {
    const period baseline = financial_year{2016};
    const period latest = financial_year{2023};
    CHECK(earlier(baseline, latest));
    CHECK_FALSE(earlier(latest, baseline));
    CHECK(years_between(baseline, latest) == date::years{7});
    CHECK(baseline + date::years{8} == period{financial_year{2024}});
    SECTION("kinds do not mix") {
        CHECK_THROWS_AS(years_between(baseline, period{calendar_year{2020}}), data_error);
        CHECK_THROWS_AS(earlier(baseline, period{calendar_year{2020}}), data_error);
    }
}

TEST_CASE("an activity uses the factor set of the calendar year holding most of its period", "[period]") {
    auto [text, factor_year] = GENERATE(table<const char*, int>({
        {"2019/20", 2019},  // April-December 2019 is 275 days; January-March 2020 is 91
        {"2016/17", 2016},
        {"2023/24", 2023},
        {"2020", 2020},
    }));
    CAPTURE(text);
    CHECK(parse_period(text).factor_year() == factor_year);
}
