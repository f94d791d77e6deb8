// The Strategic Plan's other area indicators as the main job ships them: each one's latest
// Leicestershire (county) value, recomputed by hand from its source file and asserted through the CLI.
#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;

namespace {

const std::vector<std::string> plan_indicators = {"leicestershire_domestic_epc_ratings.csv", "leicestershire_heat_pumps.csv",
                                                  "leicestershire_air_quality.csv", "leicestershire_ev_public_chargers.csv",
                                                  "leicestershire_renewable_electricity_by_district.csv"};

nlohmann::json progress_of(const scratch_dir& dir, const std::string& indicator) {
    const auto result = run_carbontrack({"indicator", "progress", indicator, "--format", "json"}, dir.path());
    CAPTURE(indicator, result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out)["indicators"];
}

// The whole area's entry: the county's own figure, or its districts combined.
const nlohmann::json& county_entry(const nlohmann::json& list) {
    for (const auto& item : list)
        if (item["area"] == "" || item["area"] == "all areas (sum)") return item;
    FAIL("no whole-area entry in " << list.dump());
    return list;
}

}  // namespace

TEST_CASE("each of the plan's area indicators gives Leicestershire's latest figure from its source file", "[indicator][plan]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"init", "--org", "Leicestershire County Council"}, dir.path()).exit_code == 0);
    for (const auto& file : plan_indicators) {
        const auto result = run_carbontrack({"indicator", "import", dataset("indicators/" + file).string()}, dir.path());
        CAPTURE(file, result.err);
        REQUIRE(result.exit_code == 0);
    }
    // Tolerances are half the last shown decimal of each shipped figure.
    SECTION("EPCs rated C or better: 120,749 of 258,012 certificates (April 2025), the 7 districts summed then divided") {
        const auto list = progress_of(dir, "domestic EPCs rated C or better");
        const auto& county = county_entry(list);
        CHECK(county["latest"]["period"] == "2025");
        CHECK_THAT(county["latest"]["value"].get<double>(), WithinAbs(100.0 * 120749 / 258012, 0.05));
    }
    SECTION("EPC lodgements rated C or better, the window 2016 Q2 to 2026 Q1") {
        const auto list = progress_of(dir, "domestic EPC lodgements rated C or better");
        const auto& county = county_entry(list);
        CHECK(county["latest"]["period"] == "2026");
        CHECK_THAT(county["latest"]["value"].get<double>(), WithinAbs(53.9, 0.05));
    }
    SECTION("heat pumps through the Boiler Upgrade Scheme: 487 in 2025/26 (41+96+101+81+62+89+17)") {
        const auto list = progress_of(dir, "heat pumps installed through the Boiler Upgrade Scheme");
        const auto& county = county_entry(list);
        CHECK(county["latest"]["period"] == "2025/26");
        CHECK_THAT(county["latest"]["value"].get<double>(), WithinAbs(487, 1e-9));
    }
    SECTION("PM2.5: 7.98 ug/m3, the simple mean of 396 LSOAs (the file has no population)") {
        const auto list = progress_of(dir, "PM2.5 annual mean concentration");
        const auto& county = county_entry(list);
        CHECK(county["latest"]["period"] == "2023");
        CHECK_THAT(county["latest"]["value"].get<double>(), WithinAbs(7.98, 0.005));
    }
    SECTION("public charging devices: 81.4 per 100,000 people at 1 October 2025") {
        const auto list = progress_of(dir, "public EV charging devices per 100,000 people");
        const auto& county = county_entry(list);
        CHECK(county["latest"]["period"] == "2025");
        CHECK_THAT(county["latest"]["value"].get<double>(), WithinAbs(81.4, 0.05));
    }
    SECTION("Zapmap chargers, a separate series: 122.2 per 100,000 people in April 2026") {
        const auto list = progress_of(dir, "public EV chargers per 100,000 people (Zapmap)");
        const auto& county = county_entry(list);
        CHECK(county["latest"]["period"] == "2026");
        CHECK_THAT(county["latest"]["value"].get<double>(), WithinAbs(122.2, 0.05));
    }
    SECTION("renewable electricity: four years by district, so the indicator has a trend") {
        const auto list = progress_of(dir, "renewable electricity generated");
        const auto& blaby = [&]() -> const nlohmann::json& {
            for (const auto& item : list)
                if (item["area"] == "Blaby") return item;
            FAIL("no Blaby entry");
            return list;
        }();
        CHECK(blaby["latest"]["period"] == "2024");
        CHECK_THAT(blaby["latest"]["value"].get<double>(), WithinAbs(12426.1, 0.05));
        CHECK_FALSE(blaby["trend_slope_per_year"].is_null());
    }
}
