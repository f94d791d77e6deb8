// Targets and progress as a user meets them: `target` and `progress` through the real binary, on the
// shipped data.
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
const std::string example = "Example Council (illustrative)";

void must(const run_result& result) {
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
}

// The main job's own-operations data and targets for both organisations.
void load_inventories_and_targets(const scratch_dir& dir) {
    must(run_carbontrack({"init", "--org", council}, dir.path()));
    must(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()));
    must(run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path()));
    must(run_carbontrack({"target", "import", dataset("targets/leicestershire_targets.csv").string()}, dir.path()));
    must(run_carbontrack({"--org", example, "inventory", "import", dataset("examples/illustrative_example_council_inventory.csv").string()}, dir.path()));
    must(run_carbontrack({"boundary", "import", dataset("boundaries/leicestershire_boundary.csv").string()}, dir.path()));
    must(run_carbontrack({"--org", example, "boundary", "import", dataset("boundaries/example_council_boundary.csv").string()}, dir.path()));
    must(run_carbontrack({"--org", example, "target", "import", dataset("targets/example_council_targets.csv").string()}, dir.path()));
}

nlohmann::json progress_json(const scratch_dir& dir, const std::vector<std::string>& extra) {
    std::vector<std::string> args{"progress", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto result = run_carbontrack(args, dir.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

}  // namespace

TEST_CASE("Leicestershire's net zero 2045 target on the shipped national statistics", "[progress][cli]") {
    scratch_dir dir;
    load_inventories_and_targets(dir);
    must(run_carbontrack({"area", "import", dataset("area/mysociety_local_authority_emissions_2005_2020.csv").string()}, dir.path()));
    must(run_carbontrack({"area", "codes", dataset("area/authority_codes.csv").string()}, dir.path()));
    const auto reports = progress_json(dir, {"Leicestershire area: net zero by 2045"});
    REQUIRE(reports.size() == 1);
    const auto& r = reports[0];
    // Working (the sums of the seven districts' within-scope CO2, kt; the same figures and every
    // pairwise slope are worked in tests/test_progress.cpp):
    //   B (2005) = 4,998.045; A (2020) = 3,005.778; change = (A - B) / B = -39.861%.
    //   Linear pathway to 0 in 2045: P(2020) = B x (1 - 15/40) = 3,123.778; gap A - P = -118.000.
    //   Required cut: (A - 0) / (2045 - 2020) = 120.231 kt a year.
    //   Theil-Sen over 2015-2020: median of 15 slopes -141.158, quartiles -176.475 and -114.179.
    //   Net zero at trend: 2020 + 3,005.778 / 141.158 = 2041.29; band 2037.03 to 2046.33.
    //   Projection to 2045: 3,005.778 - 25 x 141.158 = -523.18 <= 0, and A <= P x 1.05: green.
    CHECK(r["unit"] == "kt CO2");
    CHECK(r["baseline_period"] == "2005");
    CHECK_THAT(r["baseline_value"].get<double>(), WithinAbs(4998.045, 1e-3));
    CHECK(r["latest_period"] == "2020");
    CHECK_THAT(r["latest_value"].get<double>(), WithinAbs(3005.778, 1e-3));
    CHECK_THAT(r["change_vs_baseline_pct"].get<double>(), WithinAbs(-39.861, 1e-3));
    CHECK_THAT(r["pathway_value"].get<double>(), WithinAbs(3123.778, 1e-3));
    CHECK(r["status"] == "on-track");
    CHECK(r["rag"] == "green");
    CHECK(r["next_milestone_period"] == "2045");
    CHECK_THAT(r["required_rate_per_year"].get<double>(), WithinAbs(120.231, 1e-3));
    CHECK(r["required_rate_pct"].is_null());  // no constant rate reaches zero
    CHECK_THAT(r["trend_slope_per_year"].get<double>(), WithinAbs(-141.158, 1e-3));
    CHECK_THAT(r["projected_net_zero_year"].get<double>(), WithinAbs(2041.29, 1e-2));
    CHECK_THAT(r["projected_net_zero_range"][0].get<double>(), WithinAbs(2037.03, 1e-2));
    CHECK_THAT(r["projected_net_zero_range"][1].get<double>(), WithinAbs(2046.33, 1e-2));
}

TEST_CASE("the own-operations target on the published figures says its 2016/17 baseline is missing", "[progress][cli]") {
    scratch_dir dir;
    load_inventories_and_targets(dir);
    const auto table = run_carbontrack({"progress", "Own operations: 64% by 2025 and net zero by 2030"}, dir.path());
    CHECK(table.exit_code == 0);
    CHECK_THAT(table.out, Contains("cannot assess"));
    CHECK_THAT(table.out, Contains("no value for the baseline period 2016/17"));
    CHECK_THAT(table.out, Contains("inventory add --period 2016/17 --source Total --tco2e N"));
    const auto reports = progress_json(dir, {"Own operations: 64% by 2025 and net zero by 2030"});
    CHECK(reports[0]["status"].is_null());
    CHECK_THAT(reports[0]["error"].get<std::string>(), Contains("2016/17"));
    SECTION("--check fails when a target cannot be assessed") {
        CHECK(run_carbontrack({"progress", "--check"}, dir.path()).exit_code == 1);
    }
    SECTION("recording the baseline makes it assessable") {
        must(run_carbontrack({"target", "add", "Own operations: 64% by 2025 and net zero by 2030", "--entity", "council", "--series", "total",
                              "--baseline", "2016/17", "--milestone", "2024/25:64%", "--milestone", "2029/30:100%", "--baseline-value",
                              "20,000 tCO2e", "--replace"},
                             dir.path()));
        const auto assessed = progress_json(dir, {"Own operations: 64% by 2025 and net zero by 2030"});
        CHECK(assessed[0]["error"].is_null());
        CHECK(assessed[0]["baseline_value_from"] == "target");
        // 11,663 against a given 20,000 is a 41.7% cut.
        CHECK_THAT(assessed[0]["change_vs_baseline_pct"].get<double>(), WithinAbs(-41.685, 1e-3));
    }
}

TEST_CASE("progress JSON carries every documented key with its type", "[progress][cli]") {
    scratch_dir dir;
    load_inventories_and_targets(dir);
    const auto reports = progress_json(dir, {"--org", example});
    REQUIRE(reports.size() == 2);
    for (const auto& r : reports) {
        for (const char* key : {"target", "entity", "series", "unit", "baseline_period", "latest_period", "status", "rag", "next_milestone_period"})
            CHECK(r.at(key).is_string());
        for (const char* key : {"baseline_value", "latest_value", "change_vs_baseline_pct", "pathway_value", "next_milestone_value",
                                "required_rate_per_year", "trend_slope_per_year", "projected_net_zero_year"})
            CHECK(r.at(key).is_number());
        CHECK(r.at("projected_net_zero_range").is_array());
        CHECK(r.contains("required_rate_pct"));
    }
    SECTION("the example council's figures, worked by hand") {
        // Totals: 2016/17 14,957.9 ... 2023/24 6,658.4 tCO2e (sums of the example's rows).
        // Linear pathway: 64% below B by 2024/25 (x = 8): L = 0.36 B = 5,384.8; at 2023/24 (x = 7)
        // P = B - 7/8 (B - L) = 6,581.5. A = 6,658.4 is 1.2% above P: at-risk. Required cut to
        // 2024/25: A - L = 1,273.6 in one year; constant rate 1 - L/A = 19.1%.
        const auto& linear = reports[1];
        CHECK(linear["target"] == "Own operations: 64% by 2025 and net zero by 2030");
        CHECK(linear["status"] == "at-risk");
        CHECK(linear["next_milestone_period"] == "2024/25");
        const double B = linear["baseline_value"].get<double>();
        const double A = linear["latest_value"].get<double>();
        CHECK_THAT(B, WithinAbs(14957.9, 0.05));
        CHECK_THAT(A, WithinAbs(6658.4, 0.05));
        CHECK_THAT(linear["pathway_value"].get<double>(), WithinRel(B - 7.0 / 8.0 * (B - 0.36 * B), 1e-12));
        CHECK_THAT(linear["required_rate_per_year"].get<double>(), WithinRel(A - 0.36 * B, 1e-12));
        CHECK_THAT(linear["required_rate_pct"].get<double>(), WithinRel(100 * (1 - 0.36 * B / A), 1e-12));
    }
    SECTION("a carbon budget reports what is used and left") {
        const auto& budget = reports[0]["carbon_budget"];
        REQUIRE(budget.is_object());
        CHECK(budget["from"] == "2020/21");
        CHECK_THAT(budget["used"].get<double>() + budget["remaining"].get<double>(), WithinRel(60000.0, 1e-12));
    }
}

TEST_CASE("progress --explain shows every step a committee could check by hand", "[progress][cli]") {
    scratch_dir dir;
    load_inventories_and_targets(dir);
    const auto result = run_carbontrack({"--org", example, "progress", "--explain", "Own operations: 64% by 2025 and net zero by 2030"}, dir.path());
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Contains("Theil-Sen"));
    CHECK_THAT(result.out, Contains("2016/17"));
    CHECK_THAT(result.out, Contains("RAG: green when"));
}

TEST_CASE("targets are added, listed, replaced and removed", "[progress][cli]") {
    scratch_dir dir;
    load_inventories_and_targets(dir);
    const std::vector<std::string> add{"target", "add", "Fleet down", "--entity", "council", "--series", "source:Fleet", "--baseline", "2016/17",
                                       "--milestone", "2024/25:50%"};
    must(run_carbontrack(add, dir.path()));
    CHECK_THAT(run_carbontrack(add, dir.path()).out, Contains("already stored"));
    SECTION("a different definition under the same name needs --replace") {
        auto changed = add;
        changed.back() = "2024/25:60%";
        const auto refused = run_carbontrack(changed, dir.path());
        CHECK(refused.exit_code == 1);
        CHECK_THAT(refused.err, Contains("--replace"));
        changed.push_back("--replace");
        must(run_carbontrack(changed, dir.path()));
        CHECK_THAT(run_carbontrack({"target", "list", "--format", "csv"}, dir.path()).out, Contains("2024/25:60%"));
    }
    SECTION("remove") {
        must(run_carbontrack({"target", "remove", "Fleet down"}, dir.path()));
        CHECK(run_carbontrack({"target", "remove", "Fleet down"}, dir.path()).exit_code == 1);
    }
}

TEST_CASE("bad targets are refused with a reason and change nothing", "[progress][cli]") {
    scratch_dir dir;
    load_inventories_and_targets(dir);
    const auto before = store(dir / "carbontrack.db").canonical_dump();
    SECTION("a milestone that is not a financial year") {
        const auto result = run_carbontrack({"target", "add", "x", "--entity", "council", "--series", "total", "--baseline", "2016/17",
                                             "--milestone", "2024/26:64%"},
                                            dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("2024/26"));
    }
    SECTION("a calendar milestone on a financial-year baseline names the convention") {
        const auto result = run_carbontrack({"target", "add", "x", "--entity", "council", "--series", "total", "--baseline", "2016/17",
                                             "--milestone", "2030:100%"},
                                            dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("2029/30"));
    }
    SECTION("a missing milestone is a usage error") {
        CHECK(run_carbontrack({"target", "add", "x", "--entity", "council", "--series", "total", "--baseline", "2016/17"}, dir.path()).exit_code == 2);
    }
    SECTION("a targets file with a bad row names its line") {
        const auto file = write_file(dir / "targets.csv",
                                     "name,entity,series,baseline,milestones\n"
                                     "Good,council,total,2016/17,2024/25:64%\n"
                                     "Bad,council,total,2016/17,2024/25:164%\n");
        const auto result = run_carbontrack({"target", "import", file.string()}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains(file.string() + ":3: "));
    }
    CHECK(store(dir / "carbontrack.db").canonical_dump() == before);
}

TEST_CASE("every authority is assessed against net zero by 2045 in one command", "[progress][cli]") {
    scratch_dir dir;
    must(run_carbontrack({"area", "import", dataset("area/mysociety_local_authority_emissions_2005_2020.csv").string()}, dir.path()));
    must(run_carbontrack({"area", "codes", dataset("area/authority_codes.csv").string()}, dir.path()));

    SECTION("districts and unitaries by default, sorted by the net-zero year at trend") {
        const auto all = progress_json(dir, {"--all-authorities", "--series", "within-scope", "--net-zero-year", "2045"});
        REQUIRE(all.size() == 361);
        double previous = 0;
        for (std::size_t i = 0; i < all.size(); ++i) {
            const auto& a = all[i];
            CAPTURE(a["code"]);
            CHECK(a["position"] == i + 1);
            CHECK(a["latest_period"] == "2020");
            // Every authority's within-scope CO2 fell over the last six years, so each has a year.
            REQUIRE(a["projected_net_zero_year"].is_number());
            CHECK(a["projected_net_zero_year"].get<double>() >= previous);
            previous = a["projected_net_zero_year"].get<double>();
        }
        // Blaby, worked from the Total Emissions column of the shipped mySociety file (a figure
        // carbontrack does not read, so an independent check of its own sum of 20 sub-sectors):
        //   B (2005) = 554.158, A (2020) = 336.418 kt CO2; change -39.292%.
        //   Pathway at 2020 = B x (1 - 15/40) = 346.349; required cut A / 25 = 13.457 kt a year.
        //   2015-2020: 437.465, 417.502, 396.642, 387.722, 369.289, 336.418; the median of the 15
        //   pairwise slopes is -19.964, the 25th and 75th percentiles -20.341 and -16.326.
        //   Net zero at trend 2020 + 336.418 / 19.964 = 2036.85 (band 2036.54 to 2040.61); on track, green.
        const auto blaby = std::find_if(all.begin(), all.end(), [](const auto& a) { return a["code"] == "E07000129"; });
        REQUIRE(blaby != all.end());
        const auto& b = *blaby;
        CHECK(b["name"] == "Blaby District Council");
        CHECK(b["unit"] == "kt CO2");
        CHECK_THAT(b["baseline_value"].get<double>(), WithinAbs(554.158, 1e-3));
        CHECK_THAT(b["latest_value"].get<double>(), WithinAbs(336.418, 1e-3));
        CHECK_THAT(b["change_vs_baseline_pct"].get<double>(), WithinAbs(-39.292, 1e-3));
        CHECK_THAT(b["pathway_value"].get<double>(), WithinAbs(346.349, 1e-3));
        CHECK_THAT(b["required_rate_per_year"].get<double>(), WithinAbs(13.457, 1e-3));
        CHECK_THAT(b["trend_slope_per_year"].get<double>(), WithinAbs(-19.964, 1e-3));
        CHECK_THAT(b["projected_net_zero_year"].get<double>(), WithinAbs(2036.85, 1e-2));
        CHECK_THAT(b["projected_net_zero_range"][0].get<double>(), WithinAbs(2036.54, 1e-2));
        CHECK_THAT(b["projected_net_zero_range"][1].get<double>(), WithinAbs(2040.61, 1e-2));
        CHECK(b["status"] == "on-track");
        CHECK(b["rag"] == "green");
    }

    SECTION("--tier all adds the 21 county councils and 12 combined authorities: 394 in all") {
        const auto all = progress_json(dir, {"--all-authorities", "--tier", "all"});
        CHECK(all.size() == 394);
        const auto counties = progress_json(dir, {"--all-authorities", "--tier", "county"});
        REQUIRE(counties.size() == 21);
        const auto leicestershire = std::find_if(counties.begin(), counties.end(), [](const auto& a) { return a["code"] == "E10000018"; });
        REQUIRE(leicestershire != counties.end());
        // The same figures as the Leicestershire target above: the county row is its districts' sum.
        CHECK_THAT((*leicestershire)["latest_value"].get<double>(), WithinAbs(3005.778, 1e-3));
        CHECK_THAT((*leicestershire)["projected_net_zero_year"].get<double>(), WithinAbs(2041.29, 1e-2));
        CHECK((*leicestershire)["rag"] == "green");
    }

    SECTION("the table sorts by the rate still required, and CSV has one row per authority") {
        const auto table = run_carbontrack({"progress", "--all-authorities", "--sort", "required-rate"}, dir.path());
        must(table);
        CHECK_THAT(table.out, Contains("Every authority against net zero by 2045 (within-scope"));
        CHECK_THAT(table.out, Contains("RAG: green"));  // the rule is printed under the table
        const auto csv = run_carbontrack({"progress", "--all-authorities", "--format", "csv"}, dir.path());
        must(csv);
        CHECK(std::count(csv.out.begin(), csv.out.end(), '\n') == 362);  // header and 361 authorities
        CHECK(csv.err.empty());
    }

    SECTION("an unknown tier is a usage error") {
        const auto r = run_carbontrack({"progress", "--all-authorities", "--tier", "parish"}, dir.path());
        CHECK(r.exit_code == 2);
        CHECK_THAT(r.err, Contains("--tier"));
        CHECK(r.out.empty());
    }
}
