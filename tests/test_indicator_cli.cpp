// `carbontrack indicator ...` as a user meets it: the real binary, its output and exit codes.
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

const std::vector<std::string> shipped = {"leicestershire_trees.csv", "leicestershire_council_renewables.csv",
                                          "leicestershire_household_recycling.csv", "leicestershire_plug_in_vehicles.csv",
                                          "leicestershire_renewable_electricity_by_district.csv"};

void load_indicators(const scratch_dir& dir) {
    REQUIRE(run_carbontrack({"init", "--org", "Leicestershire County Council"}, dir.path()).exit_code == 0);
    for (const auto& file : shipped) {
        const auto result = run_carbontrack({"indicator", "import", dataset("indicators/" + file).string()}, dir.path());
        CAPTURE(file, result.err);
        REQUIRE(result.exit_code == 0);
    }
}

const nlohmann::json& entry(const nlohmann::json& list, const std::string& indicator, const std::string& area = "") {
    for (const auto& item : list)
        if (item["indicator"] == indicator && item["area"] == area) return item;
    FAIL("no progress entry for " << indicator << " " << area);
    return list;
}

}  // namespace

TEST_CASE("help is available for every indicator command", "[indicator][cli]") {
    scratch_dir dir;
    auto command = GENERATE(as<std::string>{}, "define", "record", "import", "list", "progress");
    const auto result = run_carbontrack({"indicator", command, "--help"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("Usage:"));
    if (command == "import") CHECK_THAT(result.out, Contains("basis period|running-total"));
}

TEST_CASE("indicator usage mistakes exit 2", "[indicator][cli]") {
    scratch_dir dir;
    auto args = GENERATE(std::vector<std::string>{"indicator"},
                         std::vector<std::string>{"indicator", "define", "x", "--kind", "sideways", "--direction", "up"},
                         std::vector<std::string>{"indicator", "define", "x", "--kind", "flow", "--direction", "upwards"},
                         std::vector<std::string>{"indicator", "record", "x", "--period", "2023/25", "--value", "1"},
                         std::vector<std::string>{"indicator", "record", "x", "--period", "2023", "--value", "1", "--quality", "roughly"},
                         std::vector<std::string>{"indicator", "progress", "--format", "xml"});
    CAPTURE(args);
    const auto result = run_carbontrack(args, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, StartsWith("carbontrack: "));
}

TEST_CASE("the main job's indicator progress on the shipped data", "[indicator][cli]") {
    scratch_dir dir;
    load_indicators(dir);
    SECTION("the table shows trees at 50.9% of the goal and prints the RAG rule") {
        const auto result = run_carbontrack({"indicator", "progress"}, dir.path());
        CHECK(result.exit_code == 0);
        CHECK(result.err.empty());
        CHECK_THAT(result.out, Contains("more than 356,000"));
        CHECK_THAT(result.out, Contains("50.9%"));
        CHECK_THAT(result.out, Contains("RAG: green when"));
        CHECK_THAT(result.out, Contains("direction up"));
        CHECK_THAT(result.out, Contains("only percentages are recorded"));
        CHECK_THAT(result.out, Contains("the share cannot be computed"));
    }
    SECTION("JSON gives the figures at full precision") {
        const auto result = run_carbontrack({"indicator", "progress", "trees planted", "plug-in share of cars and vans", "--format", "json"}, dir.path());
        REQUIRE(result.exit_code == 0);
        const auto list = nlohmann::json::parse(result.out)["indicators"];
        REQUIRE(list.size() == 2);
        const auto& trees = entry(list, "trees planted");
        CHECK_THAT(trees["goal_pct"].get<double>(), WithinRel(356000.0 / 700000.0 * 100.0, 1e-12));
        CHECK(trees["running_total"]["quality"] == "more-than");
        CHECK(trees["rag"].is_null());
        const auto& share = entry(list, "plug-in share of cars and vans");
        CHECK_THAT(share["latest"]["value"].get<double>(), WithinRel(26447.0 / 475145.0 * 100.0, 1e-12));
    }
    SECTION("re-importing a file adds nothing") {
        const auto again = run_carbontrack({"indicator", "import", dataset("indicators/leicestershire_trees.csv").string()}, dir.path());
        CHECK(again.exit_code == 0);
        CHECK_THAT(again.out, Contains("Imported 0 indicator definitions and values"));
        CHECK_THAT(again.out, Contains("4 already stored"));
    }
    SECTION("list shows each indicator with its goal") {
        const auto result = run_carbontrack({"indicator", "list", "--format", "csv"}, dir.path());
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.out, Contains("trees planted,flow,trees,up,700000 trees,3,2022 to 2024,0"));
    }
    SECTION("an unknown indicator name is bad data, exit 1") {
        const auto result = run_carbontrack({"indicator", "progress", "oaks planted"}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("no indicator named 'oaks planted'"));
    }
}

TEST_CASE("a rejected indicator import names file and line and changes nothing", "[indicator][cli]") {
    scratch_dir dir;
    load_indicators(dir);
    const auto before = store(dir / "carbontrack.db").canonical_dump();
    auto [file, line] = GENERATE(table<std::string, std::string>({{"value_for_ratio.csv", ":5: "}, {"several_bad_lines.csv", ":3: "}}));
    const auto path = test_data("bad/indicators/" + file).string();
    const auto result = run_carbontrack({"indicator", "import", path}, dir.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, StartsWith("carbontrack: " + path + line));
    CHECK_THAT(result.err, Contains("nothing was changed"));
    CHECK(store(dir / "carbontrack.db").canonical_dump() == before);

    SECTION("a value that contradicts a stored one is refused the same way") {
        const auto changed = write_file(dir / "changed.csv", "indicator,period,value,basis\ntrees planted,2024,357000,running-total\n");
        const auto refused = run_carbontrack({"indicator", "import", changed.string()}, dir.path());
        CHECK(refused.exit_code == 1);
        CHECK_THAT(refused.err, Contains("changed.csv:2: "));
        CHECK_THAT(refused.err, Contains("already recorded with different figures"));
        CHECK(store(dir / "carbontrack.db").canonical_dump() == before);
    }
}

TEST_CASE("define, record and progress from the command line", "[indicator][cli]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"indicator", "define", "generated", "--kind", "flow", "--unit", "MWh", "--direction", "up"}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"indicator", "define", "consumed", "--kind", "flow", "--unit", "GWh", "--direction", "down"}, dir.path()).exit_code == 0);
    const auto ratio = run_carbontrack({"indicator", "define", "renewable share", "--kind", "ratio", "--direction", "up", "--numerator", "generated",
                                        "--denominator", "consumed", "--goal", "15", "--deadline", "2025/26"},
                                       dir.path());
    REQUIRE(ratio.exit_code == 0);
    for (auto [name, year, amount] : {std::tuple{"generated", "2023/24", "1200"}, {"consumed", "2023/24", "10"}, {"generated", "2024/25", "1300"},
                                      {"consumed", "2024/25", "10"}}) {
        REQUIRE(run_carbontrack({"indicator", "record", name, "--period", year, "--value", amount, "--quality", "measured"}, dir.path()).exit_code == 0);
    }
    const auto progress = run_carbontrack({"indicator", "progress", "renewable share", "--format", "json"}, dir.path());
    REQUIRE(progress.exit_code == 0);
    const auto json = nlohmann::json::parse(progress.out);
    const auto& share = json["indicators"][0];
    // 1,300 MWh / 10 GWh = 13%; (15 - 13) / 1 year = 2 points a year still needed.
    CHECK_THAT(share["latest"]["value"].get<double>(), WithinRel(13.0, 1e-12));
    CHECK_THAT(share["required_per_year"].get<double>(), WithinRel(2.0, 1e-9));

    SECTION("a ratio of parts that cannot divide to a share is refused") {
        REQUIRE(run_carbontrack({"indicator", "define", "waste", "--kind", "level", "--unit", "tonnes", "--direction", "down"}, dir.path()).exit_code == 0);
        const auto refused = run_carbontrack({"indicator", "define", "odd share", "--kind", "ratio", "--direction", "up", "--numerator", "generated",
                                              "--denominator", "waste"},
                                             dir.path());
        CHECK(refused.exit_code == 1);
        CHECK_THAT(refused.err, Contains("'MWh' / 'tonnes' cannot divide to a share"));
    }
    SECTION("a percentage cannot be recorded for a ratio") {
        const auto refused = run_carbontrack({"indicator", "record", "renewable share", "--period", "2024/25", "--value", "13"}, dir.path());
        CHECK(refused.exit_code == 1);
        CHECK_THAT(refused.err, Contains("record those parts, not a percentage"));
    }
}
