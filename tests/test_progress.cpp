#include "carbontrack/error.hpp"
#include "carbontrack/progress.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

// Every expected figure below is worked by hand in the comment beside it (and was checked with
// numpy 1.24, whose percentile default is the PERCENTILE.INC rule); none is read back from the code.

using namespace carbontrack;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;
using units::co2_mass;
using units::co2e_mass;

namespace {

period fy(int start_year) { return financial_year{start_year}; }
period cy(int year) { return calendar_year{year}; }

co2e_mass tonnes(double t) { return t * units::tonne_co2e; }
double in_tonnes(co2e_mass q) { return units::in(q, units::tonne_co2e); }

tracked_series<co2e_mass> own_operations(const std::vector<std::pair<period, double>>& values) {
    std::vector<series_point<co2e_mass>> points;
    for (const auto& [when, t] : values) points.push_back({when, tonnes(t)});
    return tracked_series<co2e_mass>{"own-operations-total", {units::tonne_co2e, "tCO2e"}, points};
}

// Baseline 2016/17; 64% below it by 2024/25 (x = 8) and net zero by 2029/30 (x = 13).
target council_target(pathway_kind kind = pathway_kind::linear, std::optional<units::gas_mass> baseline_value = std::nullopt,
                      std::optional<carbon_budget> budget = std::nullopt) {
    return target{target_definition{"Own operations", "council", "own-operations-total", fy(2016),
                                    {{fy(2024), 64.0}, {fy(2029), 100.0}}, kind, budget, baseline_value}};
}

// A calendar-year target for the trend and budget cases: baseline 2015, net zero by 2030.
target area_target(std::optional<carbon_budget> budget = std::nullopt) {
    return target{target_definition{"Area", "E99999999", "within-scope", cy(2015), {{cy(2030), 100.0}}, pathway_kind::linear,
                                    budget, std::nullopt}};
}

bool has_step(const progress_report<co2e_mass>& r, const std::string& title) {
    return std::any_of(r.explanation.begin(), r.explanation.end(), [&](const auto& s) { return s.title == title; });
}

const explanation_step& step(const progress_report<co2e_mass>& r, const std::string& title) {
    const auto it = std::find_if(r.explanation.begin(), r.explanation.end(), [&](const auto& s) { return s.title == title; });
    REQUIRE(it != r.explanation.end());
    return *it;
}

}  // namespace

// The engine keeps the series' gas: no bare double, and no CO2 figure, passes for a tCO2e one.
static_assert(!std::is_constructible_v<series_point<co2e_mass>, period, double>, "a plain double is not tCO2e");
static_assert(!std::is_constructible_v<series_point<co2e_mass>, period, co2_mass>, "tCO2 is not tCO2e");
static_assert(std::is_same_v<decltype(progress_report<co2_mass>::latest_value), co2_mass>);
static_assert(std::is_same_v<decltype(trend_fit<co2e_mass>::slope_per_year), co2e_mass>);
static_assert(std::is_same_v<decltype(milestone_due<co2_mass>::required_cut_per_year), co2_mass>);

TEST_CASE("a linear pathway runs straight between the baseline and each milestone", "[progress]") {
    const target t = council_target(pathway_kind::linear);
    // B = 1000 t at x = 0; L1 = 1000 x (1 - 0.64) = 360 t at x = 8 (2024/25); L2 = 0 at x = 13 (2029/30).
    auto [when, expected] = GENERATE(table<period, double>({
        {fy(2015), 1000.0},  // before the baseline the pathway is B
        {fy(2016), 1000.0},
        {fy(2020), 680.0},   // 1000 + (360 - 1000) x 4/8
        {fy(2024), 360.0},
        {fy(2026), 216.0},   // 360 + (0 - 360) x 2/5
        {fy(2029), 0.0},
        {fy(2032), 0.0},     // after the last milestone it stays at net zero
    }));
    CAPTURE(when.label());
    CHECK_THAT(in_tonnes(pathway_value(t, tonnes(1000.0), when)), WithinAbs(expected, 1e-9));
}

TEST_CASE("a constant-rate pathway cuts the same share each year, and its net-zero segment is linear", "[progress]") {
    SECTION("through the council's two milestones") {
        const target t = council_target(pathway_kind::constant_rate);
        auto [when, expected] = GENERATE(table<period, double>({
            {fy(2016), 1000.0},
            {fy(2018), 774.5966692414834},  // 1000 x 0.36^(2/8) = 1000 x 0.36^0.25
            {fy(2020), 600.0},              // 1000 x 0.36^(4/8) = 1000 x 0.6
            {fy(2024), 360.0},
            {fy(2026), 216.0},              // the segment to net zero is linear: 360 - 360 x 2/5
            {fy(2029), 0.0},
        }));
        CAPTURE(when.label());
        CHECK_THAT(in_tonnes(pathway_value(t, tonnes(1000.0), when)), WithinAbs(expected, 1e-9));
    }
    SECTION("through two milestones above zero, geometric on each segment") {
        // B = 1000 (2005); 50% by 2015 -> 500; 75% by 2025 -> 250; net zero by 2035.
        const target t{target_definition{"Area", "E99999999", "within-scope", cy(2005),
                                         {{cy(2015), 50.0}, {cy(2025), 75.0}, {cy(2035), 100.0}},
                                         pathway_kind::constant_rate, std::nullopt, std::nullopt}};
        auto [when, expected] = GENERATE(table<period, double>({
            {cy(2010), 707.1067811865476},  // 1000 x (500/1000)^(5/10) = 1000 / sqrt 2
            {cy(2020), 353.5533905932738},  // 500 x (250/500)^(5/10) = 500 / sqrt 2
            {cy(2030), 125.0},              // linear to net zero: 250 - 250 x 5/10
        }));
        CAPTURE(when.label());
        CHECK_THAT(in_tonnes(pathway_value(t, tonnes(1000.0), when)), WithinAbs(expected, 1e-9));
    }
}

TEST_CASE("percentiles interpolate between ranks as PERCENTILE.INC does", "[progress]") {
    // Rank h = (n - 1) x p from 0, then v[floor h] + (h - floor h) x (v[floor h + 1] - v[floor h]).
    auto [values, fraction, expected] = GENERATE(table<std::vector<double>, double, double>({
        {{1, 2, 3, 4}, 0.25, 1.75},               // h = 0.75: 1 + 0.75 x 1
        {{4, 3, 2, 1}, 0.50, 2.5},                // unsorted input; h = 1.5: 2 + 0.5 x 1
        {{1, 2, 3, 4}, 0.75, 3.25},               // h = 2.25: 3 + 0.25 x 1
        {{10, 20, 30, 40, 50}, 0.40, 26.0},       // h = 1.6: 20 + 0.6 x 10
        {{10, 20, 30, 40, 50}, 0.90, 46.0},       // h = 3.6: 40 + 0.6 x 10
        {{3.0, -1.0, 7.5}, 0.10, -0.2},           // sorted -1, 3, 7.5; h = 0.2: -1 + 0.2 x 4
        {{3.0, -1.0, 7.5}, 1.00, 7.5},            // h = 2: the largest
        {{42.0}, 0.25, 42.0},
    }));
    CHECK_THAT(percentile_inc(values, fraction), WithinAbs(expected, 1e-12));
    CHECK_THROWS_AS(percentile_inc({}, 0.5), data_error);
    CHECK_THROWS_AS(percentile_inc({1.0}, 1.5), data_error);
}

TEST_CASE("the trend is the Theil-Sen slope, which an outlier does not move", "[progress]") {
    // 2015-2020: 100, 90, 80, 200 (outlier), 60, 50. The 15 pairwise slopes, ascending:
    // 2018-19 -140; 2018-20 -75; twelve pairs without 2018 at -10 each; 2017-18 +120 ... precisely
    // -140, -75, -10 x 10, +33.33 (2015-18: 100/3), +55 (2016-18: 110/2), +120 (2017-18).
    // The median (8th of 15) is -10 and so are both quartiles (ranks 3.5 and 10.5 fall among the -10s);
    // a least-squares fit would give -6.29 t/yr.
    const auto series = own_operations({{cy(2015), 100}, {cy(2016), 90}, {cy(2017), 80}, {cy(2018), 200}, {cy(2019), 60}, {cy(2020), 50}});
    const auto fit = fit_trend(series);
    REQUIRE(fit);
    CHECK(fit->points.size() == 6);
    REQUIRE(fit->slopes.size() == 15);
    CHECK_THAT(in_tonnes(fit->slopes.front().per_year), WithinAbs(-140.0, 1e-9));
    CHECK(fit->slopes.front().from == cy(2018));
    CHECK(fit->slopes.front().to == cy(2019));
    CHECK_THAT(in_tonnes(fit->slopes.back().per_year), WithinAbs(120.0, 1e-9));
    CHECK_THAT(in_tonnes(fit->slope_per_year), WithinAbs(-10.0, 1e-9));
    CHECK_THAT(in_tonnes(fit->slope_p25_per_year), WithinAbs(-10.0, 1e-9));
    CHECK_THAT(in_tonnes(fit->slope_p75_per_year), WithinAbs(-10.0, 1e-9));
}

TEST_CASE("the trend uses only the last six periods with data", "[progress]") {
    // Eight values; the first two (2011, 2012) would pull the slope to -50 if they were used.
    // From 2014 on the series falls 10 a year, with 2016 missing: x positions are years, not indices.
    const auto series = own_operations({{cy(2011), 500}, {cy(2012), 450}, {cy(2014), 100}, {cy(2015), 90}, {cy(2017), 70},
                                        {cy(2018), 60}, {cy(2019), 50}, {cy(2020), 40}});
    const auto fit = fit_trend(series);
    REQUIRE(fit);
    REQUIRE(fit->points.size() == 6);
    CHECK(fit->points.front().when == cy(2014));
    CHECK(fit->points.back().when == cy(2020));
    // Every pair, including those across the 2016 gap ((70 - 90) / 2), has slope -10.
    for (const auto& s : fit->slopes) CHECK_THAT(in_tonnes(s.per_year), WithinAbs(-10.0, 1e-9));
    CHECK_THAT(in_tonnes(fit->slope_per_year), WithinAbs(-10.0, 1e-9));
}

TEST_CASE("fewer than three periods with data give no trend, and the report says so", "[progress]") {
    const auto two = own_operations({{fy(2016), 1000}, {fy(2020), 600}});
    CHECK_FALSE(fit_trend(two));

    const auto r = evaluate(council_target(), two);
    CHECK_FALSE(r.trend);
    CHECK(r.no_trend_reason == "no trend: 2 period(s) with data, and a trend needs at least 3");
    CHECK_FALSE(r.net_zero);
    CHECK_FALSE(r.projected_at_next_milestone);
    // A milestone remains and nothing projects to it, so there is no RAG; the status still stands.
    CHECK_FALSE(r.rag);
    CHECK(r.status == progress_status::on_track);  // 600 <= 680
    CHECK_THAT(step(r, "Trend").working, Contains("2 period(s)"));
    CHECK_THAT(step(r, "RAG").working, Contains("no trend"));

    SECTION("with three points there is a trend") {
        const auto three = own_operations({{fy(2016), 1000}, {fy(2018), 800}, {fy(2020), 600}});
        CHECK(fit_trend(three));
        CHECK(evaluate(council_target(), three).no_trend_reason.empty());
    }
}

TEST_CASE("the band is the pairwise slopes' quartiles, and gives the net-zero range", "[progress]") {
    // 2016-2020: 100, 90, 76, 70, 55 (calendar). The 10 pairwise slopes, ascending:
    //   -15 (19-20), -14 (17-18), -12 (16-18), -11.667 (17-20: -35/3), -11.25 (16-20: -45/4),
    //   -10.5 (18-20: -21/2), -10 (16-17), -10 (16-19), -10 (17-19), -6 (18-19).
    // Ranks (N - 1) x p = 9p: P25 at 2.25 -> -12 + 0.25 x (-11.667 + 12) = -11.91667;
    // median at 4.5 -> (-11.25 - 10.5)/2 = -10.875; P75 at 6.75 -> -10 + 0.75 x 0 = -10.
    // Net zero at trend: 2020 + 55/10.875 = 2025.0575; band 2020 + 55/11.91667 = 2024.6154 to
    // 2020 + 55/10 = 2025.5.
    const auto series = own_operations({{cy(2016), 100}, {cy(2017), 90}, {cy(2018), 76}, {cy(2019), 70}, {cy(2020), 55}});
    const auto fit = fit_trend(series);
    REQUIRE(fit);
    CHECK_THAT(in_tonnes(fit->slope_p25_per_year), WithinAbs(-11.916666666666666, 1e-9));
    CHECK_THAT(in_tonnes(fit->slope_per_year), WithinAbs(-10.875, 1e-9));
    CHECK_THAT(in_tonnes(fit->slope_p75_per_year), WithinAbs(-10.0, 1e-9));

    const target t{target_definition{"Area", "E99999999", "within-scope", cy(2016), {{cy(2030), 100.0}}, pathway_kind::linear,
                                     std::nullopt, std::nullopt}};
    const auto r = evaluate(t, series);
    REQUIRE(r.net_zero);
    REQUIRE(r.net_zero_earliest);
    REQUIRE(r.net_zero_latest);
    CHECK_THAT(r.net_zero->year, WithinAbs(2025.057471264368, 1e-9));
    CHECK_THAT(r.net_zero->years_after_latest, WithinAbs(5.057471264368, 1e-9));
    CHECK_THAT(r.net_zero_earliest->year, WithinAbs(2024.6153846153845, 1e-9));
    CHECK_THAT(r.net_zero_latest->year, WithinAbs(2025.5, 1e-9));
    CHECK_THAT(step(r, "Theil-Sen slope and band").working,
               Contains("N = 10; ranks 2.25, 4.50, 6.75") && Contains("median = -10.88 tCO2e/yr"));
}

TEST_CASE("a rising trend never reaches net zero", "[progress]") {
    // 100, 105, 110: every pairwise slope is +5 t/yr, so y + A/(-slope) does not apply.
    const auto series = own_operations({{cy(2015), 100}, {cy(2016), 105}, {cy(2017), 110}});
    const auto r = evaluate(area_target(), series);
    REQUIRE(r.trend);
    CHECK_THAT(in_tonnes(r.trend->slope_per_year), WithinAbs(5.0, 1e-9));
    CHECK_FALSE(r.net_zero);
    CHECK_FALSE(r.net_zero_earliest);
    CHECK_FALSE(r.net_zero_latest);
    CHECK_FALSE(net_zero_at_trend(cy(2017), tonnes(110), tonnes(0.0)));  // flat is not falling either
    CHECK_THAT(step(r, "Net-zero year at trend").working, Contains("not at current trend"));
    // Pathway at 2017 (x = 2 of 15): 100 - 100 x 2/15 = 86.667; 110 is 27% above it.
    CHECK(r.status == progress_status::off_track);
    // The projection to 2030, 110 + 5 x 13 = 175, misses net zero: red.
    CHECK_THAT(in_tonnes(*r.projected_at_next_milestone), WithinAbs(175.0, 1e-9));
    CHECK(r.rag == rag_rating::red);
}

TEST_CASE("the rate still required runs from the latest actual to the next milestone not yet met", "[progress]") {
    SECTION("before the 64% milestone: a linear cut and a constant per cent") {
        // A = 500 t in 2021/22 (x = 5); next milestone 2024/25, L = 360, t - y = 3.
        // Linear: (500 - 360)/3 = 46.667 t/yr. Constant: 1 - (360/500)^(1/3) = 1 - 0.72^(1/3)
        // = 1 - 0.896281 = 10.3719% a year.
        const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2021), 500}}));
        REQUIRE(r.next_milestone);
        CHECK(r.next_milestone->goal.when == fy(2024));
        CHECK_THAT(in_tonnes(r.next_milestone->level), WithinAbs(360.0, 1e-9));
        CHECK_THAT(r.next_milestone->years_to_go, WithinAbs(3.0, 1e-12));
        CHECK_THAT(in_tonnes(r.next_milestone->required_cut_per_year), WithinRel(140.0 / 3.0, 1e-12));
        REQUIRE(r.next_milestone->required_cut_pct_per_year);
        CHECK_THAT(*r.next_milestone->required_cut_pct_per_year, WithinRel(10.371905068856702, 1e-12));
    }
    SECTION("a milestone already met is skipped; net zero has no constant rate") {
        // A = 300 t in 2021/22 already meets L = 360, so the next one not yet met is net zero in
        // 2029/30: (300 - 0)/8 = 37.5 t/yr; (0/A)^(1/8) has no constant-rate answer.
        const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2021), 300}}));
        REQUIRE(r.next_milestone);
        CHECK(r.next_milestone->goal.when == fy(2029));
        CHECK_THAT(in_tonnes(r.next_milestone->required_cut_per_year), WithinRel(37.5, 1e-12));
        CHECK_FALSE(r.next_milestone->required_cut_pct_per_year);
    }
    SECTION("a milestone whose period has passed is not the next one") {
        // Latest 2025/26 at 400 t misses the 2024/25 level of 360, but that date is gone: the next is
        // net zero in 2029/30, 4 years on: 400/4 = 100 t/yr.
        const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2025), 400}}));
        REQUIRE(r.next_milestone);
        CHECK(r.next_milestone->goal.when == fy(2029));
        CHECK_THAT(in_tonnes(r.next_milestone->required_cut_per_year), WithinRel(100.0, 1e-12));
    }
    SECTION("with every milestone met there is none to reach") {
        const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2022), 0}}));
        CHECK_FALSE(r.next_milestone);
    }
}

TEST_CASE("status is on-track at or below the pathway, at-risk up to exactly 5% above it", "[progress]") {
    auto [actual, pathway, expected] = GENERATE(table<double, double, progress_status>({
        {99.0, 100.0, progress_status::on_track},
        {100.0, 100.0, progress_status::on_track},
        {100.5, 100.0, progress_status::at_risk},
        {105.0, 100.0, progress_status::at_risk},  // exactly 5% above
        {105.01, 100.0, progress_status::off_track},
        {0.0, 0.0, progress_status::on_track},
        {0.1, 0.0, progress_status::off_track},  // above a net-zero pathway there is no margin
    }));
    CAPTURE(actual, pathway);
    CHECK(classify(tonnes(actual), tonnes(pathway)) == expected);
    CHECK(to_string(progress_status::at_risk) == "at-risk");
}

TEST_CASE("RAG takes green, amber or red from the pathway margin and the projection", "[progress]") {
    // Baseline 1000 t in 2016/17 (given with the target where the series starts later); the pathway
    // at 2020/21 (x = 4) is 680 t, its 5% margin 714 t; the next milestone is 2024/25 at 360 t, 4 years on.
    const units::gas_mass given = tonnes(1000.0);

    SECTION("green: on the pathway and the trend reaches the milestone") {
        // 1000, 900, 800, 700, 600: slope -100; 600 <= 680; projection 600 - 100 x 4 = 200 <= 360.
        const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2017), 900}, {fy(2018), 800},
                                                                  {fy(2019), 700}, {fy(2020), 600}}));
        CHECK(r.status == progress_status::on_track);
        CHECK_THAT(in_tonnes(*r.projected_at_next_milestone), WithinAbs(200.0, 1e-9));
        CHECK(r.rag == rag_rating::green);
        CHECK(r.baseline_from == baseline_source::series);
    }
    SECTION("amber: on the pathway but the trend misses the milestone") {
        // 720, 700, 680: slope -20; A = 680 = P exactly (on-track); projection 680 - 80 = 600 > 360.
        const auto r = evaluate(council_target(pathway_kind::linear, given),
                                own_operations({{fy(2018), 720}, {fy(2019), 700}, {fy(2020), 680}}));
        CHECK(r.baseline_from == baseline_source::target);
        CHECK(r.status == progress_status::on_track);
        CHECK_THAT(in_tonnes(r.gap_to_pathway), WithinAbs(0.0, 1e-9));
        CHECK_THAT(in_tonnes(*r.projected_at_next_milestone), WithinAbs(600.0, 1e-9));
        CHECK(r.rag == rag_rating::amber);
    }
    SECTION("amber: off the pathway but the trend reaches the milestone") {
        // 1100, 900, 720: slopes -200, -190 (two years), -180; median -190. 720 > 714 (5.9% above);
        // projection 720 - 190 x 4 = -40 <= 360.
        const auto r = evaluate(council_target(pathway_kind::linear, given),
                                own_operations({{fy(2018), 1100}, {fy(2019), 900}, {fy(2020), 720}}));
        CHECK(r.status == progress_status::off_track);
        CHECK_THAT(in_tonnes(r.trend->slope_per_year), WithinAbs(-190.0, 1e-9));
        CHECK_THAT(in_tonnes(*r.projected_at_next_milestone), WithinAbs(-40.0, 1e-9));
        CHECK(r.rag == rag_rating::amber);
    }
    SECTION("at-risk at exactly 5% above the pathway still counts as within the margin") {
        // 754, 734, 714: A = 714 = 680 x 1.05; slope -20, projection 634 > 360: amber, not red.
        const auto r = evaluate(council_target(pathway_kind::linear, given),
                                own_operations({{fy(2018), 754}, {fy(2019), 734}, {fy(2020), 714}}));
        CHECK(r.status == progress_status::at_risk);
        CHECK_THAT(in_tonnes(r.gap_to_pathway), WithinAbs(34.0, 1e-9));
        CHECK(r.rag == rag_rating::amber);
    }
    SECTION("red: off the pathway and the trend misses the milestone") {
        // 800, 780, 760: 760 > 714; projection 760 - 80 = 680 > 360.
        const auto r = evaluate(council_target(pathway_kind::linear, given),
                                own_operations({{fy(2018), 800}, {fy(2019), 780}, {fy(2020), 760}}));
        CHECK(r.status == progress_status::off_track);
        CHECK(r.rag == rag_rating::red);
    }
    SECTION("the rule combines the two tests as DESIGN states it") {
        CHECK(rag_for(true, true) == rag_rating::green);
        CHECK(rag_for(true, false) == rag_rating::amber);
        CHECK(rag_for(false, true) == rag_rating::amber);
        CHECK(rag_for(false, false) == rag_rating::red);
        CHECK_THAT(std::string(rag_rule()), Contains("green") && Contains("5%") && Contains("amber") && Contains("red"));
        CHECK_THAT(std::string(status_rule()), Contains("5%"));
    }
}

TEST_CASE("with no milestone left to meet, RAG asks whether the final level is met", "[progress]") {
    // Net zero already reached in 2022/23 (two points, so no trend): 0 is within the margin of the
    // pathway at x = 6, 1000 + (360 - 1000) x 6/8 = 520, and meets the final level 0: green without
    // a projection.
    const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2022), 0}}));
    CHECK_FALSE(r.trend);
    CHECK_FALSE(r.next_milestone);
    CHECK_THAT(in_tonnes(r.pathway_value), WithinAbs(520.0, 1e-9));
    CHECK(r.rag == rag_rating::green);
}

TEST_CASE("a carbon budget counts actuals from its start, fills gaps and projects when it runs out", "[progress]") {
    // 2015: 100, 2016: 90, 2017 missing, 2018: 70, 2019: 60, 2020: 50. The trend over the five points
    // is -10 t/yr (every pair, the 2017 gap spanned by x = years). 2017 is filled as 90 + (70-90)/2 = 80.
    // Used from 2016: 90 + 80* + 70 + 60 + 50 = 350 t.
    const auto series = own_operations({{cy(2015), 100}, {cy(2016), 90}, {cy(2018), 70}, {cy(2019), 60}, {cy(2020), 50}});

    SECTION("a budget the trend stays within") {
        // C = 1000: remaining 650; the trend emits 40 + 30 + 20 + 10 = 100 more, then zero: never runs out.
        // Constant rate: 50 / (650 + 50) = 7.142857%.
        const auto r = evaluate(area_target(carbon_budget{tonnes(1000), cy(2016)}), series);
        REQUIRE(r.budget);
        CHECK_THAT(in_tonnes(r.budget->used), WithinAbs(350.0, 1e-9));
        CHECK_THAT(in_tonnes(r.budget->remaining), WithinAbs(650.0, 1e-9));
        REQUIRE(r.budget->interpolated.size() == 1);
        CHECK(r.budget->interpolated[0].when == cy(2017));
        CHECK_THAT(in_tonnes(r.budget->interpolated[0].value), WithinAbs(80.0, 1e-9));
        CHECK_FALSE(r.budget->exhausted);
        CHECK_FALSE(r.budget->runs_out);
        REQUIRE(r.budget->constant_cut_pct_per_year);
        CHECK_THAT(*r.budget->constant_cut_pct_per_year, WithinRel(100.0 * 50.0 / 700.0, 1e-12));
        CHECK_THAT(step(r, "Carbon budget used").working, Contains("90.0 + 80.0* + 70.0 + 60.0 + 50.0 = 350.0 tCO2e"));
    }
    SECTION("a budget the trend runs through") {
        // C = 400: remaining 50; 2021 emits 40 (total 40), 2022 emits 30 (total 70 > 50): runs out in 2022.
        // Constant rate: 50 / (50 + 50) = 50%.
        const auto r = evaluate(area_target(carbon_budget{tonnes(400), cy(2016)}), series);
        REQUIRE(r.budget);
        CHECK_THAT(in_tonnes(r.budget->remaining), WithinAbs(50.0, 1e-9));
        CHECK(r.budget->runs_out == cy(2022));
        CHECK_THAT(*r.budget->constant_cut_pct_per_year, WithinRel(50.0, 1e-12));
    }
    SECTION("a budget already overspent names the period it went") {
        // C = 300: running totals 90, 170, 240, 300 (not yet past), 350 in 2020: overspent in 2020.
        const auto r = evaluate(area_target(carbon_budget{tonnes(300), cy(2016)}), series);
        REQUIRE(r.budget);
        CHECK(r.budget->exhausted);
        CHECK(r.budget->runs_out == cy(2020));
        CHECK_THAT(in_tonnes(r.budget->remaining), WithinAbs(-50.0, 1e-9));
        CHECK_FALSE(r.budget->constant_cut_pct_per_year);
    }
    SECTION("a rising trend runs any budget out") {
        // 2015: 40, 2018-2020: 70, 80, 90: every pair +10 t/yr. C = 500 from 2018: used 240,
        // remaining 260; the trend emits 100 (2021, total 100), 110 (2022, 210), 120 (2023, 330 > 260):
        // runs out in 2023.
        const auto rising = own_operations({{cy(2015), 40}, {cy(2018), 70}, {cy(2019), 80}, {cy(2020), 90}});
        const auto r = evaluate(area_target(carbon_budget{tonnes(500), cy(2018)}), rising);
        CHECK_THAT(in_tonnes(r.trend->slope_per_year), WithinAbs(10.0, 1e-9));
        CHECK(r.budget->runs_out == cy(2023));
    }
    SECTION("a budget starting after the latest actual is untouched") {
        const auto r = evaluate(area_target(carbon_budget{tonnes(400), cy(2025)}), series);
        CHECK_THAT(in_tonnes(r.budget->used), WithinAbs(0.0, 1e-12));
        CHECK_THAT(in_tonnes(r.budget->remaining), WithinAbs(400.0, 1e-9));
    }
    SECTION("a budget counted from before the data is refused rather than guessed") {
        CHECK_THROWS_WITH(evaluate(area_target(carbon_budget{tonnes(400), cy(2010)}), series),
                          Contains("counts from 2010 but series 'own-operations-total' starts in 2015"));
    }
    SECTION("a budget of the other gas is refused") {
        CHECK_THROWS_WITH(evaluate(area_target(carbon_budget{400.0 * units::tonne_co2, cy(2016)}), series),
                          Contains("carbon budget is a different gas"));
    }
}

TEST_CASE("a missing year is missing, never zero", "[progress]") {
    // 2016/17: 1000, 2017/18: 800, 2018/19 absent, 2019/20: 650, 2020/21: 600. The absent year is
    // neither a zero nor a point; slopes across it span the real two years.
    const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2017), 800}, {fy(2019), 650}, {fy(2020), 600}}));
    REQUIRE(r.trend);
    CHECK(r.trend->points.size() == 4);
    // Pairwise: 16-17 -200, 16-19 -116.667, 16-20 -100, 17-19 -75, 17-20 -66.667, 19-20 -50.
    // Median of six (ranks 2 and 3 from 0 at rank 2.5): (-100 - 75)/2 = -87.5.
    CHECK_THAT(in_tonnes(r.trend->slope_per_year), WithinAbs(-87.5, 1e-9));
}

TEST_CASE("progress needs its baseline and one kind of period", "[progress]") {
    SECTION("a baseline period without data is reported, not guessed") {
        const auto series = own_operations({{fy(2017), 900}, {fy(2018), 800}, {fy(2019), 700}});
        CHECK_THROWS_AS(evaluate(council_target(), series), missing_baseline);
        CHECK_THROWS_WITH(evaluate(council_target(), series),
                          Contains("series 'own-operations-total' has no value for the baseline period 2016/17") &&
                              Contains("give the target its baseline value"));
    }
    SECTION("a baseline value given with the target fills it") {
        const auto series = own_operations({{fy(2017), 900}, {fy(2018), 800}, {fy(2019), 700}});
        const auto r = evaluate(council_target(pathway_kind::linear, tonnes(1000.0)), series);
        CHECK_THAT(in_tonnes(r.baseline_value), WithinAbs(1000.0, 1e-9));
        CHECK_THAT(r.change_vs_baseline_pct, WithinAbs(-30.0, 1e-9));  // (700 - 1000)/1000 x 100
    }
    SECTION("a series mixing financial and calendar years is refused") {
        CHECK_THROWS_WITH(own_operations({{fy(2016), 1000}, {cy(2017), 900}}), Contains("a series has one period kind"));
    }
    SECTION("a series giving one period twice is refused") {
        CHECK_THROWS_WITH(own_operations({{fy(2016), 1000}, {fy(2016), 900}}), Contains("two values for 2016/17"));
    }
    SECTION("a target on financial years cannot follow a calendar-year series") {
        const auto series = own_operations({{cy(2016), 1000}, {cy(2017), 900}});
        CHECK_THROWS_WITH(evaluate(council_target(), series), Contains("uses financial years but series"));
    }
    SECTION("a pathway is not asked for a period of the other kind") {
        CHECK_THROWS_AS(pathway_value(council_target(), tonnes(1000.0), cy(2020)), data_error);
    }
    SECTION("an empty series is refused") {
        CHECK_THROWS_WITH(evaluate(council_target(), own_operations({})), Contains("has no data"));
    }
    SECTION("a series ending before the baseline is refused") {
        CHECK_THROWS_WITH(evaluate(council_target(pathway_kind::linear, tonnes(1000.0)), own_operations({{fy(2014), 900}})),
                          Contains("no value at or after the baseline 2016/17"));
    }
}

TEST_CASE("the explanation carries each formula with its numbers", "[progress]") {
    const auto r = evaluate(council_target(), own_operations({{fy(2016), 1000}, {fy(2017), 900}, {fy(2018), 800},
                                                              {fy(2019), 700}, {fy(2020), 600}}));
    for (const std::string title : {"Baseline", "Latest actual", "Change vs baseline", "Milestone levels", "Pathway at 2020/21",
                                    "Status", "Next milestone", "Required rate (linear)", "Required rate (constant)",
                                    "Trend points", "Pairwise slopes", "Theil-Sen slope and band", "Net-zero year at trend",
                                    "Projection at 2024/25", "RAG"}) {
        CAPTURE(title);
        CHECK(has_step(r, title));
    }
    CHECK(step(r, "Change vs baseline").working == "(600.0 - 1000.0) / 1000.0 x 100 = -40.0%");
    CHECK(step(r, "Pathway at 2020/21").working == "P = 1000.0 + (360.0 - 1000.0) x (4/8) = 680.0 tCO2e");
    CHECK_THAT(step(r, "Status").working, Contains("P x 1.05 = 714.0") && Contains("on-track"));
    CHECK(step(r, "Required rate (linear)").working == "(600.0 - 360.0) / 4 = 60.00 tCO2e/yr");
    // 2020 + 600/100 = 2026.0 on the series' axis (the period starting in 2026, i.e. 2026/27).
    CHECK_THAT(step(r, "Net-zero year at trend").working, Contains("2020 + 600.0 / 100.00 = 2026.0") && Contains("2026.0 falls in 2026/27"));
    CHECK(step(r, "Projection at 2024/25").working == "600.0 - 100.00 x 4 = 200.0 tCO2e, meets L = 360.0 tCO2e");
    CHECK_THAT(step(r, "Milestone levels").working, Contains("2024/25: 1000.0 x (1 - 64.0%) = 360.0 tCO2e"));
}

TEST_CASE("Leicestershire's within-scope CO2 is on track for net zero by 2045 from 2005", "[progress]") {
    // Within-scope CO2 (kt), the sum of the seven districts (Blaby, Charnwood, Harborough, Hinckley and
    // Bosworth, Melton, North West Leicestershire, Oadby and Wigston) from DESNZ via mySociety, 2005-2020;
    // the sums equal the file's LEC county rows to 1e-12 kt.
    const std::vector<std::pair<int, double>> kt{
        {2005, 4998.04530223409},   {2006, 4985.051013442675},  {2007, 4829.370308315472},  {2008, 4729.451555904419},
        {2009, 4328.617263467734},  {2010, 4549.820871669181},  {2011, 4076.687010834244},  {2012, 4261.077167951412},
        {2013, 4243.7057470259915}, {2014, 3912.453648392159},  {2015, 3821.9172880266638}, {2016, 3705.811278548283},
        {2017, 3539.60090358279},   {2018, 3511.3746936062917}, {2019, 3315.0966046877234}, {2020, 3005.7778911255455},
    };
    std::vector<series_point<co2_mass>> points;
    for (const auto& [year, value] : kt) points.push_back({cy(year), value * units::kilotonne_co2});
    const tracked_series<co2_mass> within_scope{"within-scope", {units::kilotonne_co2, "kt CO2"}, points};
    const target net_zero_2045{target_definition{"Leicestershire net zero", "E10000018", "within-scope", cy(2005),
                                                 {parse_milestone("2045:100%")}, pathway_kind::linear, std::nullopt,
                                                 std::nullopt}};
    const auto kt_of = [](co2_mass q) { return units::in(q, units::kilotonne_co2); };

    const auto r = evaluate(net_zero_2045, within_scope);

    // B = 4998.045 (2005), A = 3005.778 (2020): change (3005.778 - 4998.045)/4998.045 = -39.861%.
    CHECK_THAT(kt_of(r.baseline_value), WithinRel(4998.04530223409, 1e-12));
    CHECK(r.latest_period == cy(2020));
    CHECK_THAT(kt_of(r.latest_value), WithinRel(3005.7778911255455, 1e-12));
    CHECK_THAT(r.change_vs_baseline_pct, WithinRel(-39.860931436896244, 1e-9));
    // Linear to zero over 40 years; 2020 is x = 15: P = 4998.045 x (1 - 15/40) = 3123.778; the gap
    // A - P = -118.000: on track.
    CHECK_THAT(kt_of(r.pathway_value), WithinRel(3123.778313896306, 1e-9));
    CHECK_THAT(kt_of(r.gap_to_pathway), WithinRel(-118.00042277076045, 1e-9));
    CHECK(r.status == progress_status::on_track);
    // Next milestone 2045 (L = 0), 25 years on: 3005.778/25 = 120.231 kt/yr; no constant rate to zero.
    REQUIRE(r.next_milestone);
    CHECK(r.next_milestone->goal.when == cy(2045));
    CHECK_THAT(kt_of(r.next_milestone->required_cut_per_year), WithinRel(120.23111564502182, 1e-9));
    CHECK_FALSE(r.next_milestone->required_cut_pct_per_year);
    // Trend over 2015-2020. The 15 pairwise slopes (kt/yr), ascending:
    //   -309.319 (19-20), -252.798 (18-20), -196.278 (18-19), -177.941 (17-20), -175.008 (16-20),
    //   -166.210 (16-17), -163.228 (15-20), -141.158 (15-17), -130.238 (16-19), -126.705 (15-19),
    //   -116.106 (15-16), -112.252 (17-19), -103.514 (15-18), -97.218 (16-18), -28.226 (17-18).
    // Median = 8th = -141.158 (15-17: (3539.601 - 3821.917)/2). P25 at rank 3.5: (-177.941 - 175.008)/2
    // = -176.475; P75 at rank 10.5: (-116.106 - 112.252)/2 = -114.179.
    REQUIRE(r.trend);
    REQUIRE(r.trend->slopes.size() == 15);
    CHECK(r.trend->points.front().when == cy(2015));
    CHECK_THAT(kt_of(r.trend->slopes.front().per_year), WithinRel(-309.318714, 1e-6));
    CHECK_THAT(kt_of(r.trend->slopes.back().per_year), WithinRel(-28.226210, 1e-6));
    CHECK_THAT(kt_of(r.trend->slope_per_year), WithinRel(-141.15819222193682, 1e-9));
    CHECK_THAT(kt_of(r.trend->slope_p25_per_year), WithinRel(-176.47467550404963, 1e-9));
    CHECK_THAT(kt_of(r.trend->slope_p75_per_year), WithinRel(-114.17907946295702, 1e-9));
    // Net zero at trend 2020 + 3005.778/141.158 = 2041.29; band 2020 + 3005.778/176.475 = 2037.03 to
    // 2020 + 3005.778/114.179 = 2046.33.
    REQUIRE(r.net_zero);
    CHECK_THAT(r.net_zero->year, WithinAbs(2041.2936836595336, 1e-9));
    CHECK_THAT(r.net_zero_earliest->year, WithinAbs(2037.0323468936288, 1e-9));
    CHECK_THAT(r.net_zero_latest->year, WithinAbs(2046.3251193236385, 1e-9));
    // Projection to 2045: 3005.778 - 141.158 x 25 = -523.177 <= 0, and A is below the pathway: green.
    CHECK_THAT(kt_of(*r.projected_at_next_milestone), WithinRel(-523.1769144228747, 1e-9));
    CHECK(r.rag == rag_rating::green);
}
