// Corrections through the real binary: a row is corrected or removed with a reason, its history kept,
// one audit record per change; re-importing the original file neither duplicates nor resurrects it.
#include "shipped_fixture.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace carbontrack {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using testing::dataset;
using testing::must;
using testing::run_carbontrack;
using testing::scratch_dir;

std::string inventory_file() { return dataset("council/leicestershire_own_operations.csv").string(); }

void load_council(const scratch_dir& dir) { testing::load_leicestershire(dir); }

nlohmann::json rows_of(const scratch_dir& dir, const std::string& period) {
    return nlohmann::json::parse(must({"inventory", "list", "--period", period, "--format", "json"}, dir).out)["rows"];
}

// The 2019/20 scope 2 street-lighting row (9.2 GWh of uk_electricity_generated).
nlohmann::json lighting_2019(const scratch_dir& dir) {
    for (const auto& r : rows_of(dir, "2019/20"))
        if (r["scope"] == 2) return r;
    FAIL("no 2019/20 scope 2 row");
    throw;
}

nlohmann::json audit_log(const scratch_dir& dir) { return nlohmann::json::parse(must({"log", "--format", "json"}, dir).out); }

std::string dump(const scratch_dir& dir) { return testing::database_dump(dir); }

}  // namespace

TEST_CASE("every row has a stable id in inventory list", "[corrections]") {
    scratch_dir dir;
    load_council(dir);
    const auto all = nlohmann::json::parse(must({"inventory", "list", "--format", "json"}, dir).out)["rows"];
    REQUIRE(all.size() == 8);
    std::set<std::int64_t> ids;
    for (const auto& r : all) ids.insert(r["id"].get<std::int64_t>());
    CHECK(ids.size() == 8);
    const auto id = lighting_2019(dir)["id"].get<std::int64_t>();
    must({"inventory", "import", inventory_file()}, dir);
    CHECK(lighting_2019(dir)["id"] == id);
    CHECK_THAT(must({"inventory", "list", "--period", "2019/20"}, dir).out, Contains("id"));
}

TEST_CASE("a corrected row keeps its history and matches its original on re-import", "[corrections]") {
    scratch_dir dir;
    load_council(dir);
    const auto original = lighting_2019(dir);
    const std::string id = std::to_string(original["id"].get<std::int64_t>());
    // 9.2 GWh x 0.25560 kg/kWh (2019) = 2,351.52 t; 9.4 GWh = 2,402.64 t.
    CHECK_THAT(original["tco2e"].get<double>(), WithinRel(2351.52, 1e-9));
    const auto corrected = must({"inventory", "correct", id, "--activity", "9.4 GWh", "--reason", "Supplier's final bill replaced the estimate"}, dir);
    CHECK_THAT(corrected.out, Contains("Corrected row " + id));
    const auto now = lighting_2019(dir);
    CHECK(now["id"] == original["id"]);
    CHECK_THAT(now["tco2e"].get<double>(), WithinRel(2402.64, 1e-9));
    CHECK_THAT(now["corrected"]["reason"].get<std::string>(), Contains("Supplier's final bill"));

    SECTION("the audit log holds one record for the correction, with its reason") {
        const auto log = audit_log(dir);
        CHECK(log.back()["reason"] == "Supplier's final bill replaced the estimate");
        CHECK(log.back()["rows_changed"] == 1);
        CHECK(log.back()["rows_added"] == 1);  // the earlier version, kept in the history
    }
    SECTION("history shows both versions") {
        const auto history = nlohmann::json::parse(must({"history", id, "--format", "json"}, dir).out);
        REQUIRE(history["versions"].size() == 2);
        CHECK_THAT(history["versions"][0]["tco2e"].get<double>(), WithinRel(2351.52, 1e-9));
        CHECK(history["versions"][0]["status"] == "corrected");
        CHECK(history["versions"][0]["reason"] == "Supplier's final bill replaced the estimate");
        CHECK_THAT(history["versions"][1]["tco2e"].get<double>(), WithinRel(2402.64, 1e-9));
        CHECK(history["versions"][1]["status"] == "current");
        CHECK_THAT(must({"history", id}, dir).out, Contains("Supplier's final bill"));
    }
    SECTION("re-importing the original file: no duplicate, no error, the corrected value stands") {
        const auto before = dump(dir);
        const auto again = must({"inventory", "import", inventory_file()}, dir);
        CHECK_THAT(again.out, Contains("Imported 0 inventory rows"));
        CHECK_THAT(again.out, Contains("8 already stored"));
        CHECK(dump(dir) == before);
        CHECK_THAT(lighting_2019(dir)["tco2e"].get<double>(), WithinRel(2402.64, 1e-9));
    }
    SECTION("correcting the period recosts with that period's factors") {
        must({"inventory", "correct", id, "--period", "2020/21", "--reason", "Entered against the wrong year"}, dir);
        const auto moved = rows_of(dir, "2020/21");
        REQUIRE(moved.size() == 1);
        CHECK(moved[0]["factor"]["year"] == 2020);
        // And the original still matches on re-import, even though its identity moved.
        must({"inventory", "import", inventory_file()}, dir);
        CHECK(rows_of(dir, "2019/20").size() == 2);
    }
}

TEST_CASE("a removed row is a tombstone a re-import does not bring back", "[corrections]") {
    scratch_dir dir;
    load_council(dir);
    const std::string id = std::to_string(lighting_2019(dir)["id"].get<std::int64_t>());
    must({"inventory", "remove", id, "--reason", "Double-counted with the PFI contract's figure"}, dir);
    CHECK(rows_of(dir, "2019/20").size() == 2);
    const auto log = audit_log(dir);
    CHECK(log.back()["reason"] == "Double-counted with the PFI contract's figure");
    const auto again = must({"inventory", "import", inventory_file()}, dir);
    CHECK_THAT(again.out, Contains("1 row skipped"));
    CHECK_THAT(again.out, Contains("removed on "));
    CHECK_THAT(again.out, Contains("(Double-counted with the PFI contract's figure)"));
    CHECK(rows_of(dir, "2019/20").size() == 2);
    const auto history = nlohmann::json::parse(must({"history", id, "--format", "json"}, dir).out);
    CHECK(history["versions"].back()["status"] == "removed");
}

TEST_CASE("rename-source renames every period in one change", "[corrections]") {
    scratch_dir dir;
    load_council(dir);
    const auto renamed = must({"inventory", "rename-source", "Street lighting and traffic signals", "Street lighting", "--reason", "Shorter name in the new plan"}, dir);
    CHECK_THAT(renamed.out, Contains("in 6 rows"));
    // The parsed document is named: a range-for over a member of a temporary would read freed memory.
    const auto listed = nlohmann::json::parse(must({"inventory", "list", "--format", "json"}, dir).out);
    for (const auto& r : listed["rows"])
        if (r["source"] != "Total") CHECK(r["source"] == "Street lighting");
    const auto log = audit_log(dir);
    CHECK(log.back()["reason"] == "Shorter name in the new plan");
    CHECK(log.back()["rows_changed"] >= 6);
}

TEST_CASE("a changed figure is refused naming the stored row and the command that corrects it", "[corrections]") {
    scratch_dir dir;
    load_council(dir);
    const std::string id = std::to_string(lighting_2019(dir)["id"].get<std::int64_t>());
    const auto before = dump(dir);
    const auto refused = run_carbontrack({"inventory", "add", "--period", "2019/20", "--scope", "2", "--source", "Street lighting and traffic signals",
                                          "--activity", "9.3 GWh", "--factor", "uk_electricity_generated"},
                                         dir.path());
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Contains("already recorded with different figures as row " + id));
    CHECK_THAT(refused.err, Contains("carbontrack --org 'Leicestershire County Council' inventory correct " + id + " --activity '9.3 GWh' --reason WHY"));
    CHECK(dump(dir) == before);
}

TEST_CASE("refused corrections leave the database unchanged", "[corrections]") {
    scratch_dir dir;
    load_council(dir);
    const std::string id = std::to_string(lighting_2019(dir)["id"].get<std::int64_t>());
    const auto before = dump(dir);
    auto refused = [&](const std::vector<std::string>& args, const std::string& message) {
        const auto result = run_carbontrack(args, dir.path());
        CAPTURE(args);
        CHECK(result.exit_code != 0);
        CHECK_THAT(result.err, Contains(message));
        CHECK(dump(dir) == before);
    };
    refused({"inventory", "correct", id, "--activity", "9.4 GWh"}, "--reason is required");
    refused({"inventory", "correct", id, "--activity", "9.4 GWh", "--reason", " "}, "--reason is empty");
    refused({"inventory", "correct", "999", "--tco2e", "5", "--reason", "x"}, "no inventory row 999");
    refused({"inventory", "correct", id, "--activity", "9.2 GWh", "--reason", "x"}, "nothing to correct");
    refused({"inventory", "correct", id, "--activity", "9.2 parsecs", "--reason", "x"}, "unknown unit 'parsecs'");
    refused({"inventory", "correct", id, "--scope", "3", "--factor", "uk_electricity_td_losses", "--reason", "x"}, "is already row");
    refused({"inventory", "remove", "999", "--reason", "x"}, "no inventory row 999");
    refused({"inventory", "rename-source", "Street lightning", "Lighting", "--reason", "x"}, "has no rows with source 'Street lightning'");
}

}  // namespace carbontrack
