#include "carbontrack/error.hpp"
#include "carbontrack/factors.hpp"
#include "carbontrack/inventory.hpp"
#include "carbontrack/percent_change.hpp"
#include "carbontrack/summary.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace carbontrack;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

// Costs rows against the shipped key CSV, held in memory.
struct shipped_factors {
    std::vector<factor_record> factors = read_factor_file(testing::key_factors()).factors;

    factor_lookup lookup() const {
        std::vector<int> years;
        for (const auto& f : factors)
            if (std::find(years.begin(), years.end(), f.year) == years.end()) years.push_back(f.year);
        return {[this](int year, const std::string& name) {
                    std::vector<factor_record> named;
                    std::copy_if(factors.begin(), factors.end(), std::back_inserter(named),
                                 [&](const factor_record& f) { return f.year == year && f.name == name; });
                    return named;
                },
                years};
    }
};

std::vector<inventory_entry> cost(const std::filesystem::path& file) {
    shipped_factors shipped;
    error_collector errors(file.string());
    auto entries = cost_inventory(read_inventory_csv(file), shipped.lookup(), file.string(), errors);
    check_duplicate_rows(entries, errors);
    errors.throw_if_any();
    return entries;
}

const inventory_entry& row(const std::vector<inventory_entry>& entries, const std::string& label, int scope) {
    auto it = std::find_if(entries.begin(), entries.end(),
                           [&](const inventory_entry& e) { return e.when.label() == label && e.scope == scope; });
    if (it == entries.end()) FAIL("no " << label << " scope " << scope << " row");
    return *it;
}

}  // namespace

TEST_CASE("Leicestershire's street lighting is costed with the factor of its year", "[inventory]") {
    const auto entries = cost(testing::dataset("council/leicestershire_own_operations.csv"));
    REQUIRE(entries.size() == 8);
    SECTION("9.2 GWh in 2019/20 is 2,351.5 tCO2e in scope 2 with the 2019 factor") {
        // 9,200,000 kWh x 0.2556 kgCO2e/kWh = 2,351,520 kg.
        const auto& lighting = row(entries, "2019/20", 2);
        CHECK_THAT(in(lighting.emissions, units::tonne_co2e), WithinRel(2351.52, 1e-12));
        REQUIRE(lighting.factor);
        CHECK(lighting.factor->year == 2019);
        CHECK(lighting.factor->name == "uk_electricity_generated");
        CHECK(lighting.factor->unit == "kWh");
        CHECK_THAT(lighting.factor->kg_co2e_per_unit, WithinRel(0.2556, 1e-12));
    }
    SECTION("its transmission losses are scope 3 at the 0.0217 factor") {
        // 9,200,000 kWh x 0.0217 kgCO2e/kWh = 199,640 kg.
        const auto& losses = row(entries, "2019/20", 3);
        CHECK_THAT(in(losses.emissions, units::tonne_co2e), WithinRel(199.64, 1e-12));
        CHECK_THAT(losses.factor->kg_co2e_per_unit, WithinRel(0.0217, 1e-12));
    }
    SECTION("2016/17 uses the 2016 factor set") {
        // 20.8 GWh x 0.41205 = 8,570.64 t.
        const auto& lighting = row(entries, "2016/17", 2);
        CHECK(lighting.factor->year == 2016);
        CHECK_THAT(in(lighting.emissions, units::tonne_co2e), WithinRel(8570.64, 1e-12));
    }
    SECTION("published totals are stored as given with their quality flag") {
        auto total = std::find_if(entries.begin(), entries.end(),
                                  [](const inventory_entry& e) { return e.is_reported_total() && e.when.label() == "2008/09"; });
        REQUIRE(total != entries.end());
        CHECK_THAT(in(total->emissions, units::tonne_co2e), WithinRel(35778.0, 1e-12));
        CHECK(total->quality == quality_flag::published);
        CHECK_FALSE(total->factor);
    }
}

TEST_CASE("35,778 to 11,663 tCO2e is a 67.4% reduction", "[inventory]") {
    // (11,663 - 35,778) / 35,778 = -24,115 / 35,778 = -0.6740175...
    CHECK_THAT(*percent_change(35778.0 * units::tonne_co2e, 11663.0 * units::tonne_co2e), WithinAbs(-67.40176, 1e-5));
}

TEST_CASE("an Excel export with BOM, CRLF, quoted commas and thousands separators imports", "[inventory]") {
    const auto entries = cost(testing::test_data("good/inventory_excel_export.csv"));
    REQUIRE(entries.size() == 3);
    CHECK(entries[0].is_reported_total());
    CHECK_THAT(in(entries[0].emissions, units::tonne_co2e), WithinRel(11663.0, 1e-12));
    CHECK(entries[1].source == "Street lighting, and signals");
    CHECK_THAT(*entries[1].activity_amount, WithinRel(9.2e6, 1e-12));
    CHECK_THAT(in(entries[1].emissions, units::tonne_co2e), WithinRel(2351.52, 1e-12));
    CHECK(entries[2].note == "T&D \"losses\"");
}

TEST_CASE("every bad inventory line is reported with its file, line and column", "[inventory]") {
    auto [file, line, message] = GENERATE(table<const char*, std::size_t, const char*>({
        {"unknown_column.csv", 1, "unknown column 'amount'"},
        {"missing_column.csv", 1, "the required column 'tco2e' is missing"},
        {"unknown_unit.csv", 3, "unknown unit 'kWhh'"},
        {"unit_does_not_fit_factor.csv", 2, "does not fit the factor 'uk_electricity_generated'"},
        {"unknown_factor.csv", 2, "unknown factor 'uk_electricity_imaginary'"},
        {"unknown_factor_year.csv", 2, "uses the 2013 factor set, which is not loaded"},
        {"impossible_period.csv", 2, "'2016/18' is not a financial year"},
        {"negative_activity.csv", 2, "negative amount"},
        {"duplicate_row.csv", 3, "already appears on line 2"},
        {"non_numeric_activity.csv", 2, "'lots' is not a number"},
        {"nan_tco2e.csv", 2, "'NaN' is not a finite number"},
        {"too_few_columns.csv", 2, "fewer columns than the header"},
        {"scope_out_of_range.csv", 2, "scope must be 1, 2 or 3"},
        {"unknown_quality.csv", 2, "quality must be measured, estimated or published"},
        {"total_with_scope.csv", 2, "a reported total has a blank scope"},
        {"activity_and_tco2e.csv", 2, "not both"},
        {"blank_scope_not_total.csv", 2, "blank only for a reported Total"},
        {"header_only.csv", 1, "a header but no rows"},
        {"empty.csv", 1, "the file is empty"},
        {"unclosed_quote.csv", 2, "never closed"},
    }));
    CAPTURE(file);
    testing::check_rejected([](const auto& path) { cost(path); }, testing::test_data(std::string("bad/inventory/") + file), line, message);
}

TEST_CASE("an importer reports every bad line at once, not just the first", "[inventory]") {
    try {
        cost(testing::test_data("bad/inventory/several_bad_lines.csv"));
        FAIL("the file was accepted");
    } catch (const import_errors& e) {
        REQUIRE(e.errors().size() == 3);
        CHECK(e.errors()[0].line() == 2);
        CHECK(e.errors()[0].column() == "period");
        CHECK(e.errors()[1].line() == 4);
        CHECK(e.errors()[1].column() == "activity");
        CHECK(e.errors()[2].line() == 5);
        CHECK(e.errors()[2].column() == "scope");
    }
}

TEST_CASE("rows that differ only in their figures share an identity", "[inventory]") {
    auto entries = cost(testing::dataset("council/leicestershire_own_operations.csv"));
    inventory_entry changed = entries[1];
    changed.emissions += 1.0 * units::tonne_co2e;
    CHECK(changed.same_identity(entries[1]));
    CHECK_FALSE(changed.same_content(entries[1]));
    CHECK(entries[1].same_content(entries[1]));
    CHECK_FALSE(entries[1].same_identity(entries[2]));  // scope 2 vs scope 3 of the same electricity
}
