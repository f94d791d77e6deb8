// The reporting boundary and the one total rule, through the real binary on the shipped data: a
// published Total stands, a covered boundary makes a year complete, a missing source makes it partial.
#include "support.hpp"

#include "carbontrack/store.hpp"

#include <nlohmann/json.hpp>

namespace carbontrack {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using testing::dataset;
using testing::key_factors;
using testing::run_carbontrack;
using testing::scratch_dir;

const std::string council = "Leicestershire County Council";
const std::string example = "Example Council (illustrative)";

testing::run_result must(const std::vector<std::string>& args, const scratch_dir& dir) {
    auto result = run_carbontrack(args, dir.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result;
}

// Both organisations' inventories and boundaries, as scripts/main-job loads them.
void load_shipped(const scratch_dir& dir) {
    must({"init", "--org", council}, dir);
    must({"factors", "import", key_factors().string()}, dir);
    must({"--org", council, "inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir);
    must({"--org", example, "inventory", "import", dataset("examples/illustrative_example_council_inventory.csv").string()}, dir);
    must({"--org", council, "boundary", "import", dataset("boundaries/leicestershire_boundary.csv").string()}, dir);
    must({"--org", example, "boundary", "import", dataset("boundaries/example_council_boundary.csv").string()}, dir);
}

nlohmann::json summary(const scratch_dir& dir, const std::string& org) {
    return nlohmann::json::parse(must({"--org", org, "inventory", "summary", "--by", "source", "--format", "json"}, dir).out);
}

nlohmann::json period_in(const nlohmann::json& s, const std::string& label) {
    for (const auto& p : s["periods"])
        if (p["period"] == label) return p;
    FAIL("no period " << label);
    throw;
}

std::string dump(const scratch_dir& dir) { return store(dir / "carbontrack.db", store::open_mode::must_exist).canonical_dump(); }

}  // namespace

TEST_CASE("adding a 2008/09 Total to the example council changes no other year", "[boundary]") {
    scratch_dir dir;
    load_shipped(dir);
    const auto before = summary(dir, example);
    const auto& latest = period_in(before, "2023/24");
    // 2023/24: the sum of its 11 activity rows, as the example inventory's README lists them.
    CHECK_THAT(latest["total_tco2e"].get<double>(), WithinAbs(6658.4, 0.05));
    CHECK(latest["total_basis"] == "complete");
    CHECK(latest["missing_sources"].empty());

    must({"--org", example, "inventory", "add", "--period", "2008/09", "--source", "Total", "--tco2e", "12000"}, dir);
    const auto after = summary(dir, example);
    REQUIRE(after["periods"].size() == before["periods"].size() + 1);
    CHECK(period_in(after, "2008/09")["total_basis"] == "published");
    for (const auto& p : before["periods"]) {
        CAPTURE(p["period"]);
        const auto& same = period_in(after, p["period"]);
        CHECK(same["total_basis"] == "complete");
        CHECK_THAT(same["total_tco2e"].get<double>(), WithinRel(p["total_tco2e"].get<double>(), 1e-12));
    }
    CHECK_THAT(period_in(after, "2023/24")["total_tco2e"].get<double>(), WithinAbs(6658.4, 0.05));
}

TEST_CASE("Leicestershire keeps its published totals and its street-lighting-only years are partial", "[boundary]") {
    scratch_dir dir;
    load_shipped(dir);
    const auto s = summary(dir, council);
    SECTION("2019/20 stays the published 11,663 tCO2e with its unattributed remainder") {
        const auto& p = period_in(s, "2019/20");
        CHECK(p["total_basis"] == "published");
        CHECK_THAT(p["total_tco2e"].get<double>(), WithinRel(11663.0, 1e-12));
        // 9.2 GWh x (0.25560 + 0.02170) kg/kWh (2019 factors) = 2,551.16 t of street lighting; the rest is unattributed.
        CHECK_THAT(p["unattributed_tco2e"].get<double>(), WithinAbs(9111.84, 0.005));
    }
    SECTION("2016/17 holds street lighting only: partial, naming the three missing sources") {
        const auto& p = period_in(s, "2016/17");
        CHECK(p["total_basis"] == "partial");
        CHECK(p["total_tco2e"].is_null());
        CHECK(p["missing_sources"] == nlohmann::json::array({"Buildings and sites", "Fleet", "Business travel"}));
        const auto table = must({"--org", council, "inventory", "summary", "--by", "source"}, dir).out;
        CHECK_THAT(table, Contains("partial: no rows for Buildings and sites, Fleet, Business travel"));
    }
}

TEST_CASE("a fully entered new year is complete and its total is the sum of its rows", "[boundary]") {
    scratch_dir dir;
    load_shipped(dir);
    auto add = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--org", council, "inventory", "add", "--period", "2024/25"});
        must(args, dir);
    };
    add({"--scope", "2", "--source", "Street lighting and traffic signals", "--activity", "8.1 GWh", "--factor", "uk_electricity_generated"});
    SECTION("with one source entered it is partial") {
        const auto& p = period_in(summary(dir, council), "2024/25");
        CHECK(p["total_basis"] == "partial");
        CHECK(p["missing_sources"] == nlohmann::json::array({"Buildings and sites", "Fleet", "Business travel"}));
    }
    add({"--scope", "1", "--source", "Buildings and sites", "--activity", "14,200,000 kWh", "--factor", "natural_gas_gross_cv"});
    add({"--scope", "1", "--source", "Fleet", "--activity", "310,000 litres", "--factor", "diesel_average_biofuel_blend"});
    SECTION("with every source entered it is complete") {
        add({"--scope", "3", "--source", "Business travel", "--activity", "1,150,000 miles", "--factor", "average_car_unknown_fuel"});
        const auto rows = nlohmann::json::parse(must({"--org", council, "inventory", "list", "--period", "2024/25", "--format", "json"}, dir).out)["rows"];
        REQUIRE(rows.size() == 4);
        double sum = 0;
        for (const auto& r : rows) sum += r["tco2e"].get<double>();
        const auto& p = period_in(summary(dir, council), "2024/25");
        CHECK(p["total_basis"] == "complete");
        CHECK(p["missing_sources"].empty());
        CHECK_THAT(p["total_tco2e"].get<double>(), WithinRel(sum, 1e-12));
    }
    SECTION("a source marked not applicable counts as covered") {
        const auto marked = must({"--org", council, "inventory", "add", "--period", "2024/25", "--source", "Business travel", "--not-applicable",
                                  "--reason", "Travel claims moved to the shared service; reported by them"},
                                 dir);
        CHECK_THAT(marked.out, Contains("Recorded Business travel as not applicable in 2024/25"));
        const auto& p = period_in(summary(dir, council), "2024/25");
        CHECK(p["total_basis"] == "complete");
        CHECK_THAT(p["total_tco2e"].get<double>(), WithinRel(p["components_tco2e"].get<double>(), 1e-12));
        const auto log = nlohmann::json::parse(must({"log", "--format", "json"}, dir).out);
        CHECK(log.back()["reason"] == "Travel claims moved to the shared service; reported by them");
    }
}

TEST_CASE("an organisation with no boundary sums its rows and says the boundary is not declared", "[boundary]") {
    scratch_dir dir;
    must({"init", "--org", example}, dir);
    must({"factors", "import", key_factors().string()}, dir);
    must({"inventory", "import", dataset("examples/illustrative_example_council_inventory.csv").string()}, dir);
    const auto& p = period_in(summary(dir, example), "2023/24");
    CHECK(p["total_basis"] == "undeclared");
    CHECK_THAT(p["total_tco2e"].get<double>(), WithinAbs(6658.4, 0.05));
    CHECK_THAT(must({"inventory", "summary"}, dir).out, Contains("boundary not declared"));
}

TEST_CASE("boundary list, set and remove; removal is audited with its reason; refusals change nothing", "[boundary]") {
    scratch_dir dir;
    load_shipped(dir);
    const auto listed = nlohmann::json::parse(must({"--org", council, "boundary", "list", "--format", "json"}, dir).out);
    REQUIRE(listed["sources"].size() == 4);
    CHECK(listed["sources"][0]["source"] == "Buildings and sites");
    CHECK(listed["sources"][0]["from"] == "2008/09");

    SECTION("re-importing the boundary changes nothing") {
        const auto before = dump(dir);
        const auto again = must({"--org", council, "boundary", "import", dataset("boundaries/leicestershire_boundary.csv").string()}, dir);
        CHECK_THAT(again.out, Contains("0 sources set, 4 already as given"));
        CHECK(dump(dir) == before);
    }
    SECTION("removing a source takes it out of every later period's check") {
        must({"--org", council, "boundary", "remove", "Business travel", "--reason", "Grey fleet is reported by HR, not in this inventory"}, dir);
        const auto& p = period_in(summary(dir, council), "2016/17");
        CHECK(p["missing_sources"] == nlohmann::json::array({"Buildings and sites", "Fleet"}));
        const auto log = nlohmann::json::parse(must({"log", "--format", "json"}, dir).out);
        CHECK(log.back()["reason"] == "Grey fleet is reported by HR, not in this inventory");
        CHECK(log.back()["rows_removed"] == 1);
    }
    SECTION("a source set from a later period applies from then on") {
        must({"--org", council, "boundary", "set", "--source", "Water", "--from", "2019/20"}, dir);
        CHECK(period_in(summary(dir, council), "2018/19")["missing_sources"].size() == 3);
        must({"--org", council, "inventory", "add", "--period", "2024/25", "--scope", "2", "--source", "Street lighting and traffic signals", "--tco2e",
              "1600"},
             dir);
        CHECK(period_in(summary(dir, council), "2024/25")["missing_sources"].size() == 4);
    }
    SECTION("refusals leave the database byte-for-byte unchanged") {
        const auto before = dump(dir);
        auto refused = [&](const std::vector<std::string>& args, const std::string& message) {
            const auto result = run_carbontrack(args, dir.path());
            CAPTURE(args);
            CHECK(result.exit_code != 0);
            CHECK_THAT(result.err, Contains(message));
            CHECK(dump(dir) == before);
        };
        refused({"--org", council, "boundary", "remove", "Waste", "--reason", "never there"}, "'Waste' is not in Leicestershire County Council's reporting boundary");
        refused({"--org", council, "boundary", "remove", "Fleet"}, "--reason is required");
        refused({"--org", council, "boundary", "set", "--source", "Total", "--from", "2008/09"}, "'Total' is a reported total");
        refused({"--org", council, "boundary", "set", "--source", "Fleet", "--from", "2008"}, "inventory uses financial years");
        refused({"--org", council, "inventory", "add", "--period", "2019/20", "--source", "Street lighting and traffic signals", "--not-applicable",
                 "--reason", "x"},
                "already has rows for Street lighting and traffic signals");
        refused({"--org", council, "inventory", "add", "--period", "2019/20", "--source", "Water", "--not-applicable", "--reason", "no water"},
                "only a boundary source can be marked not applicable");
        refused({"--org", council, "inventory", "add", "--period", "2019/20", "--source", "Fleet", "--not-applicable"}, "--not-applicable needs --reason");
    }
}

}  // namespace carbontrack
