#include "carbontrack/summary.hpp"

#include <catch2/catch.hpp>

using namespace carbontrack;
using Catch::Matchers::WithinRel;

namespace {

inventory_entry entry(int fy, std::optional<int> scope, std::string source, double tonnes) {
    inventory_entry e;
    e.when = financial_year{fy};
    e.scope = scope;
    e.source = std::move(source);
    e.emissions = tonnes * units::tonne_co2e;
    return e;
}

double tonnes(units::co2e_mass m) { return in(m, units::tonne_co2e); }

}  // namespace

TEST_CASE("a reported total is the period's figure and never added to its breakdown", "[summary]") {
    const std::vector<inventory_entry> entries{entry(2019, std::nullopt, "Total", 11663), entry(2019, 2, "Street lighting", 2351.52),
                                               entry(2019, 3, "Street lighting", 199.64)};
    const auto rule = rule_for(entries);
    CHECK(rule == total_rule::reported_only);
    const auto summaries = summarise(entries, breakdown::scope, rule);
    REQUIRE(summaries.size() == 1);
    const auto& s = summaries.front();
    REQUIRE(s.total());
    CHECK_THAT(tonnes(*s.total()), WithinRel(11663.0, 1e-12));
    CHECK_THAT(tonnes(s.components_total), WithinRel(2551.16, 1e-12));
    // 11,663 - 2,351.52 - 199.64 = 9,111.84 t that no row explains.
    CHECK_THAT(tonnes(*s.unattributed()), WithinRel(9111.84, 1e-12));
    CHECK(s.total_basis() == "reported");
    REQUIRE(s.lines.size() == 2);
    CHECK(s.lines[0].key == "Scope 2");
    CHECK(s.lines[1].key == "Scope 3");
}

TEST_CASE("a council that publishes totals has no known total in a year without one", "[summary]") {
    const std::vector<inventory_entry> entries{entry(2008, std::nullopt, "Total", 35778), entry(2016, 2, "Street lighting", 8570.64)};
    const auto summaries = summarise(entries, breakdown::source, rule_for(entries));
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[1].when == period{financial_year{2016}});
    CHECK_FALSE(summaries[1].total());
    CHECK(summaries[1].total_basis() == "partial (no reported total)");
}

TEST_CASE("a full activity inventory sums its rows", "[summary]") {
    const std::vector<inventory_entry> entries{entry(2022, 1, "Buildings", 1200), entry(2022, 2, "Buildings", 800.5),
                                               entry(2022, 1, "Fleet", 650), entry(2023, 1, "Buildings", 1100)};
    const auto rule = rule_for(entries);
    CHECK(rule == total_rule::sum_of_rows);
    SECTION("by scope") {
        const auto summaries = summarise(entries, breakdown::scope, rule);
        REQUIRE(summaries.size() == 2);
        CHECK_THAT(tonnes(*summaries[0].total()), WithinRel(2650.5, 1e-12));
        CHECK_THAT(tonnes(summaries[0].lines[0].emissions), WithinRel(1850.0, 1e-12));  // scope 1: buildings gas and fleet
        CHECK_FALSE(summaries[0].unattributed());
    }
    SECTION("by source") {
        const auto summaries = summarise(entries, breakdown::source, rule);
        REQUIRE(summaries[0].lines.size() == 2);
        CHECK(summaries[0].lines[0].key == "Buildings");
        CHECK_THAT(tonnes(summaries[0].lines[0].emissions), WithinRel(2000.5, 1e-12));
    }
    SECTION("periods come out in time order") {
        const auto summaries = summarise(entries, breakdown::scope, rule);
        CHECK(summaries[0].when.label() == "2022/23");
        CHECK(summaries[1].when.label() == "2023/24");
    }
}
