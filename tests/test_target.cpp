#include "carbontrack/error.hpp"
#include "carbontrack/target.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <tuple>
#include <vector>

using namespace carbontrack;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

period fy(int start_year) { return financial_year{start_year}; }
period cy(int year) { return calendar_year{year}; }

target_definition council_definition() {
    return target_definition{"Own operations", "council", "own-operations-total", fy(2016),
                             {{fy(2024), 64.0}, {fy(2029), 100.0}}, pathway_kind::linear, std::nullopt, std::nullopt};
}

}  // namespace

TEST_CASE("a milestone is written as a period and a per cent reduction", "[target]") {
    auto [text, when, reduction] = GENERATE(table<std::string, period, double>({
        {"2024/25:64%", fy(2024), 64.0},
        {"2029/30:100%", fy(2029), 100.0},
        {"2045:100%", cy(2045), 100.0},
        {"FY2016/17:12.5%", fy(2016), 12.5},
        {"2024-25: 64 %", fy(2024), 64.0},
        {"2030:0%", cy(2030), 0.0},
        {"2030:50", cy(2030), 50.0},
    }));
    CAPTURE(text);
    const milestone m = parse_milestone(text);
    CHECK(m.when == when);
    CHECK_THAT(m.reduction_pct, WithinAbs(reduction, 1e-12));
}

TEST_CASE("a milestone prints in the form it is parsed from", "[target]") {
    CHECK(to_string(milestone{fy(2024), 64.0}) == "2024/25:64%");
    CHECK(to_string(milestone{cy(2045), 100.0}) == "2045:100%");
    CHECK(to_string(milestone{fy(2016), 12.5}) == "2016/17:12.5%");
    CHECK(parse_milestone(to_string(milestone{fy(2029), 100.0})) == milestone{fy(2029), 100.0});
}

TEST_CASE("a bad milestone is refused with a message naming its text", "[target]") {
    auto [text, fragment] = GENERATE(table<std::string, std::string>({
        {"2024/26:64%", "'2024/26:64%'"},
        {"2024/26:64%", "2024/25"},  // the message says which financial year follows 2024
        {"2024/25:164%", "between 0% and 100%"},
        {"2024/25:-5%", "between 0% and 100%"},
        {"2024/25:sixty%", "'sixty%' is not a per cent"},
        {"2024/25:", "is not a per cent"},
        {"2024/25", "is not PERIOD:PCT"},
        {"soon:50%", "'soon' is not a period"},
        {"2024/25:nan%", "is not a per cent"},
    }));
    CAPTURE(text);
    CHECK_THROWS_WITH(parse_milestone(text), Contains(fragment));
}

TEST_CASE("milestones follow the baseline, in increasing order, in the baseline's period kind", "[target]") {
    const period baseline = fy(2016);

    SECTION("a well-formed list is accepted and kept in order") {
        const std::vector<std::string> texts{"2024/25:64%", "2029/30:100%"};
        const auto milestones = parse_milestones(baseline, texts);
        REQUIRE(milestones.size() == 2);
        CHECK(milestones[0] == milestone{fy(2024), 64.0});
        CHECK(milestones[1] == milestone{fy(2029), 100.0});
    }
    SECTION("a milestone in the baseline period is refused") {
        const std::vector<std::string> texts{"2016/17:10%"};
        CHECK_THROWS_WITH(parse_milestones(baseline, texts), Contains("'2016/17:10%' must come after the baseline 2016/17"));
    }
    SECTION("a milestone before the baseline is refused") {
        const std::vector<std::string> texts{"2010/11:10%"};
        CHECK_THROWS_WITH(parse_milestones(baseline, texts), Contains("'2010/11:10%' must come after the baseline"));
    }
    SECTION("milestones out of order are refused, naming both") {
        const std::vector<std::string> texts{"2029/30:100%", "2024/25:64%"};
        CHECK_THROWS_WITH(parse_milestones(baseline, texts),
                          Contains("'2024/25:64%' must come after the milestone before it, '2029/30:100%'"));
    }
    SECTION("two milestones in one period are refused") {
        const std::vector<std::string> texts{"2024/25:64%", "2024/25:70%"};
        CHECK_THROWS_WITH(parse_milestones(baseline, texts), Contains("increasing order"));
    }
    SECTION("a calendar year against a financial-year baseline is refused, with the by-year reading") {
        const std::vector<std::string> texts{"2045:100%"};
        CHECK_THROWS_WITH(parse_milestones(baseline, texts),
                          Contains("'2045:100%' is a calendar year") && Contains("'by 2045' on a financial-year series is 2044/45"));
    }
    SECTION("a financial year against a calendar-year baseline is refused") {
        const std::vector<std::string> texts{"2044/45:100%"};
        CHECK_THROWS_WITH(parse_milestones(cy(2005), texts), Contains("'2044/45:100%' is a financial year"));
    }
    SECTION("a target needs at least one milestone") {
        CHECK_THROWS_WITH(check_milestones(baseline, {}), Contains("at least one milestone"));
    }
}

TEST_CASE("'by YEAR' names the period of the series' kind that ends in that year", "[target]") {
    auto [year, kind, expected] = GENERATE(table<int, period_kind, std::string>({
        {2025, period_kind::financial_year, "2024/25"},
        {2030, period_kind::financial_year, "2029/30"},
        {2045, period_kind::financial_year, "2044/45"},
        {2025, period_kind::calendar_year, "2025"},
        {2045, period_kind::calendar_year, "2045"},
    }));
    CAPTURE(year, expected);
    const period p = period_ending_in(year, kind);
    CHECK(p.kind() == kind);
    CHECK(p.label() == expected);
    CHECK(date::year_month_day{p.last_day()}.year() == date::year{year});

    SECTION("the council's '64% by 2025' on its financial-year inventory is the 2024/25 milestone") {
        const milestone by_2025{period_ending_in(2025, period_kind::financial_year), 64.0};
        CHECK(by_2025 == parse_milestone("2024/25:64%"));
    }
}

TEST_CASE("a milestone's level is the baseline less its reduction", "[target]") {
    using units::tonne_co2e;
    // 11,663 tCO2e x (1 - 0.64) = 4,198.68 tCO2e; net zero leaves nothing; 0% leaves the baseline.
    CHECK_THAT(units::in(milestone_level(11663.0 * tonne_co2e, 64.0), tonne_co2e), WithinRel(4198.68, 1e-12));
    CHECK_THAT(units::in(milestone_level(11663.0 * tonne_co2e, 100.0), tonne_co2e), WithinAbs(0.0, 1e-9));
    CHECK_THAT(units::in(milestone_level(11663.0 * tonne_co2e, 0.0), tonne_co2e), WithinRel(11663.0, 1e-12));
    // The level keeps the series' gas: kt CO2 in, kt CO2 out.
    const units::co2_mass area = milestone_level(4998.0 * units::kilotonne_co2, 50.0);
    CHECK_THAT(units::in(area, units::kilotonne_co2), WithinRel(2499.0, 1e-12));
}

TEST_CASE("pathway kinds are linear or constant-rate", "[target]") {
    CHECK(parse_pathway_kind("linear") == pathway_kind::linear);
    CHECK(parse_pathway_kind("constant-rate") == pathway_kind::constant_rate);
    CHECK(parse_pathway_kind(" Constant-Rate ") == pathway_kind::constant_rate);
    CHECK(to_string(pathway_kind::constant_rate) == "constant-rate");
    CHECK(to_string(pathway_kind::linear) == "linear");
    CHECK_THROWS_WITH(parse_pathway_kind("exponential"), Contains("'exponential' is not one of: linear, constant-rate"));
}

TEST_CASE("a target checks its definition when it is made", "[target]") {
    SECTION("a good definition is kept as given") {
        const target t{council_definition()};
        CHECK(t.name() == "Own operations");
        CHECK(t.entity() == "council");
        CHECK(t.series() == "own-operations-total");
        CHECK(t.baseline() == fy(2016));
        CHECK(t.milestones().size() == 2);
        CHECK(t.pathway() == pathway_kind::linear);
        CHECK_FALSE(t.budget());
    }
    SECTION("names are required") {
        auto d = council_definition();
        d.name = std::string(3, ' ');  // blank; a literal here trips GCC 12 bug 105651 (-Wrestrict)
        CHECK_THROWS_WITH(target{d}, Contains("needs a name"));
        d = council_definition();
        d.entity.clear();
        CHECK_THROWS_WITH(target{d}, Contains("needs an entity"));
        d = council_definition();
        d.series.clear();
        CHECK_THROWS_WITH(target{d}, Contains("needs a series"));
    }
    SECTION("milestones are checked against the baseline") {
        auto d = council_definition();
        d.milestones = {{fy(2029), 100.0}, {fy(2024), 64.0}};
        CHECK_THROWS_AS(target{d}, data_error);
    }
    SECTION("a budget must be positive and of the baseline's period kind") {
        auto d = council_definition();
        d.budget = carbon_budget{0.0 * units::tonne_co2e, fy(2020)};
        CHECK_THROWS_WITH(target{d}, Contains("more than zero"));
        d.budget = carbon_budget{5000.0 * units::tonne_co2e, cy(2020)};
        CHECK_THROWS_WITH(target{d}, Contains("the budget starts in 2020, a calendar year"));
    }
    SECTION("an explicit baseline value must be positive and the same gas as the budget") {
        auto d = council_definition();
        d.baseline_value = -1.0 * units::tonne_co2e;
        CHECK_THROWS_WITH(target{d}, Contains("baseline value must be more than zero"));
        d.baseline_value = 12000.0 * units::tonne_co2;
        d.budget = carbon_budget{5000.0 * units::tonne_co2e, fy(2020)};
        CHECK_THROWS_WITH(target{d}, Contains("same gas"));
    }
}
