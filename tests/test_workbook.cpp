#include "carbontrack/error.hpp"
#include "carbontrack/workbook.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <fstream>

using namespace carbontrack;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

std::filesystem::path official(const std::string& name) { return testing::dataset("factors/official/" + name); }

const workbook::sheet& sheet_named(const workbook::document& doc, const std::string& name) {
    const auto* found = doc.find(name);
    if (!found) FAIL("no sheet '" << name << "' in " << doc.file);
    return *found;
}

}  // namespace

TEST_CASE("cells are named as Excel names them", "[workbook]") {
    CHECK(workbook::cell_reference(16, 1) == "B17");
    CHECK(workbook::cell_reference(0, 0) == "A1");
    CHECK(workbook::column_letters(25) == "Z");
    CHECK(workbook::column_letters(26) == "AA");
    CHECK(workbook::column_letters(701) == "ZZ");
    CHECK(workbook::column_letters(702) == "AAA");
}

TEST_CASE("a workbook's format is judged by its content, not its name", "[workbook]") {
    CHECK(workbook::detect_format(official("ghg-conversion-factors-2025-flat-file.xlsx")) == workbook::format::xlsx);
    CHECK(workbook::detect_format(official("ghg-conversion-factors-2022-flat-format.xls")) == workbook::format::xls);
    CHECK_FALSE(workbook::detect_format(testing::dataset("council/leicestershire_own_operations.csv")));
    testing::scratch_dir dir;
    std::filesystem::copy_file(official("ghg-conversion-factors-2025-flat-file.xlsx"), dir / "renamed.csv");
    CHECK(workbook::detect_format(dir / "renamed.csv") == workbook::format::xlsx);
    CHECK_FALSE(workbook::detect_format(dir / "missing.xlsx"));
}

TEST_CASE("the official .xlsx flat files read with full precision", "[workbook]") {
    const auto doc = workbook::read(official("ghg-conversion-factors-2023-flat-file-update.xlsx"));
    const auto& factors = sheet_named(doc, "Factors by Category");
    CHECK(factors.row_count() == 8046);
    CHECK(workbook::cell_text(factors.at(5, 0)) == "ID");
    CHECK(factors.at(6, 9).kind == workbook::cell_kind::number);
    CHECK(factors.at(6, 9).number == 3033.38067114094);  // J7 exactly as stored in the file
    CHECK(workbook::cell_text(factors.at(8045, 1)) == "END");
}

TEST_CASE("the official .xls flat files read completely, whatever their shared-string headers say", "[workbook]") {
    SECTION("2017: natural gas CNG per kWh (Gross CV) at full precision") {
        const auto doc = workbook::read(official("Conversion_factors_2017_-_Flat_file_v02.xls"));
        const auto& factors = sheet_named(doc, "Factors by Category");
        CHECK(workbook::cell_text(factors.at(4, 8)) == "GHG Conversion Factor 2017");
        CHECK_THAT(factors.at(5, 8).number, WithinRel(0.1841639890773745, 1e-15));
        CHECK(workbook::cell_text(factors.at(7014, 0)) == "END");
    }
    SECTION("2021: the last hotel row and the END marker are there") {
        const auto doc = workbook::read(official("conversion-factors-2021-flat-file-automatic-processing.xls"));
        const auto& factors = sheet_named(doc, "Factors by Category");
        CHECK(factors.row_count() == 7612);
        CHECK(workbook::cell_text(factors.at(7609, 3)) == "Romania");
        CHECK(factors.at(7609, 10).number == 25.5);
        CHECK(workbook::cell_text(factors.at(7611, 1)) == "END");
    }
    SECTION("2022: the last outside-of-scopes row and the END marker are there") {
        const auto doc = workbook::read(official("ghg-conversion-factors-2022-flat-format.xls"));
        CHECK(doc.sheets.size() == 2);
        const auto& factors = sheet_named(doc, "Factors by Category");
        CHECK(factors.row_count() == 8044);
        CHECK(workbook::cell_text(factors.at(8041, 7)) == "kg CO2e of CO2");
        CHECK_THAT(factors.at(8041, 8).number, WithinRel(0.11506924154625897, 1e-15));
        CHECK(workbook::cell_text(factors.at(8043, 1)) == "END");
    }
}

TEST_CASE("a damaged workbook is refused with its file named", "[workbook]") {
    testing::scratch_dir dir;
    const auto original = testing::read_bytes(official("ghg-conversion-factors-2022-flat-format.xls"));
    const auto cut = testing::write_file(dir / "cut.xls", original.substr(0, 4096));
    CHECK_THROWS_WITH(workbook::read(cut), Contains("cut.xls") && Contains("not a readable xls workbook"));
    const auto text = testing::write_file(dir / "plain.xlsx", "period,source\n");
    CHECK_THROWS_WITH(workbook::read(text), Contains("plain.xlsx") && Contains("not a workbook"));
}

TEST_CASE("a workbook given where a CSV is read names what the command reads, not a column 'PK'", "[workbook][csv]") {
    testing::scratch_dir dir;
    const auto xlsx = dir / "inventory.xlsx";
    std::filesystem::copy_file(official("ghg-conversion-factors-2025-flat-file.xlsx"), xlsx);
    REQUIRE(testing::run_carbontrack({"init", "--org", "Council"}, dir.path()).exit_code == 0);
    const auto r = testing::run_carbontrack({"target", "import", xlsx.string()}, dir.path());
    CHECK(r.exit_code != 0);
    CHECK_THAT(r.err, Contains("inventory.xlsx") && Contains("is a spreadsheet workbook (xlsx), but this command reads CSV"));
    CHECK_THAT(r.err, !Contains("PK"));
}
