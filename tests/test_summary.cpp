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
    const auto summaries = summarise(entries, breakdown::scope, reporting_boundary{});
    REQUIRE(summaries.size() == 1);
    const auto& s = summaries.front();
    REQUIRE(s.total());
    CHECK_THAT(tonnes(*s.total()), WithinRel(11663.0, 1e-12));
    CHECK_THAT(tonnes(s.components_total), WithinRel(2551.16, 1e-12));
    // 11,663 - 2,351.52 - 199.64 = 9,111.84 t that no row explains.
    CHECK_THAT(tonnes(*s.unattributed()), WithinRel(9111.84, 1e-12));
    CHECK(s.basis() == total_basis::published);
    CHECK(s.total_basis_text() == "published");
    REQUIRE(s.lines.size() == 2);
    CHECK(s.lines[0].key == "Scope 2");
    CHECK(s.lines[1].key == "Scope 3");
}

TEST_CASE("a year without a total whose boundary is not covered has no known total", "[summary]") {
    const std::vector<inventory_entry> entries{entry(2008, std::nullopt, "Total", 35778), entry(2016, 2, "Street lighting", 8570.64)};
    reporting_boundary boundary;
    boundary.sources = {{"Street lighting", financial_year{2008}, "", 0}, {"Fleet", financial_year{2008}, "", 0}};
    const auto summaries = summarise(entries, breakdown::source, boundary);
    REQUIRE(summaries.size() == 2);
    CHECK(summaries[1].when == period{financial_year{2016}});
    CHECK_FALSE(summaries[1].total());
    CHECK(summaries[1].basis() == total_basis::partial);
    CHECK(summaries[1].total_basis_text() == "partial: no rows for Fleet");
    CHECK_THAT(tonnes(summaries[1].components_total), WithinRel(8570.64, 1e-12));
}

TEST_CASE("with no boundary declared a period's total is the sum of its rows", "[summary]") {
    const std::vector<inventory_entry> entries{entry(2022, 1, "Buildings", 1200), entry(2022, 2, "Buildings", 800.5),
                                               entry(2022, 1, "Fleet", 650), entry(2023, 1, "Buildings", 1100)};
    const reporting_boundary undeclared;
    SECTION("by scope") {
        const auto summaries = summarise(entries, breakdown::scope, undeclared);
        REQUIRE(summaries.size() == 2);
        CHECK_THAT(tonnes(*summaries[0].total()), WithinRel(2650.5, 1e-12));
        CHECK(summaries[0].basis() == total_basis::undeclared);
        CHECK(summaries[0].total_basis_text() == "boundary not declared");
        CHECK_THAT(tonnes(summaries[0].lines[0].emissions), WithinRel(1850.0, 1e-12));  // scope 1: buildings gas and fleet
        CHECK_FALSE(summaries[0].unattributed());
    }
    SECTION("by source") {
        const auto summaries = summarise(entries, breakdown::source, undeclared);
        REQUIRE(summaries[0].lines.size() == 2);
        CHECK(summaries[0].lines[0].key == "Buildings");
        CHECK_THAT(tonnes(summaries[0].lines[0].emissions), WithinRel(2000.5, 1e-12));
    }
    SECTION("periods come out in time order") {
        const auto summaries = summarise(entries, breakdown::scope, undeclared);
        CHECK(summaries[0].when.label() == "2022/23");
        CHECK(summaries[1].when.label() == "2023/24");
    }
}

TEST_CASE("the one total rule decides each period on its own rows", "[summary]") {
    reporting_boundary boundary;
    boundary.sources = {{"Buildings", financial_year{2016}, "", 0}, {"Fleet", financial_year{2020}, "", 0}};
    const std::vector<inventory_entry> rows{entry(2008, std::nullopt, "Total", 35778), entry(2018, 1, "Buildings", 900), entry(2021, 1, "Buildings", 800)};
    const auto before_fleet = total_of_period(financial_year{2018}, rows, boundary);
    CHECK(before_fleet.basis == total_basis::complete);  // Fleet is in force only from 2020/21
    CHECK_THAT(tonnes(*before_fleet.total), WithinRel(900.0, 1e-12));
    const auto after_fleet = total_of_period(financial_year{2021}, rows, boundary);
    CHECK(after_fleet.basis == total_basis::partial);
    CHECK(after_fleet.missing_sources == std::vector<std::string>{"Fleet"});
    CHECK(after_fleet.description() == "partial: no rows for Fleet");
    boundary.not_applicable.push_back({financial_year{2021}, "Fleet", "vehicles leased with drivers", ""});
    CHECK(total_of_period(financial_year{2021}, rows, boundary).basis == total_basis::complete);
    CHECK(total_of_period(financial_year{2008}, rows, boundary).basis == total_basis::published);
}
