// A series name is parsed once into a series_id: which series, which part, and the periods it counts.
#include "carbontrack/error.hpp"
#include "carbontrack/series_id.hpp"

#include <catch2/catch.hpp>

using carbontrack::data_error;
using carbontrack::period_kind;
using carbontrack::series_id;
using Catch::Matchers::Contains;

TEST_CASE("own-operations series names parse to their family and part", "[series]") {
    CHECK(series_id::parse_own_operations("total").which() == series_id::family::own_total);
    const auto scope = series_id::parse_own_operations("scope-2");
    CHECK(scope.which() == series_id::family::own_scope);
    CHECK(scope.scope() == 2);
    const auto source = series_id::parse_for("council", "source:Street lighting");
    CHECK(source.which() == series_id::family::own_source);
    CHECK(source.part() == "Street lighting");
    CHECK(source.periods() == period_kind::financial_year);
    CHECK(source.text() == "source:Street lighting");
}

TEST_CASE("area series names parse to a measure and an optional sector", "[series]") {
    const auto county = series_id::parse_for("E10000018", "within-scope");
    CHECK(county.which() == series_id::family::area);
    CHECK(county.measure() == carbontrack::area_measure::within_scope);
    CHECK(county.part().empty());
    CHECK(county.periods() == period_kind::calendar_year);
    const auto domestic = series_id::parse_area("territorial:Domestic");
    CHECK(domestic.measure() == carbontrack::area_measure::territorial);
    CHECK(domestic.part() == "Domestic");
}

TEST_CASE("an unknown series name is refused with the names that are known", "[series]") {
    CHECK_THROWS_WITH(series_id::parse_own_operations("own-total"), Contains("unknown own-operations series 'own-total'") && Contains("scope-1"));
    CHECK_THROWS_AS(series_id::parse_own_operations("scope-4"), data_error);
    CHECK_THROWS_AS(series_id::parse_own_operations("source:"), data_error);
    CHECK_THROWS_WITH(series_id::parse_for("council", "within-scope"), Contains("unknown own-operations series"));
    CHECK_THROWS_WITH(series_id::parse_for("E10000018", "total"), Contains("unknown area series 'total'"));
    CHECK_THROWS_AS(series_id::parse_area("within-scope:"), data_error);
}
