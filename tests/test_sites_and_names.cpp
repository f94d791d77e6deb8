// Sites, near-duplicate source names, plausibility warnings and the CLI's feedback, through the real
// binary on the shipped data: what a new user types, and what carbontrack says back.
#include "shipped_fixture.hpp"

#include "carbontrack/source_names.hpp"

#include <nlohmann/json.hpp>

namespace carbontrack {
namespace {

using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;
using testing::must;
using testing::run_carbontrack;
using testing::scratch_dir;

void load_council(const scratch_dir& dir) { testing::load_leicestershire(dir); }

std::string dump(const scratch_dir& dir) { return testing::database_dump(dir); }

}  // namespace

TEST_CASE("two sites' gas in one period are two rows and sum correctly", "[sites]") {
    scratch_dir dir;
    load_council(dir);
    const auto file = testing::write_file(dir / "sites.csv",
                                          "period,scope,source,activity,unit,factor,tco2e,quality,note,site\n"
                                          "2023/24,1,Buildings and sites,1850000,kWh,natural_gas_gross_cv,,measured,Metered,County Hall\n"
                                          "2023/24,1,Buildings and sites,420000,kWh,natural_gas_gross_cv,,measured,Metered,Beaumanor Hall\n"
                                          "2023/24,2,Street lighting and traffic signals,8.1,GWh,uk_electricity_generated,,measured,,\n");
    const auto imported = must({"inventory", "import", file.string()}, dir);
    CHECK_THAT(imported.out, Contains("Imported 3 inventory rows"));
    const auto rows = nlohmann::json::parse(must({"inventory", "list", "--period", "2023/24", "--format", "json"}, dir).out)["rows"];
    REQUIRE(rows.size() == 3);
    double county_hall = 0;
    double beaumanor = 0;
    for (const auto& r : rows) {
        if (r["site"] == "County Hall") county_hall = r["tco2e"].get<double>();
        if (r["site"] == "Beaumanor Hall") beaumanor = r["tco2e"].get<double>();
    }
    // 2023 natural gas (gross CV): 0.18293 kg CO2e/kWh; 1,850,000 kWh = 338.4205 t, 420,000 kWh = 76.8306 t.
    CHECK_THAT(county_hall, WithinRel(338.4205, 1e-9));
    CHECK_THAT(beaumanor, WithinRel(76.8306, 1e-9));
    const auto by_source = nlohmann::json::parse(must({"inventory", "summary", "--by", "source", "--period", "2023/24", "--format", "json"}, dir).out);
    const auto& buildings = by_source["periods"][0]["rows"][0];
    CHECK(buildings["source"] == "Buildings and sites");
    CHECK_THAT(buildings["tco2e"].get<double>(), WithinRel(338.4205 + 76.8306, 1e-9));

    SECTION("--by site") {
        const auto by_site = must({"inventory", "summary", "--by", "site", "--period", "2023/24"}, dir).out;
        CHECK_THAT(by_site, Contains("County Hall tCO2e"));
        CHECK_THAT(by_site, Contains("Beaumanor Hall tCO2e"));
        CHECK_THAT(by_site, Contains("Street lighting and traffic signals (no site) tCO2e"));
        const auto json = nlohmann::json::parse(must({"inventory", "summary", "--by", "site", "--period", "2023/24", "--format", "json"}, dir).out);
        CHECK(json["by"] == "site");
        CHECK(json["periods"][0]["rows"][0]["site"] == "Beaumanor Hall");
    }
    SECTION("the same site twice is a duplicate; the same gas at another site is not") {
        const auto before = dump(dir);
        const auto again = run_carbontrack({"inventory", "add", "--period", "2023/24", "--scope", "1", "--source", "Buildings and sites", "--site",
                                            "County Hall", "--activity", "1,900,000 kWh", "--factor", "natural_gas_gross_cv"},
                                           dir.path());
        CHECK(again.exit_code == 1);
        CHECK_THAT(again.err, Contains("at County Hall (natural_gas_gross_cv) is already recorded with different figures"));
        CHECK(dump(dir) == before);
        must({"inventory", "add", "--period", "2023/24", "--scope", "1", "--source", "Buildings and sites", "--site", "Snibston depot", "--activity",
              "90,000 kWh", "--factor", "natural_gas_gross_cv"},
             dir);
    }
}

TEST_CASE("a mistyped source name is refused with the name it is close to", "[names]") {
    scratch_dir dir;
    load_council(dir);
    const auto before = dump(dir);
    const std::vector<std::string> add{"inventory", "add", "--period", "2023/24", "--scope", "2", "--source", "Street lightning and traffic signals",
                                       "--activity", "8.1 GWh", "--factor", "uk_electricity_generated"};
    const auto refused = run_carbontrack(add, dir.path());
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.err, Contains("did you mean 'Street lighting and traffic signals'?"));
    CHECK(dump(dir) == before);
    SECTION("case and punctuation alone are near-duplicates too") {
        auto typed = add;
        typed[7] = "street-lighting and Traffic Signals";
        CHECK_THAT(run_carbontrack(typed, dir.path()).err, Contains("did you mean 'Street lighting and traffic signals'?"));
        CHECK(dump(dir) == before);
    }
    SECTION("--new-source accepts it") {
        auto accepted = add;
        accepted.push_back("--new-source");
        must(accepted, dir);
    }
    SECTION("Water and Waste stay two sources") {
        CHECK_FALSE(similar_name("Waste", {"Water"}));
        CHECK(similar_name("Wter", {"Water", "Waste"}) == std::optional<std::string>("Water"));
    }
}

TEST_CASE("unknown subcommands and options suggest the nearest valid one", "[names]") {
    scratch_dir dir;
    load_council(dir);
    const auto subcommand = run_carbontrack({"inventory", "sumary"}, dir.path());
    CHECK(subcommand.exit_code == 2);
    CHECK_THAT(subcommand.err, Contains("Did you mean 'summary'?"));
    const auto command = run_carbontrack({"inventroy", "list"}, dir.path());
    CHECK(command.exit_code == 2);
    CHECK_THAT(command.err, Contains("Did you mean 'inventory'?"));
    const auto option = run_carbontrack({"inventory", "summary", "--perod", "2019/20"}, dir.path());
    CHECK(option.exit_code == 2);
    CHECK_THAT(option.err, Contains("Did you mean '--period'?"));
}

TEST_CASE("implausible figures are warned about on import and listed by check, never refused", "[plausibility]") {
    scratch_dir dir;
    load_council(dir);
    // 2019/20 street lighting was 9.2 GWh; 92 GWh in 2020/21 is a slipped decimal point.
    const auto added = must({"inventory", "add", "--period", "2020/21", "--scope", "2", "--source", "Street lighting and traffic signals", "--activity",
                             "92 GWh", "--factor", "uk_electricity_generated"},
                            dir);
    CHECK_THAT(added.out, Contains("Warning: 2020/21 Street lighting and traffic signals:"));
    CHECK_THAT(added.out, Contains("a change of more than 5 times"));
    // Its T&D losses are missing for 92 GWh: no warning (no T&D row), but a T&D row on other kWh is one.
    const auto losses = must({"inventory", "add", "--period", "2020/21", "--scope", "3", "--source", "Street lighting and traffic signals",
                              "--activity", "9.2 GWh", "--factor", "uk_electricity_td_losses"},
                             dir);
    CHECK_THAT(losses.out, Contains("transmission and distribution losses are on 9,200,000 kWh but the electricity is 92,000,000 kWh"));
    const auto no_scope_2 = must({"inventory", "add", "--period", "2021/22", "--scope", "1", "--source", "Fleet", "--tco2e", "640"}, dir);
    CHECK_THAT(no_scope_2.out, Contains("Warning: 2021/22: no scope 2 row"));
    const auto check = run_carbontrack({"check"}, dir.path());
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, Contains("a change of more than 5 times"));
    CHECK_THAT(check.out, Contains("2021/22: no scope 2 row"));
}

TEST_CASE("init without --org names the default organisation and how to rename it", "[feedback]") {
    scratch_dir dir;
    const auto init = must({"init"}, dir);
    CHECK_THAT(init.out, Contains("created the default organisation 'Council'"));
    CHECK_THAT(init.out, Contains("carbontrack org rename \"Council\" \"NEW NAME\""));
    must({"org", "rename", "Council", "Rutland County Council"}, dir);
    const auto log = nlohmann::json::parse(must({"log", "--format", "json"}, dir).out);
    CHECK_THAT(log.back()["command"].get<std::string>(), Contains("org rename Council 'Rutland County Council'"));
    CHECK(log.back()["rows_changed"] == 1);
    CHECK_THAT(must({"init"}, dir).out, Contains("default organisation: Rutland County Council"));
}

}  // namespace carbontrack
