#include "support.hpp"

#include <catch2/catch.hpp>

using namespace carbontrack;
using Catch::Matchers::Contains;
using testing::run_carbontrack;

namespace {

void run_ok(const std::vector<std::string>& args, const testing::scratch_dir& dir) {
    const auto r = run_carbontrack(args, dir.path());
    INFO(r.out << r.err);
    REQUIRE(r.exit_code == 0);
}

const std::string header = "period,scope,source,activity,unit,factor,tco2e,quality,note,source_url\n";
const std::string by_key = "2023/24,2,Electricity,100000,kWh,uk_electricity_generated,,measured,,\n";
const std::string by_path = "2023/24,2,Electricity,100000,kWh,UK electricity > Electricity generated > Electricity: UK > kWh,,measured,,\n";

}  // namespace

TEST_CASE("a factor named by key or by DESNZ level path is one factor, so the same activity both ways is a duplicate",
          "[factors][inventory][cli]") {
    testing::scratch_dir dir;
    run_ok({"init", "--org", "Council"}, dir);
    for (const auto& workbook : testing::official_factor_workbooks()) run_ok({"factors", "import", workbook}, dir);
    const auto aliases = run_carbontrack({"factors", "import", testing::dataset("factors/factor_aliases.csv")}, dir.path());
    CHECK(aliases.exit_code == 0);
    CHECK(aliases.out == "Imported 120 factor aliases from " + testing::dataset("factors/factor_aliases.csv").string() + "; 0 already stored.\n");

    SECTION("both in one file: refused as a duplicate, the database unchanged") {
        const auto file = testing::write_file(dir / "both.csv", header + by_key + by_path);
        const auto before = testing::read_bytes(dir / "carbontrack.db");
        const auto r = run_carbontrack({"inventory", "import", file.string()}, dir.path());
        CHECK(r.exit_code != 0);
        CHECK_THAT(r.err, Contains("both.csv:3") && Contains("duplicate"));
        CHECK(testing::read_bytes(dir / "carbontrack.db") == before);
    }
    SECTION("by key, then by path: the second is the row already stored, costed with the exact 2023 factor") {
        run_ok({"inventory", "import", testing::write_file(dir / "key.csv", header + by_key).string()}, dir);
        const auto again = run_carbontrack({"inventory", "import", testing::write_file(dir / "path.csv", header + by_path).string()}, dir.path());
        CHECK(again.exit_code == 0);
        CHECK_THAT(again.out, Contains("Imported 0 inventory rows") && Contains("1 already stored"));
        const auto list = run_carbontrack({"inventory", "list", "--format", "csv"}, dir.path());
        CHECK_THAT(list.out, Contains("UK electricity > Electricity generated > Electricity: UK > kWh"));
        // 100,000 kWh x 0.20707428859060403 kg/kWh (2023 flat file, full precision) = 20.707 t
        CHECK_THAT(list.out, Contains("20.7"));
    }
    SECTION("the alias file is refused for a year whose workbook is not loaded") {
        testing::scratch_dir empty;
        run_ok({"init", "--org", "Council"}, empty);
        const auto r = run_carbontrack({"factors", "import", testing::dataset("factors/factor_aliases.csv")}, empty.path());
        CHECK(r.exit_code != 0);
        CHECK_THAT(r.err, Contains("factor_aliases.csv:2") && Contains("import that year's DESNZ workbook first"));
    }
}
