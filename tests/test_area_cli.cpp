// `carbontrack area ...` as a user runs it: the real binary, the shipped mySociety release and the
// official-layout fixtures, exit codes, and stdout kept clean for pipes.
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using Catch::Matchers::WithinAbs;

namespace {

const std::string mysociety = dataset("area/mysociety_local_authority_emissions_2005_2020.csv").string();
const std::string codes = dataset("area/authority_codes.csv").string();
const std::string official_co2 = test_data("area/desnz_co2_leicestershire.csv").string();

double total_in(const nlohmann::json& summary, int year) {
    for (const auto& line : summary["years"])
        if (line["year"] == year) return line["total"].get<double>();
    FAIL("no year " << year);
    return 0;
}

}  // namespace

TEST_CASE("the shipped mySociety release answers for Leicestershire under its code, its mySociety code and its name", "[area][cli]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"area", "codes", codes}, dir.path()).exit_code == 0);
    const auto imported = run_carbontrack({"area", "import", mysociety}, dir.path());
    REQUIRE(imported.exit_code == 0);
    CHECK_THAT(imported.out, Contains("394 authorities, 126080 figures"));
    CHECK(imported.err.empty());

    const auto la = GENERATE(as<std::string>{}, "E10000018", "LEC", "Leicestershire");
    CAPTURE(la);
    const auto summary = run_carbontrack({"area", "summary", "--la", la, "--format", "json"}, dir.path());
    REQUIRE(summary.exit_code == 0);
    const auto json = nlohmann::json::parse(summary.out);
    CHECK(json["unit"] == "kt CO2");
    CHECK(json["code"] == "E10000018");
    CHECK_THAT(total_in(json, 2020), WithinAbs(3005.8, 0.05));
    CHECK_THAT(total_in(json, 2005), WithinAbs(4998.0, 0.05));

    const auto per_person = run_carbontrack({"area", "summary", "--la", la, "--per-person", "--format", "json"}, dir.path());
    REQUIRE(per_person.exit_code == 0);
    const auto people = nlohmann::json::parse(per_person.out);
    CHECK(people["unit"] == "t CO2 per person");
    CHECK_THAT(total_in(people, 2020), WithinAbs(4.22, 0.005));
}

TEST_CASE("the sector table shows the county's years, sectors and total with its unit", "[area][cli]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"area", "import", official_co2}, dir.path()).exit_code == 0);
    const auto table = run_carbontrack({"area", "summary", "--la", "Leicestershire"}, dir.path());
    REQUIRE(table.exit_code == 0);
    CHECK_THAT(table.out, StartsWith("Leicestershire (sum of 7 districts)"));
    CHECK_THAT(table.out, Contains("Total (kt CO2)") && Contains("Domestic") && Contains("3,005.8") && Contains("4,998.0"));

    const auto csv = run_carbontrack({"area", "summary", "--la", "Leicestershire", "--by", "subsector", "--format", "csv"}, dir.path());
    REQUIRE(csv.exit_code == 0);
    CHECK_THAT(csv.out, StartsWith("year,Industry Electricity,"));
    CHECK_THAT(csv.out, Contains("Domestic Gas"));
}

TEST_CASE("a rank prints position and quartile and takes change-since a year", "[area][cli]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"area", "codes", codes}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"area", "import", mysociety}, dir.path()).exit_code == 0);
    const auto rank = run_carbontrack({"area", "rank", "--year", "2020", "--metric", "change-since", "2005", "--among",
                                       "E10000018,Nottinghamshire,Derbyshire,Warwickshire", "--format", "json"},
                                      dir.path());
    REQUIRE(rank.exit_code == 0);
    const auto json = nlohmann::json::parse(rank.out);
    REQUIRE(json["ranking"].size() == 4);
    CHECK(json["unit"] == "%");
    for (const auto& e : json["ranking"]) {
        CHECK(e["position"].get<int>() >= 1);
        CHECK(e["quartile"].get<int>() >= 1);
    }

    const auto all = run_carbontrack({"area", "rank", "--year", "2020", "--metric", "per-person", "--format", "csv"}, dir.path());
    REQUIRE(all.exit_code == 0);
    CHECK(std::count(all.out.begin(), all.out.end(), '\n') == 362);  // heading + 361 districts and unitaries
}

TEST_CASE("area usage mistakes exit 2", "[area][cli]") {
    scratch_dir dir;
    auto args = GENERATE(std::vector<std::string>{"area", "rank", "--year", "2020", "--metric", "change-since"},
                         std::vector<std::string>{"area", "rank", "--year", "2020", "--metric", "biggest"},
                         std::vector<std::string>{"area", "summary"},
                         std::vector<std::string>{"area", "summary", "--la", "LEC", "--by", "colour"},
                         std::vector<std::string>{"area", "diff", "--la", "LEC", "--from", "a"});
    CAPTURE(args);
    const auto result = run_carbontrack(args, dir.path());
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
}

TEST_CASE("a bad area file exits 1 with file and line on stderr and changes nothing", "[area][cli]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"area", "import", official_co2, "--release", "good"}, dir.path()).exit_code == 0);
    const auto before = store(dir / "carbontrack.db").canonical_dump();

    std::ifstream in(official_co2);
    std::ostringstream text;
    text << in.rdbuf();
    std::string content = text.str();
    const std::string cell = "E07000129,2005,Industry,Industry Gas,,";
    content.replace(content.find(cell) + cell.size(), 1, "n/a");
    const auto bad = write_file(dir / "bad.csv", content);

    const auto result = run_carbontrack({"area", "import", bad.string()}, dir.path());
    CHECK(result.exit_code == 1);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, StartsWith("carbontrack: " + bad.string() + ":3: column 'CO2 emissions within the scope of influence of LAs (kt CO2)'"));
    CHECK_THAT(result.err, Contains("nothing was changed"));
    CHECK(store(dir / "carbontrack.db").canonical_dump() == before);
}

TEST_CASE("releases are listed and a re-import needs --replace", "[area][cli]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"area", "import", official_co2, "--release", "2022"}, dir.path()).exit_code == 0);
    const auto again = run_carbontrack({"area", "import", official_co2, "--release", "2022"}, dir.path());
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Contains("already stored; nothing changed"));
    const auto replaced = run_carbontrack({"area", "import", official_co2, "--release", "2022", "--replace"}, dir.path());
    CHECK_THAT(replaced.out, StartsWith("Replaced release '2022'"));
    REQUIRE(run_carbontrack({"area", "import", official_co2, "--release", "2023"}, dir.path()).exit_code == 0);

    const auto list = run_carbontrack({"area", "releases", "--format", "json"}, dir.path());
    const auto json = nlohmann::json::parse(list.out);
    REQUIRE(json.size() == 2);
    CHECK(json[0]["name"] == "2022");
    CHECK(json[0]["gas"] == "CO2");
    CHECK(json[0]["figures"] == 720);

    const auto diff = run_carbontrack({"area", "diff", "--la", "Leicestershire", "--from", "2022", "--to", "2023", "--by", "subsector"}, dir.path());
    CHECK(diff.exit_code == 0);
    CHECK_THAT(diff.out, Contains("No figure changed."));
    const auto unknown = run_carbontrack({"area", "summary", "--la", "Leicestershire", "--release", "2099"}, dir.path());
    CHECK(unknown.exit_code == 1);
    CHECK_THAT(unknown.err, Contains("no area release named '2099' (known: 2022, 2023)"));
}
