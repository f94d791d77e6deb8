// `carbontrack backup` and `carbontrack check`: a verified online copy, and the checks that catch a
// stored figure that no longer follows from its activity and factor.
#include "carbontrack/check.hpp"
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdlib>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

const std::string council = "Leicestershire County Council";

void load_council(const scratch_dir& dir) {
    REQUIRE(run_carbontrack({"init", "--org", council}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"boundary", "import", dataset("boundaries/leicestershire_boundary.csv").string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"target", "add", "Own operations", "--entity", "council", "--series", "total", "--baseline", "2016/17",
                             "--milestone", "2024/25:64%", "--milestone", "2029/30:100%"},
                            dir.path())
                .exit_code == 0);
}

// Leicestershire's 2019/20 street lighting, scope 2: 9.2 GWh at the 2019 factor of 0.2556 kg CO2e/kWh.
constexpr const char* street_lighting_2019 =
    "period_start = 2019 AND scope = 2 AND source = 'Street lighting and traffic signals' AND factor_name = 'uk_electricity_generated'";

}  // namespace

TEST_CASE("check is clean on the database the main job builds", "[hardening]") {
    scratch_dir dir;
    const auto db = dir / "main-job.db";
    // Its charts and reports go to the scratch directory, never over the committed plots/ and reports/.
    const std::string command = "CARBONTRACK_DB='" + db.string() + "' CARBONTRACK_PLOTS='" + (dir / "plots").string() +
                                "' CARBONTRACK_REPORTS='" + (dir / "reports").string() + "' '" + (source_dir() / "scripts/main-job").string() +
                                "' '" + CARBONTRACK_BINARY + "' >/dev/null 2>&1";
    REQUIRE(std::system(command.c_str()) == 0);
    const auto result = run_carbontrack({"--db", db.string(), "check"}, dir.path());
    CAPTURE(result.out, result.err);
    CHECK(result.exit_code == 0);
    for (const char* check : {"integrity", "foreign keys", "factors", "emissions", "totals", "targets"}) CHECK_THAT(result.out, Contains(check));
    CHECK_THAT(result.out, Contains(": 0 failed, 0 warnings"));
}

TEST_CASE("check fails with exit 1 on a tampered figure", "[hardening]") {
    scratch_dir dir;
    load_council(dir);
    REQUIRE(run_carbontrack({"check"}, dir.path()).exit_code == 0);
    {
        SQLite::Database raw((dir / "carbontrack.db").string(), SQLite::OPEN_READWRITE);
        SECTION("an emissions value edited behind carbontrack's back") {
            // 9,200,000 kWh x 0.2556 = 2,351,520 kg; one kilogram more is far outside 1e-9 relative.
            REQUIRE_THAT(raw.execAndGet(std::string("SELECT emissions_kg_co2e FROM inventory_row WHERE ") + street_lighting_2019).getDouble(),
                         WithinRel(2351520.0, 1e-12));
            REQUIRE(raw.exec(std::string("UPDATE inventory_row SET emissions_kg_co2e = 2351521 WHERE ") + street_lighting_2019) == 1);
            const auto result = run_carbontrack({"check"}, dir.path());
            CHECK(result.exit_code == 1);
            CHECK_THAT(result.out, Contains("FAILED  emissions: Leicestershire County Council, 2019/20 scope 2 Street lighting"));
            CHECK_THAT(result.out, Contains("2351.521000 tCO2e but activity x factor is 2351.520000"));
        }
        SECTION("a factor value edited on the row, figures recomputed to match") {
            REQUIRE(raw.exec(std::string("UPDATE inventory_row SET factor_kg_co2e_per_unit = 0.25, emissions_kg_co2e = 2300000 WHERE ") +
                             street_lighting_2019) == 1);
            const auto result = run_carbontrack({"check"}, dir.path());
            CHECK(result.exit_code == 1);
            CHECK_THAT(result.out, Contains("FAILED  factors:"));
            CHECK_THAT(result.out, Contains("no restatement records the change"));
        }
        SECTION("a published factor removed from the factor table") {
            raw.exec("PRAGMA foreign_keys = ON");
            REQUIRE(raw.exec("DELETE FROM factor WHERE factor_year = 2019 AND name = 'uk_electricity_td_losses'") == 1);
            const auto result = run_carbontrack({"check", "--format", "json"}, dir.path());
            CHECK(result.exit_code == 1);
            const auto report = nlohmann::json::parse(result.out);
            CHECK(report["failures"] == 1);
            CHECK_THAT(report["findings"][0]["message"].get<std::string>(), Contains("is not in the factor table"));
        }
    }
}

TEST_CASE("components above a reported total are a warning, not a failure", "[hardening]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"init", "--org", "Small council"}, dir.path()).exit_code == 0);
    const auto file = write_file(dir / "inventory.csv", "period,scope,source,activity,unit,factor,tco2e,quality,note\n"
                                                         "2022/23,,Total,,,,100,published,\n"
                                                         "2022/23,1,Buildings,,,,80,measured,\n"
                                                         "2022/23,1,Fleet,,,,30,measured,\n");
    REQUIRE(run_carbontrack({"inventory", "import", file.string()}, dir.path()).exit_code == 0);
    const auto result = run_carbontrack({"check"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("warning  totals: Small council, 2022/23: the components add up to 110.000000 tCO2e, more than the reported total of 100.000000"));
    CHECK_THAT(result.out, Contains("0 failed, 1 warnings"));
}

TEST_CASE("a target whose series cannot be resolved fails the check", "[hardening]") {
    scratch_dir dir;
    load_council(dir);
    // The county-area target follows E10000018's series, but no area release is loaded here.
    REQUIRE(run_carbontrack({"target", "add", "Area net zero", "--entity", "E10000018", "--series", "within-scope", "--baseline", "2005",
                             "--milestone", "2045:100%"},
                            dir.path())
                .exit_code == 0);
    const auto result = run_carbontrack({"check"}, dir.path());
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.out, Contains("FAILED  targets: Leicestershire County Council, target 'Area net zero'"));
}

TEST_CASE("backup makes a verified copy with the same content and refuses to overwrite", "[hardening]") {
    scratch_dir dir;
    load_council(dir);
    const auto copy = dir / "backup.db";
    const auto result = run_carbontrack({"backup", copy.string()}, dir.path());
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("passed PRAGMA integrity_check"));
    {
        const store original(dir / "carbontrack.db");
        const store backup(copy, store::open_mode::must_exist);
        CHECK(backup.canonical_dump() == original.canonical_dump());
        CHECK(backup.integrity_problems().empty());
        CHECK(backup.audit_log().size() == original.audit_log().size());
    }
    SECTION("an existing file is refused without --force and left alone") {
        const auto again = run_carbontrack({"backup", copy.string()}, dir.path());
        CHECK(again.exit_code == 1);
        CHECK_THAT(again.err, Contains("already exists"));
    }
    SECTION("--force replaces it with a fresh copy") {
        write_file(copy, "not a database");
        CHECK(run_carbontrack({"backup", copy.string(), "--force"}, dir.path()).exit_code == 0);
        CHECK(store(copy, store::open_mode::must_exist).canonical_dump() == store(dir / "carbontrack.db").canonical_dump());
    }
    SECTION("a backup is not a change, so it adds nothing to the log") {
        CHECK(store(dir / "carbontrack.db").audit_log().size() == 5);  // init, factors, inventory, boundary, target
    }
}

TEST_CASE("check_database reports every check it ran even when all are clean", "[hardening]") {
    scratch_dir dir;
    store db(dir / "empty.db");
    const auto report = check_database(db);
    CHECK_FALSE(report.failed());
    CHECK(report.findings.empty());
    CHECK(report.checks_run == std::vector<std::string>{"integrity", "foreign keys", "factors", "emissions", "totals", "targets"});
}
