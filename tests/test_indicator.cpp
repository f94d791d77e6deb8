#include "carbontrack/error.hpp"
#include "carbontrack/indicator.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace carbontrack;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

indicator_definition define(std::string name, indicator_kind kind, std::string unit, desired_direction direction,
                            std::optional<indicator_goal> goal = std::nullopt) {
    indicator_definition d;
    d.name = std::move(name);
    d.kind = kind;
    d.unit = std::move(unit);
    d.direction = direction;
    d.goal = goal;
    return d;
}

indicator_value value(std::string name, period when, double amount, value_basis basis = value_basis::period_amount,
                      value_quality quality = value_quality::unspecified, std::string area = {}) {
    indicator_value v;
    v.indicator = std::move(name);
    v.area = std::move(area);
    v.when = when;
    v.amount = amount;
    v.basis = basis;
    v.quality = quality;
    return v;
}

// The council's published running totals: more than 100,000 (July 2022), 250,000 (2023), more than 356,000 (February 2024).
indicator_catalogue trees(std::optional<indicator_goal> goal) {
    return indicator_catalogue({define("trees planted", indicator_kind::flow, "trees", desired_direction::up, goal)},
                               {value("trees planted", calendar_year{2022}, 100000, value_basis::running_total, value_quality::more_than),
                                value("trees planted", calendar_year{2023}, 250000, value_basis::running_total, value_quality::published),
                                value("trees planted", calendar_year{2024}, 356000, value_basis::running_total, value_quality::more_than)});
}

indicator_progress progress_of(const indicator_catalogue& catalogue, const std::string& name) {
    const auto series = build_series(catalogue, name);
    REQUIRE(series.size() == 1);
    return evaluate(*catalogue.find(name), series.front());
}

// Reads a file and checks it against an empty database, as `indicator import` does.
void read_and_check(const std::filesystem::path& file) {
    const auto batch = read_indicator_csv(file);
    error_collector errors(batch.input_file);
    check_indicator_batch(batch, {}, {}, errors);
    errors.throw_if_any();
}

const indicator_value& find_value(const std::vector<indicator_value>& values, const std::string& area, const std::string& label) {
    auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.area == area && v.when.label() == label; });
    if (it == values.end()) FAIL("no value for '" << area << "' in " << label);
    return *it;
}

}  // namespace

TEST_CASE("trees: 356,000 of the 700,000 commitment is 50.9% of the goal", "[indicator]") {
    const auto report = progress_of(trees(indicator_goal{700000, std::nullopt, std::nullopt}), "trees planted");
    REQUIRE(report.running_total);
    CHECK_THAT(report.running_total->amount, WithinRel(356000.0, 1e-12));
    CHECK(report.running_total->quality == value_quality::more_than);
    // 356,000 / 700,000 x 100 = 50.857...%, shown as 50.9%.
    REQUIRE(report.goal_pct);
    CHECK_THAT(*report.goal_pct, WithinRel(50.857142857142857, 1e-12));
    CHECK_THAT(*report.goal_pct, WithinAbs(50.9, 0.05));
    SECTION("only running totals were published, so no year's planting is invented") {
        CHECK_FALSE(report.latest);
    }
    SECTION("without a deadline there is no required rate or RAG, and the tool says so") {
        CHECK_FALSE(report.required_per_year);
        CHECK_FALSE(report.rag);
        CHECK_THAT(report.notes.front(), Contains("no deadline"));
    }
    SECTION("the achieved trend is the Theil-Sen slope of the running totals") {
        // Pairwise slopes: 2022-23 150,000; 2022-24 128,000; 2023-24 106,000. Median 128,000 a year;
        // quartiles at ranks 0.5 and 1.5: 117,000 and 139,000.
        CHECK_THAT(*report.trend_per_year, WithinRel(128000.0, 1e-12));
        CHECK_THAT(*report.trend_p25_per_year, WithinRel(117000.0, 1e-12));
        CHECK_THAT(*report.trend_p75_per_year, WithinRel(139000.0, 1e-12));
    }
}

TEST_CASE("trees: the rate still needed to a chosen deadline, worked by hand", "[indicator]") {
    // Deadline 2030: (700,000 - 356,000) / (2030 - 2024) = 344,000 / 6 = 57,333.3 trees a year.
    const auto report = progress_of(trees(indicator_goal{700000, period{calendar_year{2030}}, std::nullopt}), "trees planted");
    CHECK_THAT(*report.years_to_deadline, WithinAbs(6.0, 1e-12));
    CHECK_THAT(*report.required_per_year, WithinRel(344000.0 / 6.0, 1e-12));
    CHECK_THAT(*report.required_per_year, WithinAbs(57333.3, 0.05));
    // Pathway from the first value (2022: 100,000) to 700,000 in 2030, at 2024:
    // 100,000 + 600,000 x 2/8 = 250,000. A = 356,000 is above it: on track (more is better).
    CHECK(report.baseline_period == period{calendar_year{2022}});
    CHECK_THAT(*report.pathway_value, WithinRel(250000.0, 1e-12));
    CHECK(report.status == progress_status::on_track);
    // Projection: 356,000 + 128,000 x 6 = 1,124,000, which reaches 700,000: green.
    CHECK_THAT(*report.projected_at_deadline, WithinRel(1124000.0, 1e-12));
    CHECK(report.rag == rag_rating::green);
}

TEST_CASE("a goal to cut uses the emissions rules: 5% above the pathway and the projection", "[indicator]") {
    // Waste landfilled, 30% in 2020 to 5% by 2025. 2023 at 20%: pathway 30 + (5 - 30) x 3/5 = 15;
    // 20 > 15 x 1.05 = 15.75, off track. Slopes -3, -3, -3.33, -3, -3.5, -4: median (-3.33 - 3)/2 = -3.1667;
    // projection 20 - 3.1667 x 2 = 13.67 misses 5: red. Way from baseline to goal (30 - 20)/(30 - 5) = 40%.
    const indicator_catalogue catalogue(
        {define("landfilled", indicator_kind::level, "%", desired_direction::down, indicator_goal{5, period{calendar_year{2025}}, period{calendar_year{2020}}})},
        {value("landfilled", calendar_year{2020}, 30), value("landfilled", calendar_year{2021}, 27), value("landfilled", calendar_year{2022}, 24),
         value("landfilled", calendar_year{2023}, 20)});
    const auto report = progress_of(catalogue, "landfilled");
    CHECK_THAT(*report.pathway_value, WithinRel(15.0, 1e-12));
    CHECK(report.status == progress_status::off_track);
    CHECK_THAT(*report.trend_per_year, WithinRel(-(10.0 / 3.0 + 3.0) / 2.0, 1e-12));
    CHECK_THAT(*report.projected_at_deadline, WithinRel(20.0 - (10.0 / 3.0 + 3.0), 1e-12));
    CHECK(report.rag == rag_rating::red);
    CHECK_THAT(*report.goal_pct, WithinRel(40.0, 1e-12));
    CHECK_THAT(*report.required_per_year, WithinRel(-7.5, 1e-12));  // (5 - 20) / 2
}

TEST_CASE("a ratio from kWh generated and kWh consumed is a % share checked by unit types", "[indicator]") {
    static_assert(units::divides_to_share<units::energy, units::energy>);
    static_assert(units::divides_to_share<units::share, units::share>);
    static_assert(!units::divides_to_share<units::energy, units::material_mass>);
    static_assert(!units::divides_to_share<units::energy, units::power>);
    static_assert(!units::divides_to_share<units::share, units::energy>);

    SECTION("1,500 MWh generated of 10 GWh consumed is 15%") {
        const auto share = share_of(1500, parse_indicator_unit("MWh"), 10, parse_indicator_unit("GWh"));
        CHECK_THAT(in(share, units::percent), WithinRel(15.0, 1e-12));
    }
    SECTION("the ratio indicator computes each period where both parts are known") {
        auto ratio = define("renewable share", indicator_kind::ratio, "%", desired_direction::up, indicator_goal{15, period{financial_year{2020}}, std::nullopt});
        ratio.numerator = "generated";
        ratio.denominator = "consumed";
        const indicator_catalogue catalogue(
            {define("generated", indicator_kind::flow, "kWh", desired_direction::up), define("consumed", indicator_kind::flow, "MWh", desired_direction::down), ratio},
            {value("generated", financial_year{2019}, 900000), value("consumed", financial_year{2019}, 9000),
             value("generated", financial_year{2020}, 1200000), value("consumed", financial_year{2020}, 8000),
             value("consumed", financial_year{2021}, 7500)});
        const auto series = build_series(catalogue, "renewable share");
        REQUIRE(series.size() == 1);
        REQUIRE(series.front().values.size() == 2);  // 2021/22 has no generation figure: missing, not 0%
        CHECK_THAT(series.front().values[0].amount, WithinRel(10.0, 1e-12));  // 900 MWh / 9,000 MWh
        CHECK_THAT(series.front().values[1].amount, WithinRel(15.0, 1e-12));  // 1,200 MWh / 8,000 MWh
    }
    SECTION("parts that cannot divide to a share are refused") {
        CHECK_THROWS_WITH(check_share_parts(parse_indicator_unit("kWh"), parse_indicator_unit("tonnes")), Contains("cannot divide to a share"));
        CHECK_THROWS_WITH(check_share_parts(parse_indicator_unit("kWh"), parse_indicator_unit("kW")), Contains("not dimensionless"));
        CHECK_THROWS_WITH(check_share_parts(parse_indicator_unit("trees"), parse_indicator_unit("vehicles")), Contains("same thing"));
        CHECK_THROWS_WITH(check_share_parts(parse_indicator_unit("%"), parse_indicator_unit("%")), Contains("not a percentage"));
        CHECK_THROWS_AS(share_of(1, parse_indicator_unit("MWh"), 2, parse_indicator_unit("tonnes")), data_error);
        testing::check_rejected(read_and_check, testing::test_data("bad/indicators/parts_cannot_divide.csv"), 4, "cannot divide to a share");
    }
}

TEST_CASE("recycling for the whole area is weighted by tonnage, never an average of percentages", "[indicator]") {
    SECTION("from district tonnages: (50 + 300) / (100 + 1,000) = 31.8%, not (50% + 30%) / 2 = 40%") {
        const auto batch = read_indicator_csv(testing::test_data("indicators/recycling_tonnages.csv"));
        const indicator_catalogue catalogue(batch.definitions, batch.values);
        const auto districts = build_series(catalogue, "recycling rate");
        REQUIRE(districts.size() == 2);
        CHECK_THAT(districts[0].values.front().amount, WithinRel(30.0, 1e-12));  // Bigtown
        CHECK_THAT(districts[1].values.front().amount, WithinRel(50.0, 1e-12));  // Smalltown
        const auto whole = combine_areas(catalogue, "recycling rate");
        REQUIRE(whole.series);
        CHECK(whole.series->combined);
        CHECK_THAT(whole.series->values.front().amount, WithinRel(350.0 / 1100.0 * 100.0, 1e-12));
        CHECK_THAT(whole.series->values.front().amount, WithinAbs(31.8, 0.05));
    }
    SECTION("where only percentages exist the tool says so instead of averaging them") {
        const auto batch = read_indicator_csv(testing::test_data("indicators/recycling_percentages.csv"));
        const auto whole = combine_areas(indicator_catalogue(batch.definitions, batch.values), "recycling rate published");
        CHECK_FALSE(whole.series);
        CHECK_THAT(whole.reason, Contains("only percentages are recorded"));
        CHECK_THAT(whole.reason, Contains("average of percentages"));
    }
}

TEST_CASE("an indicator's missing year is missing, never zero", "[indicator]") {
    const indicator_catalogue catalogue({define("planted", indicator_kind::flow, "trees", desired_direction::up)},
                                        {value("planted", calendar_year{2019}, 10), value("planted", calendar_year{2020}, 20),
                                         value("planted", calendar_year{2022}, 40)});
    const auto series = build_series(catalogue, "planted").front();
    REQUIRE(series.values.size() == 3);
    CHECK(series.values[2].when == period{calendar_year{2022}});
    SECTION("the running total stops at the gap instead of counting 2021 as nothing") {
        REQUIRE(series.running_total.size() == 2);
        CHECK_THAT(series.running_total.back().amount, WithinRel(30.0, 1e-12));
        CHECK_THAT(series.notes.front(), Contains("unknown after 2020"));
    }
    SECTION("a recorded running total picks the count up again") {
        const indicator_catalogue resumed({define("planted", indicator_kind::flow, "trees", desired_direction::up)},
                                          {value("planted", calendar_year{2019}, 10), value("planted", calendar_year{2021}, 70, value_basis::running_total),
                                           value("planted", calendar_year{2022}, 40)});
        const auto totals = build_series(resumed, "planted").front().running_total;
        REQUIRE(totals.size() == 3);
        CHECK_THAT(totals.back().amount, WithinRel(110.0, 1e-12));
    }
}

TEST_CASE("published qualifiers are kept as the value's quality", "[indicator]") {
    auto [text, expected] = GENERATE(table<std::string, value_quality>({{"more than", value_quality::more_than},
                                                                         {"over", value_quality::more_than},
                                                                         {"more-than", value_quality::more_than},
                                                                         {"about", value_quality::about},
                                                                         {"nearly", value_quality::almost},
                                                                         {"Almost", value_quality::almost},
                                                                         {"at least", value_quality::at_least},
                                                                         {"published", value_quality::published},
                                                                         {"", value_quality::unspecified}}));
    CAPTURE(text);
    CHECK(parse_value_quality(text) == expected);
    CHECK_FALSE(parse_value_quality("roughly"));
}

TEST_CASE("indicator units are understood at the input boundary", "[indicator]") {
    CHECK(parse_indicator_unit("trees").is_count);
    CHECK(parse_indicator_unit("percent").is_percentage);
    CHECK_THAT(in(std::get<units::energy>(parse_indicator_unit("GWh").one), units::kilowatt_hour), WithinRel(1e6, 1e-12));
    CHECK_THAT(in(std::get<units::power>(parse_indicator_unit("kW").one), units::watt), WithinRel(1e3, 1e-12));
    CHECK_THROWS_WITH(parse_indicator_unit("miles"), Contains("not one an indicator can count in"));
    CHECK_THROWS_AS(parse_indicator_unit("kg/m2"), data_error);
}

TEST_CASE("a bad indicator file is refused at the line that is wrong", "[indicator]") {
    auto [file, line, message] = GENERATE(table<std::string, std::size_t, std::string>({
        {"unknown_indicator.csv", 3, "unknown indicator 'oaks planted'"},
        {"value_for_ratio.csv", 5, "record those parts, not a percentage"},
        {"unknown_quality.csv", 3, "quality must be"},
        {"impossible_period.csv", 3, "2023/25"},
        {"missing_value.csv", 3, "never recorded as zero"},
        {"running_total_on_level.csv", 3, "only a flow has a running total"},
        {"duplicate_value.csv", 3, "already appears on line 2"},
        {"mixed_period_kinds.csv", 3, "a series has one period kind"},
        {"defined_twice_differently.csv", 3, "already defined differently on line 2"},
        {"unit_not_for_indicators.csv", 2, "not one an indicator can count in"},
        {"missing_column.csv", 1, "the required column 'value' is missing"},
        {"header_only.csv", 1, "no rows"},
    }));
    CAPTURE(file);
    testing::check_rejected(read_and_check, testing::test_data("bad/indicators/" + file), line, message);
}

TEST_CASE("every bad line of an indicator file is reported at once", "[indicator]") {
    const auto file = testing::test_data("bad/indicators/several_bad_lines.csv");
    try {
        read_indicator_csv(file);
        FAIL("the file was accepted");
    } catch (const import_errors& e) {
        std::vector<std::size_t> lines;
        for (const auto& error : e.errors()) lines.push_back(error.line());
        CHECK(lines == std::vector<std::size_t>{3, 5, 6});
        CHECK(e.errors().front().file() == file.string());
    }
}

TEST_CASE("the shipped indicator datasets hold the published figures", "[indicator]") {
    std::vector<indicator_definition> definitions;
    std::vector<indicator_value> values;
    for (const auto& entry : std::filesystem::directory_iterator(testing::dataset("indicators"))) {
        if (entry.path().extension() != ".csv") continue;
        CAPTURE(entry.path());
        auto batch = read_indicator_csv(entry.path());
        error_collector errors(batch.input_file);
        check_indicator_batch(batch, definitions, values, errors);
        CHECK(errors.empty());
        definitions.insert(definitions.end(), batch.definitions.begin(), batch.definitions.end());
        values.insert(values.end(), batch.values.begin(), batch.values.end());
    }
    const indicator_catalogue catalogue(definitions, values);

    SECTION("trees: more than 356,000 by February 2024, 50.9% of 700,000") {
        const auto report = progress_of(catalogue, "trees planted");
        CHECK(report.running_total->quality == value_quality::more_than);
        CHECK_THAT(*report.goal_pct, WithinAbs(50.9, 0.05));
    }
    SECTION("recycling: each district 2015/16 to 2023/24 and the county's published 43.1% in 2020/21") {
        const auto recycling = catalogue.values_of("household waste reused, recycled or composted");
        CHECK(recycling.size() == 7 * 9 + 1);
        CHECK_THAT(find_value(recycling, "Blaby", "2023/24").amount, WithinRel(42.4, 1e-12));
        CHECK_THAT(find_value(recycling, "", "2020/21").amount, WithinRel(43.1, 1e-12));
        CHECK_FALSE(combine_areas(catalogue, "household waste reused, recycled or composted").series);
    }
    SECTION("plug-in vehicles: 26,447 of 475,145 cars and vans in 2025 is 5.57%") {
        const auto share = build_series(catalogue, "plug-in share of cars and vans").front();
        CHECK(share.values.front().when == period{calendar_year{2011}});
        CHECK(share.values.back().when == period{calendar_year{2025}});
        CHECK_THAT(share.values.back().amount, WithinRel(26447.0 / 475145.0 * 100.0, 1e-12));
    }
    SECTION("renewables: the 15% goal is kept, but with consumption unknown no share is invented") {
        const auto* share = catalogue.find("renewable share of council energy use");
        REQUIRE(share);
        CHECK_THAT(share->goal->value, WithinRel(15.0, 1e-12));
        CHECK(share->goal->deadline == period{financial_year{2020}});
        const auto series = build_series(catalogue, "renewable share of council energy use");
        CHECK(series.front().values.empty());
        CHECK_THAT(series.front().notes.front(), Contains("the share cannot be computed"));
        CHECK(find_value(catalogue.values_of("Quorn solar farm expected generation"), "", "2023/24").quality == value_quality::almost);
        CHECK_THAT(find_value(catalogue.values_of("council solar PV capacity"), "", "2019").amount, WithinRel(872.0, 1e-12));
    }
    SECTION("renewable generation by district in 2024 sums to at least 378,213 MWh; 2017 to 488,102.8 MWh, all published") {
        const auto whole = combine_areas(catalogue, "renewable electricity generated");
        REQUIRE(whole.series);
        REQUIRE(whole.series->values.size() == 4);
        CHECK(whole.series->values.back().quality == value_quality::at_least);
        CHECK_THAT(whole.series->values.back().amount, WithinAbs(378213.0, 0.5));
        CHECK(whole.series->values.front().quality == value_quality::published);
        CHECK_THAT(whole.series->values.front().amount, WithinAbs(488102.8, 0.05));
    }
}
