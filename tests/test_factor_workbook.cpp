#include "carbontrack/error.hpp"
#include "carbontrack/factors.hpp"
#include "carbontrack/workbook.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <xlsxwriter.h>

#include <algorithm>
#include <numeric>

using namespace carbontrack;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

std::filesystem::path official(const std::string& name) { return testing::dataset("factors/official/" + name); }

const factor_record& find(const factor_file& file, const std::string& name, const std::string& unit, const std::string& gas = "CO2e") {
    auto it = std::find_if(file.factors.begin(), file.factors.end(),
                           [&](const factor_record& f) { return f.name == name && f.unit == unit && f.gas == gas; });
    if (it == file.factors.end()) FAIL("no factor " << name << " per " << unit << " (" << gas << ")");
    return *it;
}

// Counted straight from the cells, without carbontrack's reader: the rows under the header whose
// "GHG Conversion Factor YYYY" cell holds a number.
std::size_t numeric_rows(const std::filesystem::path& file) {
    const auto doc = workbook::read(file);
    const auto* sheet = doc.find("Factors by Category");
    REQUIRE(sheet);
    for (std::size_t r = 0; r < 10; ++r)
        for (std::size_t c = 0; c < sheet->column_count(); ++c)
            if (workbook::cell_text(sheet->at(r, c)).starts_with("GHG Conversion Factor ")) {
                std::size_t count = 0;
                for (std::size_t row = r + 1; row < sheet->row_count(); ++row) count += sheet->at(row, c).kind == workbook::cell_kind::number;
                return count;
            }
    FAIL("no value column in " << file);
    return 0;
}

double cell_number(const std::filesystem::path& file, const std::string& sheet, std::size_t row, std::size_t column) {
    const auto doc = workbook::read(file);
    const auto* s = doc.find(sheet);
    REQUIRE(s);
    REQUIRE(s->at(row, column).kind == workbook::cell_kind::number);
    return s->at(row, column).number;
}

}  // namespace

TEST_CASE("every numeric row of every DESNZ flat file 2016-2025 is imported; the rest are skipped with a reason", "[factors][workbook]") {
    auto [year, file, expected] = GENERATE(table<int, std::string, std::size_t>({
        {2016, "2016_Flat_format_file_v01-01.xlsx", 4521},
        {2017, "Conversion_factors_2017_-_Flat_file_v02.xls", 6178},
        {2018, "Conversion_factors_2018_-_Flat_file_v01-01.xls", 6192},
        {2019, "conversion-factors-2019-flat-file-v01-02.xls", 6163},
        {2020, "Conversion_Factors_2020_-_Flat_file.xlsx", 6587},
        {2021, "conversion-factors-2021-flat-file-automatic-processing.xls", 6731},
        {2022, "ghg-conversion-factors-2022-flat-format.xls", 6895},
        {2023, "ghg-conversion-factors-2023-flat-file-update.xlsx", 6916},
        {2025, "ghg-conversion-factors-2025-flat-file.xlsx", 7029},
    }));
    INFO(file);
    const auto parsed = read_factor_file(official(file));
    CHECK(parsed.layout == factor_layout::flat);
    CHECK(parsed.factors.size() == numeric_rows(official(file)));
    CHECK(parsed.factors.size() == expected);
    CHECK(std::all_of(parsed.factors.begin(), parsed.factors.end(), [&](const factor_record& f) { return f.year == year; }));
    const auto skipped = std::accumulate(parsed.skipped.begin(), parsed.skipped.end(), std::size_t{0},
                                         [](std::size_t sum, const auto& reason) { return sum + reason.second; });
    CHECK(skipped == parsed.rows_without_value);
    CHECK(parsed.skipped.count("no published value (blank cell)") == 1);
}

TEST_CASE("the 2024 condensed set imports every factor it publishes, under the flat files' level paths", "[factors][workbook]") {
    const auto file = official("ghg-conversion-factors-2024-condensed-set.xlsx");
    const auto parsed = read_factor_file(file);
    CHECK(parsed.layout == factor_layout::condensed);
    CHECK(parsed.version == "1.1");
    CHECK(parsed.factors.size() == 4314);
    SECTION("LPG per litre equals Fuels!D36") {
        const auto& lpg = find(parsed, "Fuels > Gaseous fuels > LPG", "litres");
        CHECK(lpg.year == 2024);
        CHECK(lpg.kg_per_unit == cell_number(file, "Fuels", 35, 3));
        CHECK_THAT(lpg.kg_per_unit, WithinAbs(1.55713, 1e-12));
        CHECK(lpg.scope == "Scope 1");
    }
    SECTION("national rail per passenger.km equals Business travel- land!D87") {
        const auto& rail = find(parsed, "Business travel- land > Rail > National rail", "passenger.km");
        CHECK(rail.kg_per_unit == cell_number(file, "Business travel- land", 86, 3));
        CHECK_THAT(rail.kg_per_unit, WithinAbs(0.03546, 1e-12));
    }
    SECTION("a domestic flight with radiative forcing equals Business travel- air!E23, without RF !I23") {
        const auto& with_rf = find(parsed, "Business travel- air > Flights > Domestic, to/from UK > Average passenger > With RF", "passenger.km");
        CHECK(with_rf.kg_per_unit == cell_number(file, "Business travel- air", 22, 4));
        CHECK_THAT(with_rf.kg_per_unit, WithinAbs(0.27257, 1e-12));
        const auto& without = find(parsed, "Business travel- air > Flights > Domestic, to/from UK > Average passenger > Without RF", "passenger.km");
        CHECK_THAT(without.kg_per_unit, WithinAbs(0.16098, 1e-12));
    }
    SECTION("the gas split of a table is kept") {
        CHECK_THAT(find(parsed, "Fuels > Gaseous fuels > LPG", "litres", "CH4").kg_per_unit, WithinAbs(0.00136, 1e-12));
    }
    SECTION("the version is part of each factor's source") {
        CHECK(parsed.factors.front().source == "DESNZ 2024 condensed set v1.1 (ghg-conversion-factors-2024-condensed-set.xlsx)");
    }
}

TEST_CASE("published factors are read at full precision, not rounded", "[factors][workbook]") {
    SECTION("2017 natural gas per kWh (gross CV) is 0.1841639891") {
        const auto parsed = read_factor_file(official("Conversion_factors_2017_-_Flat_file_v02.xls"));
        const auto& gas = find(parsed, "Fuels > Gaseous fuels > Natural gas > Energy - Gross CV", "kWh (Gross CV)");
        CHECK_THAT(gas.kg_per_unit, WithinAbs(0.1841639891, 5e-11));
        CHECK(parsed.version == "1");
    }
    SECTION("2023 water supply is 0.1766845466 per cubic metre") {
        const auto parsed = read_factor_file(official("ghg-conversion-factors-2023-flat-file-update.xlsx"));
        CHECK_THAT(find(parsed, "Water supply > Water supply > Water supply", "cubic metres").kg_per_unit, WithinAbs(0.1766845466, 5e-11));
        CHECK(parsed.version == "1.1");
        CHECK(parsed.factors.front().source == "DESNZ 2023 flat file v1.1 (ghg-conversion-factors-2023-flat-file-update.xlsx)");
    }
    SECTION("2022 average diesel car per km: CH4 is the published 4.14e-06, not 0") {
        const auto parsed = read_factor_file(official("ghg-conversion-factors-2022-flat-format.xls"));
        const auto& ch4 = find(parsed, "Passenger vehicles > Cars (by size) > Average car > Diesel", "km", "CH4");
        CHECK(ch4.kg_per_unit > 0);
        CHECK(ch4.kg_per_unit == cell_number(official("ghg-conversion-factors-2022-flat-format.xls"), "Factors by Category", 1577, 8));
        CHECK_THAT(ch4.kg_per_unit, WithinRel(4.14e-06, 1e-12));
    }
    SECTION("the gas comes from the GHG/Unit text") {
        const auto parsed = read_factor_file(official("ghg-conversion-factors-2025-flat-file.xlsx"));
        CHECK_THAT(find(parsed, "Fuels > Gaseous fuels > Butane", "tonnes", "CH4").kg_per_unit, WithinAbs(2.52, 1e-12));
        CHECK_THAT(find(parsed, "Fuels > Gaseous fuels > Butane", "tonnes", "CO2").kg_per_unit, WithinAbs(3029.26, 1e-9));
    }
}

TEST_CASE("a bad cell in a factor workbook is reported as FILE:SHEET!CELL", "[factors][workbook]") {
    testing::scratch_dir dir;
    const auto path = (dir / "bad-factors.xlsx").string();
    lxw_workbook* book = workbook_new(path.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Factors by Category");
    const char* header[] = {"ID", "Scope", "Level 1", "Level 2", "Level 3", "Level 4", "Column Text", "UOM", "GHG/Unit", "GHG Conversion Factor 2025"};
    for (lxw_col_t c = 0; c < 10; ++c) worksheet_write_string(sheet, 5, c, header[c], nullptr);
    auto row = [&](lxw_row_t r, const char* unit, double value) {
        worksheet_write_string(sheet, r, 1, "Scope 1", nullptr);
        worksheet_write_string(sheet, r, 2, "Fuels", nullptr);
        worksheet_write_string(sheet, r, 3, "Gaseous fuels", nullptr);
        worksheet_write_string(sheet, r, 4, "Butane", nullptr);
        if (*unit) worksheet_write_string(sheet, r, 7, unit, nullptr);
        worksheet_write_string(sheet, r, 8, "kg CO2e", nullptr);
        worksheet_write_number(sheet, r, 9, value, nullptr);
    };
    row(6, "tonnes", 3033.38067);
    row(7, "litres", -1.74533);
    row(16, "", 0.22241);
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);
    try {
        read_factor_file(path);
        FAIL("the bad workbook was accepted");
    } catch (const import_errors& e) {
        REQUIRE(e.errors().size() == 2);
        CHECK(std::string(e.errors()[0].what()) == path + ":Factors by Category!J8: a conversion factor cannot be negative (-1.74533)");
        CHECK(std::string(e.errors()[1].what()) == path + ":Factors by Category!H17: the unit is empty");
    }
}

TEST_CASE("a workbook that is not a DESNZ factor set is refused with what was expected", "[factors][workbook]") {
    testing::scratch_dir dir;
    const auto path = (dir / "inventory.xlsx").string();
    lxw_workbook* book = workbook_new(path.c_str());
    lxw_worksheet* sheet = workbook_add_worksheet(book, "Inventory");
    worksheet_write_string(sheet, 0, 0, "period", nullptr);
    worksheet_write_string(sheet, 0, 1, "source", nullptr);
    REQUIRE(workbook_close(book) == LXW_NO_ERROR);
    CHECK_THROWS_WITH(read_factor_file(path), Contains("inventory.xlsx") && Contains("not a DESNZ conversion-factor workbook"));
}
