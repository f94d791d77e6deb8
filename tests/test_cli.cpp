// The command line as a user meets it: the real binary, its output, its exit codes.
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinRel;

namespace {

const std::string council = "Leicestershire County Council";

// A database as the main job leaves it for the council: key factors and the published inventory.
void load_council(const scratch_dir& dir) {
    REQUIRE(run_carbontrack({"init", "--org", council}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"boundary", "import", dataset("boundaries/leicestershire_boundary.csv").string()}, dir.path()).exit_code == 0);
}

}  // namespace

TEST_CASE("help is available for every command and exits 0", "[cli]") {
    scratch_dir dir;
    auto args = GENERATE(std::vector<std::string>{"--help"}, std::vector<std::string>{"init", "--help"},
                         std::vector<std::string>{"factors", "import", "--help"}, std::vector<std::string>{"factors", "list", "--help"},
                         std::vector<std::string>{"inventory", "import", "--help"}, std::vector<std::string>{"inventory", "add", "--help"},
                         std::vector<std::string>{"inventory", "list", "--help"},
                         std::vector<std::string>{"inventory", "summary", "--help"});
    CAPTURE(args);
    const auto result = run_carbontrack(args, dir.path());
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("Usage:"));
    CHECK(result.err.empty());
}

TEST_CASE("usage mistakes exit 2 with a hint on stderr and nothing on stdout", "[cli]") {
    scratch_dir dir;
    auto args = GENERATE(std::vector<std::string>{}, std::vector<std::string>{"frobnicate"}, std::vector<std::string>{"inventory"},
                         std::vector<std::string>{"inventory", "summary", "--by", "colour"},
                         std::vector<std::string>{"inventory", "summary", "--format", "xml"},
                         std::vector<std::string>{"inventory", "add", "--period", "2016/18", "--scope", "2", "--source", "x", "--tco2e", "1"},
                         std::vector<std::string>{"inventory", "add", "--period", "2019/20", "--scope", "4", "--source", "x", "--tco2e", "1"},
                         std::vector<std::string>{"factors", "import"});
    CAPTURE(args);
    const auto result = run_carbontrack(args, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, StartsWith("carbontrack: "));
}

TEST_CASE("the main job prints the council's inventory summary", "[cli]") {
    scratch_dir dir;
    load_council(dir);
    const auto result = run_carbontrack({"inventory", "summary", "--by", "scope"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK(result.err.empty());
    CHECK_THAT(result.out, Contains("Leicestershire County Council: own-operations emissions by scope (tCO2e)"));
    // 2019/20: 2,351.5 t scope 2, 199.6 t scope 3, 11,663.0 t reported, 9,111.8 t unattributed.
    CHECK_THAT(result.out, Contains("2019/20        2,351.5          199.6             9,111.8     11,663.0  published"));
    CHECK_THAT(result.out, Contains("partial: no rows for Buildings and sites, Fleet, Business travel"));
    CHECK(std::filesystem::exists(dir / "carbontrack.db"));
}

TEST_CASE("inventory summary as JSON gives each period's rows and total in tCO2e", "[cli]") {
    scratch_dir dir;
    load_council(dir);
    const auto result = run_carbontrack({"inventory", "summary", "--by", "scope", "--format", "json"}, dir.path());
    REQUIRE(result.exit_code == 0);
    const auto json = nlohmann::json::parse(result.out);
    CHECK(json["unit"] == "tCO2e");
    CHECK(json["organisation"] == council);
    const auto& periods = json["periods"];
    REQUIRE(periods.size() == 4);
    const auto& latest = periods[3];
    CHECK(latest["period"] == "2019/20");
    CHECK_THAT(latest["total_tco2e"].get<double>(), WithinRel(11663.0, 1e-12));
    CHECK(latest["total_basis"] == "published");
    REQUIRE(latest["rows"].size() == 2);
    CHECK(latest["rows"][0]["scope"] == 2);
    CHECK_THAT(latest["rows"][0]["tco2e"].get<double>(), WithinRel(2351.52, 1e-12));
    CHECK(periods[1]["total_tco2e"].is_null());  // 2016/17: street lighting only, no published total
}

TEST_CASE("inventory list shows the factor behind every computed row", "[cli]") {
    scratch_dir dir;
    load_council(dir);
    const auto result = run_carbontrack({"inventory", "list", "--period", "2019/20", "--format", "json"}, dir.path());
    REQUIRE(result.exit_code == 0);
    const auto rows = nlohmann::json::parse(result.out)["rows"];
    REQUIRE(rows.size() == 3);
    const auto& lighting = rows[1];
    CHECK(lighting["factor"]["year"] == 2019);
    CHECK(lighting["factor"]["name"] == "uk_electricity_generated");
    CHECK_THAT(lighting["factor"]["kg_co2e_per_unit"].get<double>(), WithinRel(0.2556, 1e-12));
    CHECK(lighting["activity_unit"] == "GWh");
}

TEST_CASE("inventory add costs one row like an imported one", "[cli]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()).exit_code == 0);
    const auto added = run_carbontrack({"inventory", "add", "--period", "2019/20", "--scope", "2", "--source", "Street lighting", "--activity",
                                        "9.2 GWh", "--factor", "uk_electricity_generated", "--quality", "published"},
                                       dir.path());
    CHECK(added.exit_code == 0);
    CHECK_THAT(added.out, Contains("Imported 1 inventory rows for Council"));
    const auto listed = run_carbontrack({"inventory", "list", "--format", "csv"}, dir.path());
    CHECK_THAT(listed.out, Contains("2019/20,2,Street lighting,9.2,GWh,uk_electricity_generated,2019,0.2556,2351.5"));
    const auto row = nlohmann::json::parse(run_carbontrack({"inventory", "list", "--format", "json"}, dir.path()).out)["rows"][0];
    CHECK_THAT(row["tco2e"].get<double>(), WithinRel(2351.52, 1e-12));
    SECTION("a year without loaded factors fails clearly and adds nothing") {
        const auto result = run_carbontrack({"inventory", "add", "--period", "2013/14", "--scope", "2", "--source", "Street lighting",
                                             "--activity", "26.9 GWh", "--factor", "uk_electricity_generated"},
                                            dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("2013 factor set, which is not loaded"));
        CHECK_THAT(result.err, Contains("nothing was changed"));
    }
}

TEST_CASE("a bad file exits 1, names file and line, and leaves the database exactly as it was", "[cli]") {
    auto [command, file, line, message] = GENERATE(table<const char*, const char*, int, const char*>({
        {"inventory", "bad/inventory/unknown_column.csv", 1, "unknown column 'amount'"},
        {"inventory", "bad/inventory/unknown_unit.csv", 3, "unknown unit 'kWhh'"},
        {"inventory", "bad/inventory/unit_does_not_fit_factor.csv", 2, "does not fit the factor"},
        {"inventory", "bad/inventory/unknown_factor.csv", 2, "unknown factor"},
        {"inventory", "bad/inventory/unknown_factor_year.csv", 2, "2013 factor set"},
        {"inventory", "bad/inventory/impossible_period.csv", 2, "is not a financial year"},
        {"inventory", "bad/inventory/negative_activity.csv", 2, "negative amount"},
        {"inventory", "bad/inventory/duplicate_row.csv", 3, "duplicate row"},
        {"inventory", "bad/inventory/non_numeric_activity.csv", 2, "is not a number"},
        {"inventory", "bad/inventory/several_bad_lines.csv", 5, "scope must be 1, 2 or 3"},
        {"factors", "bad/factors/unknown_layout.csv", 1, "unknown factor file layout"},
        {"factors", "bad/factors/non_numeric_value.csv", 3, "is not a number"},
        {"factors", "bad/factors/changed_published_value.csv", 2, "already stored as"},
    }));
    CAPTURE(file);
    scratch_dir dir;
    load_council(dir);
    const auto before = store(dir / "carbontrack.db").canonical_dump();
    const auto path = test_data(file).string();
    const auto result = run_carbontrack({command, "import", path}, dir.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Contains("carbontrack: " + path + ":" + std::to_string(line) + ": "));
    CHECK_THAT(result.err, Contains(message));
    CHECK(store(dir / "carbontrack.db").canonical_dump() == before);
}

TEST_CASE("re-importing the same file adds nothing", "[cli]") {
    scratch_dir dir;
    load_council(dir);
    const auto before = store(dir / "carbontrack.db").canonical_dump();
    const auto again = run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path());
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Contains("Imported 0 inventory rows"));
    CHECK_THAT(again.out, Contains("8 already stored"));
    CHECK(store(dir / "carbontrack.db").canonical_dump() == before);
}

TEST_CASE("the database comes from --db, then $CARBONTRACK_DB, then ./carbontrack.db", "[cli]") {
    scratch_dir dir;
    SECTION("--db") {
        CHECK(run_carbontrack({"--db", "chosen.db", "init"}, dir.path()).exit_code == 0);
        CHECK(std::filesystem::exists(dir / "chosen.db"));
        CHECK_FALSE(std::filesystem::exists(dir / "carbontrack.db"));
    }
    SECTION("$CARBONTRACK_DB") {
        const auto path = (dir / "from-env.db").string();
        ::setenv("CARBONTRACK_DB", path.c_str(), 1);
        const auto result = run_in_process({"init"});
        ::unsetenv("CARBONTRACK_DB");
        CHECK(result.exit_code == 0);
        CHECK(std::filesystem::exists(path));
    }
    SECTION("a summary of a database that does not exist is an error, not an empty answer") {
        const auto result = run_carbontrack({"--db", "missing.db", "inventory", "summary"}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("no database here"));
        CHECK_FALSE(std::filesystem::exists(dir / "missing.db"));
    }
}

TEST_CASE("organisations keep their inventories apart", "[cli]") {
    scratch_dir dir;
    load_council(dir);
    SECTION("an unknown organisation is named in the error") {
        const auto result = run_carbontrack({"--org", "Nowhere Council", "inventory", "summary"}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("no organisation named 'Nowhere Council'"));
        CHECK_THAT(result.err, Contains(council));
    }
    SECTION("an import under --org creates that organisation and leaves the default alone") {
        const auto result = run_carbontrack({"--org", "Other Council", "inventory", "add", "--period", "2019/20", "--scope", "1", "--source",
                                             "Fleet", "--tco2e", "120"},
                                            dir.path());
        CHECK(result.exit_code == 0);
        const auto other = run_carbontrack({"--org", "Other Council", "inventory", "summary", "--format", "json"}, dir.path());
        CHECK(nlohmann::json::parse(other.out)["periods"].size() == 1);
        const auto ours = run_carbontrack({"inventory", "summary", "--format", "json"}, dir.path());
        CHECK(nlohmann::json::parse(ours.out)["organisation"] == council);
    }
}

TEST_CASE("factors list filters by year and name", "[cli]") {
    scratch_dir dir;
    load_council(dir);
    const auto result = run_carbontrack({"factors", "list", "--year", "2019", "--name", "electricity", "--format", "csv"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, StartsWith("year,name,unit,gas,kg per unit,scope,source\n"));
    CHECK_THAT(result.out, Contains("2019,uk_electricity_generated,kWh,CO2e,0.2556,,official-xls-via-cfkg"));
    CHECK_THAT(result.out, Contains("2019,uk_electricity_td_losses,kWh,CO2e,0.0217"));
}
