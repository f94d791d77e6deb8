// Restatement: a later factor import never changes a reported figure; only an explicit, reasoned
// restatement does, after a preview, and it keeps the figure first reported.
#include "carbontrack/restate.hpp"
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

const std::string council = "Leicestershire County Council";
const std::string reason = "DESNZ revised the 2019 UK electricity factor";

void load_council(const scratch_dir& dir) {
    REQUIRE(run_carbontrack({"init", "--org", council}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"boundary", "import", dataset("boundaries/leicestershire_boundary.csv").string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"target", "add", "Own operations: 64% by 2025 and net zero by 2030", "--entity", "council", "--series", "total",
                             "--baseline", "2016/17", "--milestone", "2024/25:64%", "--milestone", "2029/30:100%"},
                            dir.path())
                .exit_code == 0);
}

// A revised key CSV: 2019 grid electricity at 0.25 kg CO2e/kWh instead of the published 0.2556, and the
// T&D factor unchanged (0.0217), as a corrected release would repeat it.
std::filesystem::path revised_2019(const scratch_dir& dir) {
    return write_file(dir / "revised-2019.csv", "factor_year,factor,unit,ghg_unit,value,extracted_from\n"
                                                "2019,uk_electricity_generated,kWh,kg CO2e,0.25,test-revision\n"
                                                "2019,uk_electricity_td_losses,kWh,kg CO2e,0.0217,test-revision\n");
}

nlohmann::json json_of(const run_result& result) {
    CAPTURE(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

nlohmann::json inventory_rows(const scratch_dir& dir) { return json_of(run_carbontrack({"inventory", "list", "--format", "json"}, dir.path()))["rows"]; }

}  // namespace

TEST_CASE("importing a new factor set never changes a stored figure", "[hardening]") {
    scratch_dir dir;
    load_council(dir);
    const auto before = inventory_rows(dir);

    SECTION("a new set (the flat file's thousands of factors) adds factors only") {
        REQUIRE(run_carbontrack({"factors", "import", flat_factors().string()}, dir.path()).exit_code == 0);
        CHECK(inventory_rows(dir) == before);
    }
    SECTION("a changed published value is refused at its line without --as-revision") {
        const auto dump = store(dir / "carbontrack.db").canonical_dump();
        const auto result = run_carbontrack({"factors", "import", revised_2019(dir).string()}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("revised-2019.csv:2: "));
        CHECK_THAT(result.err, Contains("a changed published factor is a restatement, not an import"));
        CHECK(store(dir / "carbontrack.db").canonical_dump() == dump);
    }
    SECTION("a revision is stored beside the published factor, which stays as it was") {
        const auto result = run_carbontrack({"factors", "import", revised_2019(dir).string(), "--as-revision", "2019 v2"}, dir.path());
        REQUIRE(result.exit_code == 0);
        CHECK_THAT(result.out, Contains("Imported 1 factors"));
        CHECK(inventory_rows(dir) == before);
        const auto published = json_of(run_carbontrack({"factors", "list", "--year", "2019", "--name", "uk_electricity_generated", "--format", "json"}, dir.path()));
        REQUIRE(published.size() == 1);
        CHECK(published[0]["kg_per_unit"] == 0.2556);
        SECTION("and re-importing the revision changes nothing") {
            const auto dump = store(dir / "carbontrack.db").canonical_dump();
            REQUIRE(run_carbontrack({"factors", "import", revised_2019(dir).string(), "--as-revision", "2019 v2"}, dir.path()).exit_code == 0);
            CHECK(store(dir / "carbontrack.db").canonical_dump() == dump);
        }
    }
}

TEST_CASE("restate previews old vs new without writing, then applies only with --apply", "[hardening]") {
    scratch_dir dir;
    load_council(dir);
    REQUIRE(run_carbontrack({"factors", "import", revised_2019(dir).string(), "--as-revision", "2019 v2"}, dir.path()).exit_code == 0);
    const auto rows_before = inventory_rows(dir);
    const auto dump_before = store(dir / "carbontrack.db").canonical_dump();

    // Street lighting 2019/20, scope 2: 9,200,000 kWh x 0.2556 = 2,351.52 t before; x 0.25 = 2,300.00 t after,
    // a change of -51.52 t (-2.19%). Scope 3 T&D, 9,200,000 x 0.0217 = 199.64 t, keeps its factor, so the
    // period's components go from 2,551.16 to 2,499.64 t; its published total of 11,663 t stays.
    SECTION("the preview shows each changed figure, its period and the baseline, and writes nothing") {
        const auto table = run_carbontrack({"restate", "--factors-year", "2019", "--reason", reason}, dir.path());
        REQUIRE(table.exit_code == 0);
        CHECK_THAT(table.out, Contains("2,351.52"));
        CHECK_THAT(table.out, Contains("2,300.00"));
        CHECK_THAT(table.out, Contains("-51.52"));
        CHECK_THAT(table.out, Contains("Preview only: nothing was written"));

        const auto preview = json_of(run_carbontrack({"restate", "--factors-year", "2019", "--reason", reason, "--format", "json"}, dir.path()));
        CHECK(preview["applied"] == false);
        REQUIRE(preview["rows"].size() == 1);
        const auto& row = preview["rows"][0];
        CHECK(row["period"] == "2019/20");
        CHECK(row["source"] == "Street lighting and traffic signals");
        CHECK(row["kg_co2e_per_unit_before"] == 0.2556);
        CHECK(row["kg_co2e_per_unit_after"] == 0.25);
        CHECK(row["factor_source_after"] == "revision '2019 v2'");
        CHECK_THAT(row["tco2e_before"].get<double>(), WithinRel(9'200'000 * 0.2556 / 1000, 1e-12));
        CHECK_THAT(row["tco2e_after"].get<double>(), WithinRel(9'200'000 * 0.25 / 1000, 1e-12));
        REQUIRE(preview["periods"].size() == 1);
        const auto& period = preview["periods"][0];
        CHECK_THAT(period["total_before_tco2e"].get<double>(), WithinRel(11663.0, 1e-12));
        CHECK_THAT(period["total_after_tco2e"].get<double>(), WithinRel(11663.0, 1e-12));
        CHECK_THAT(period["components_before_tco2e"].get<double>(), WithinRel(2351.52 + 199.64, 1e-12));
        CHECK_THAT(period["components_after_tco2e"].get<double>(), WithinRel(2300.0 + 199.64, 1e-12));
        CHECK_THAT(period["change_pct"].get<double>(), WithinAbs(0.0, 1e-12));
        REQUIRE(preview["baselines"].size() == 1);
        CHECK(preview["baselines"][0]["period"] == "2016/17");
        CHECK_THAT(preview["baselines"][0]["change_pct"].get<double>(), WithinAbs(0.0, 1e-12));

        CHECK(store(dir / "carbontrack.db").canonical_dump() == dump_before);
        CHECK(inventory_rows(dir) == rows_before);
    }

    SECTION("--apply changes exactly the affected row, marks it and keeps what was first reported") {
        const auto applied = run_carbontrack({"restate", "--factors-year", "2019", "--reason", reason, "--apply"}, dir.path());
        CAPTURE(applied.err);
        REQUIRE(applied.exit_code == 0);
        CHECK_THAT(applied.out, Contains("Restated 1 figure (restatement 1): " + reason));

        const auto rows_after = inventory_rows(dir);
        REQUIRE(rows_after.size() == rows_before.size());
        std::size_t changed = 0;
        for (std::size_t i = 0; i < rows_after.size(); ++i) {
            if (rows_after[i] == rows_before[i]) continue;
            ++changed;
            const auto& row = rows_after[i];
            CHECK(row["period"] == "2019/20");
            CHECK(row["scope"] == 2);
            CHECK(row["factor"]["kg_co2e_per_unit"] == 0.25);
            CHECK(row["factor"]["source"] == "revision '2019 v2'");
            CHECK_THAT(row["tco2e"].get<double>(), WithinRel(2300.0, 1e-12));
            CHECK(row["restated"]["reason"] == reason);
            CHECK(row["restated"]["id"] == 1);
            CHECK(row["restated"]["applied_at"].get<std::string>().size() == 20);
            CHECK_THAT(row["restated"]["first_reported_tco2e"].get<double>(), WithinRel(2351.52, 1e-12));
            CHECK(row["restated"]["first_reported_kg_co2e_per_unit"] == 0.2556);
        }
        CHECK(changed == 1);

        const auto summary = json_of(run_carbontrack({"inventory", "summary", "--by", "source", "--format", "json"}, dir.path()));
        for (const auto& p : summary["periods"]) {
            CAPTURE(p["period"]);
            if (p["period"] == "2019/20") {
                REQUIRE(p["restated"].size() == 1);
                CHECK(p["restated"][0]["reason"] == reason);
            } else {
                CHECK(p["restated"].empty());
            }
        }
        CHECK_THAT(run_carbontrack({"inventory", "list"}, dir.path()).out, Contains("restated 20"));

        const auto log = json_of(run_carbontrack({"log", "--limit", "1", "--format", "json"}, dir.path()));
        CHECK_THAT(log[0]["command"].get<std::string>(), Contains("restate --factors-year 2019"));
        CHECK(log[0]["organisation"] == council);
        CHECK(log[0]["rows_changed"] == 1);  // the inventory row
        CHECK(log[0]["rows_added"] == 2);    // the restatement and the row's history

        const auto check = run_carbontrack({"check"}, dir.path());
        CAPTURE(check.out);
        CHECK(check.exit_code == 0);

        SECTION("the annual report shows the figure as restated, with what was first reported and why") {
            const auto report = run_carbontrack({"report", "--period", "2019/20", "--out", "report.md"}, dir.path());
            CAPTURE(report.err);
            REQUIRE(report.exit_code == 0);
            const auto markdown = read_bytes(dir / "report.md");
            // Street lighting: 9.2 GWh x 0.25 = 2,300.0 tCO2e in scope 2, plus 199.6 of T&D losses in scope 3.
            CHECK_THAT(markdown, Contains("2,499.6 (restated)"));  // the source's line in the by-source table
            CHECK_THAT(markdown, Contains("2,300.0 (restated)"));  // scope 2 in the by-scope table
            CHECK_THAT(markdown, Contains("| 2019/20 | 2 | Street lighting and traffic signals | 2,351.5 | 2,300.0 | 0.2556 | 0.25 | 20"));
            CHECK_THAT(markdown, Contains(reason));
        }
        SECTION("re-importing the original file matches the first-reported figure and changes nothing") {
            const auto dump = store(dir / "carbontrack.db").canonical_dump();
            const auto again = run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path());
            CAPTURE(again.err);
            CHECK(again.exit_code == 0);
            CHECK_THAT(again.out, Contains("Imported 0 inventory rows"));
            CHECK(store(dir / "carbontrack.db").canonical_dump() == dump);
        }
        SECTION("restating again finds nothing to do") {
            const auto again = run_carbontrack({"restate", "--factors-year", "2019", "--reason", reason, "--apply"}, dir.path());
            CHECK(again.exit_code == 0);
            CHECK_THAT(again.out, Contains("Nothing to restate"));
        }
    }

    SECTION("--periods limits the restatement to the periods named") {
        const auto other = run_carbontrack({"restate", "--factors-year", "2019", "--periods", "2018/19,2020/21", "--reason", reason}, dir.path());
        CHECK(other.exit_code == 0);
        CHECK_THAT(other.out, Contains("Nothing to restate"));
        const auto named = json_of(run_carbontrack({"restate", "--factors-year", "2019", "--periods", "2019/20", "--reason", reason, "--format", "json"}, dir.path()));
        CHECK(named["rows"].size() == 1);
    }
}

TEST_CASE("restating the baseline year shows the baseline's change in per cent", "[hardening]") {
    scratch_dir dir;
    load_council(dir);
    const auto revision = write_file(dir / "revised-2016.csv", "factor_year,factor,unit,ghg_unit,value,extracted_from\n"
                                                               "2016,uk_electricity_generated,kWh,kg CO2e,0.4,test-revision\n");
    REQUIRE(run_carbontrack({"factors", "import", revision.string(), "--as-revision", "2016 v2"}, dir.path()).exit_code == 0);
    const auto preview = json_of(run_carbontrack({"restate", "--factors-year", "2016", "--reason", "test", "--format", "json"}, dir.path()));
    // 2016/17 has no published total, so its components compare: 20,800,000 kWh x 0.41205 = 8,570.64 t
    // plus T&D 20,800,000 x 0.03727 = 775.216 t is 9,345.856 t; after, 8,320 + 775.216 = 9,095.216 t.
    const double before = 8570.64 + 775.216;
    const double after = 8320.0 + 775.216;
    REQUIRE(preview["baselines"].size() == 1);
    const auto& baseline = preview["baselines"][0];
    CHECK(baseline["period"] == "2016/17");
    CHECK_THAT(baseline["measured_by"].get<std::string>(), Contains("Own operations: 64% by 2025"));
    CHECK(baseline["total_before_tco2e"].is_null());
    CHECK_THAT(baseline["components_before_tco2e"].get<double>(), WithinRel(before, 1e-12));
    CHECK_THAT(baseline["components_after_tco2e"].get<double>(), WithinRel(after, 1e-12));
    CHECK_THAT(baseline["change_pct"].get<double>(), WithinRel((after - before) / before * 100, 1e-9));  // -2.68%
}

TEST_CASE("a restated row reads back as first reported for re-import matching", "[hardening]") {
    inventory_entry row;
    row.when = financial_year{2019};
    row.scope = 2;
    row.source = "Street lighting and traffic signals";
    row.activity_amount = 9.2;
    row.activity_unit = "GWh";
    row.factor = factor_provenance{2019, "uk_electricity_generated", "kWh", 0.25, "revision '2019 v2'"};
    row.emissions = cost_with(row, 0.25);
    CHECK_THAT(in(row.emissions, units::tonne_co2e), WithinRel(2300.0, 1e-12));
    CHECK_THAT(in(as_first_reported(row).emissions, units::tonne_co2e), WithinRel(2300.0, 1e-12));
    row.restated = restatement_mark{1, "test", "2025-01-01T00:00:00Z", 2351.52 * units::tonne_co2e, 0.2556, 0.25};
    const auto first = as_first_reported(row);
    CHECK_FALSE(first.restated);
    CHECK_THAT(in(first.emissions, units::tonne_co2e), WithinRel(2351.52, 1e-12));
    CHECK(first.factor->kg_co2e_per_unit == 0.2556);
}
