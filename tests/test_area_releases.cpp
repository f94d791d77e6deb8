// Releases of different detail: the 2005-2023 totals-only release beside the 2005-2020 one with sectors,
// both measures as series, the newest release per question, and the refusals, with real values.
#include "carbontrack/area.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/series.hpp"
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <sstream>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::WithinAbs;

namespace {

const std::filesystem::path mysociety = dataset("area/mysociety_local_authority_emissions_2005_2020.csv");
const std::filesystem::path totals_2023 = dataset("area/desnz_la_totals_2005_2023.csv");
const std::filesystem::path codes_file = dataset("area/authority_codes.csv");

const std::string sectors_release = "mysociety-2005-2020";
const std::string totals_release = "desnz-2005-2023";

// Both shipped releases, the older imported first as the main job does.
struct two_releases {
    scratch_dir dir;
    store db{dir / "area.db"};

    two_releases() {
        db.set_area_codes(read_area_codes(codes_file));
        for (const auto& [file, name] : {std::pair{mysociety, sectors_release}, {totals_2023, totals_release}})
            db.import_area_release(name, detect_area_layout(file), file.string(), false, [&](area_sink& sink) { read_area_file(file, sink); });
    }

    area_release release(const std::string& name) const { return *db.find_area_release(name); }
    area_selection select(const area_release& r, const std::string& la) const { return resolve_area(la, db.area_authorities(r.id), db.area_codes()); }
    area_data figures(const area_release& r, const area_selection& s) const { return db.area_figures(r, s.authority_ids, std::nullopt); }
};

}  // namespace

TEST_CASE("the 2005-2023 totals are read as a totals-only release with both measures", "[area][releases]") {
    CHECK(detect_area_layout(totals_2023) == area_layout::desnz_totals);
    CHECK(detail_of(area_layout::desnz_totals) == area_detail::totals);
    CHECK(basis_of(area_layout::desnz_totals, area_measure::within_scope) == area_basis::co2);
    CHECK(basis_of(area_layout::desnz_totals, area_measure::territorial) == area_basis::co2e);

    two_releases r;
    const auto totals = r.release(totals_release);
    CHECK(totals.detail == area_detail::totals);
    CHECK(totals.has_within_scope);
    CHECK(totals.has_territorial);
    CHECK(totals.first_year == 2005);
    CHECK(totals.last_year == 2023);
    // 361 districts and unitaries x 19 years, one figure each.
    CHECK(totals.values == 6859);
    CHECK(r.db.area_authorities(totals.id).size() == 361);
    const auto sectors = r.release(sectors_release);
    CHECK(sectors.detail == area_detail::sectors);
    CHECK_FALSE(sectors.has_territorial);
}

TEST_CASE("Leicestershire (7 districts) in 2023: 2,858.6 kt CO2 within scope, 4,330.2 kt CO2e territorial, 5.90 t CO2e per person",
          "[area][releases]") {
    two_releases r;
    const auto totals = r.release(totals_release);
    const auto county = r.select(totals, "E10000018");
    CHECK(county.summed_from_districts);
    CHECK(county.authority_ids.size() == 7);
    CHECK(county.code == "E10000018");
    CHECK(county.label == "Leicestershire (sum of 7 districts)");
    const auto data = r.figures(totals, county);

    const auto within = area_total(data, county, 2023, area_measure::within_scope);
    REQUIRE(within);
    CHECK(std::holds_alternative<units::co2_mass>(*within));
    CHECK_THAT(in_kilotonnes(*within), WithinAbs(2858.6, 0.05));

    const auto territorial = area_total(data, county, 2023, area_measure::territorial);
    REQUIRE(territorial);
    // All gases: CO2e, a different type from the within-scope CO2, so the two never add.
    CHECK(std::holds_alternative<units::co2e_mass>(*territorial));
    CHECK_THAT(in_kilotonnes(*territorial), WithinAbs(4330.2, 0.05));

    const auto per_person = area_per_person(data, county, 2023, area_measure::territorial);
    REQUIRE(per_person);
    CHECK_THAT(in_tonnes(*per_person), WithinAbs(5.90, 0.005));
}

TEST_CASE("the newer release re-estimates 2020: 2,949.3 kt against 3,005.8 kt in 2005-2020", "[area][releases]") {
    two_releases r;
    const auto older = r.release(sectors_release);
    const auto newer = r.release(totals_release);
    const auto from = r.select(older, "E10000018");
    const auto to = r.select(newer, "E10000018");
    const auto lines = diff_area(r.figures(older, from), from, r.figures(newer, to), to, area_measure::within_scope, std::nullopt);
    // Years both releases carry and the three only the newer has.
    REQUIRE(lines.size() == 19);
    const auto y2020 = std::find_if(lines.begin(), lines.end(), [](const area_diff_line& l) { return l.year == 2020; });
    REQUIRE(y2020 != lines.end());
    CHECK_THAT(in_kilotonnes(*y2020->from), WithinAbs(3005.8, 0.05));
    CHECK_THAT(in_kilotonnes(*y2020->to), WithinAbs(2949.3, 0.05));
    CHECK_THAT(in_kilotonnes(*area_change(*y2020)), WithinAbs(-56.5, 0.1));
    const auto y2023 = std::find_if(lines.begin(), lines.end(), [](const area_diff_line& l) { return l.year == 2023; });
    REQUIRE(y2023 != lines.end());
    CHECK_FALSE(y2023->from);
    CHECK_THAT(in_kilotonnes(*y2023->to), WithinAbs(2858.6, 0.05));
}

TEST_CASE("each question uses the newest release that can answer it", "[area][releases]") {
    two_releases r;
    const auto releases = r.db.area_releases();
    CHECK(newest_release_for(releases, area_measure::within_scope, false).name == totals_release);
    CHECK(newest_release_for(releases, area_measure::territorial, false).name == totals_release);
    CHECK(newest_release_for(releases, area_measure::within_scope, true).name == sectors_release);
    // No stored release has territorial figures by sector.
    CHECK_THROWS_WITH(newest_release_for(releases, area_measure::territorial, true), Contains("no stored area release has sectors with territorial"));

    CHECK(area_series_needs("within-scope").measure == area_measure::within_scope);
    CHECK_FALSE(area_series_needs("territorial").needs_sectors);
    CHECK(area_series_needs("within-scope:Domestic").needs_sectors);
}

TEST_CASE("the totals-only release refuses a sector question and names the release that has sectors", "[area][releases]") {
    two_releases r;
    const auto releases = r.db.area_releases();
    CHECK_THROWS_WITH(choose_release(releases, totals_release, area_measure::within_scope, true),
                      Equals("release desnz-2005-2023 has totals only; sectors come from mysociety-2005-2020"));
    CHECK(choose_release(releases, totals_release, area_measure::within_scope, false).name == totals_release);
    CHECK_THROWS_WITH(choose_release(releases, "2099", area_measure::within_scope, false), Contains("no area release named '2099' (known: "));
}

TEST_CASE("both measures are series: within-scope in kt CO2, territorial in kt CO2e", "[area][releases]") {
    two_releases r;
    const auto totals = r.release(totals_release);
    const auto county = r.select(totals, "Leicestershire");
    const auto data = r.figures(totals, county);
    const auto within = area_series(data, county, "within-scope");
    const auto territorial = area_series(data, county, "territorial");
    REQUIRE(std::holds_alternative<tracked_series<units::co2_mass>>(within));
    REQUIRE(std::holds_alternative<tracked_series<units::co2e_mass>>(territorial));
    const auto& t = std::get<tracked_series<units::co2e_mass>>(territorial);
    REQUIRE(t.points().size() == 19);
    CHECK_THAT(units::in(t.points().back().value, units::kilotonne_co2e), WithinAbs(4330.2, 0.05));
    CHECK_THAT(units::in(t.points().front().value, units::kilotonne_co2e), WithinAbs(6666.1, 0.05));
}

TEST_CASE("the 2005-2021 and 2005-2023 official headers import to the same figures as today's layout", "[area][releases][headers]") {
    const auto today = test_data("area/desnz_ghg_leicestershire.csv");
    const auto [file, layout, gas] = GENERATE(table<std::string, area_layout, area_basis>(
        {{"area/desnz_ghg_2005_2021_header.csv", area_layout::desnz_ghg, area_basis::co2e},
         {"area/desnz_ghg_2005_2023_header.csv", area_layout::desnz_ghg_scope_co2, area_basis::co2}}));
    CAPTURE(file);
    const auto variant = test_data(file);
    CHECK(detect_area_layout(variant) == layout);

    scratch_dir dir;
    store db(dir / "area.db");
    area_read_summary read;
    db.import_area_release("variant", layout, variant.string(), false, [&](area_sink& sink) { read = read_area_file(variant, sink); });
    db.import_area_release("today", area_layout::desnz_ghg, today.string(), false, [&](area_sink& sink) { read_area_file(today, sink); });
    // The unallocated and large-electricity-user rows are counted, and belong to no authority.
    CHECK(read.unallocated_rows == 2);
    CHECK(read.authorities == 2);
    CHECK(read.values == 40);
    const auto v = *db.find_area_release("variant");
    const auto t = *db.find_area_release("today");
    CHECK(db.area_authorities(v.id).size() == 2);
    for (const auto* code : {"E07000129", "E07000133"}) {
        CAPTURE(code);
        const auto in_variant = resolve_area(code, db.area_authorities(v.id), {});
        const auto in_today = resolve_area(code, db.area_authorities(t.id), {});
        const auto a = area_total(db.area_figures(v, in_variant.authority_ids, 2020), in_variant, 2020, area_measure::within_scope);
        const auto b = area_total(db.area_figures(t, in_today.authority_ids, 2020), in_today, 2020, area_measure::within_scope);
        REQUIRE(a);
        REQUIRE(b);
        CHECK(a->index() == (gas == area_basis::co2 ? 1u : 0u));
        CHECK_THAT(in_kilotonnes(*a), WithinAbs(in_kilotonnes(*b), 1e-9));
        const auto sa = summarise_area(db.area_figures(v, in_variant.authority_ids, 2020), in_variant, area_measure::within_scope,
                                       area_breakdown::subsector, false);
        const auto sb = summarise_area(db.area_figures(t, in_today.authority_ids, 2020), in_today, area_measure::within_scope,
                                       area_breakdown::subsector, false);
        REQUIRE(sa.columns == sb.columns);
        for (std::size_t c = 0; c < sa.columns.size(); ++c) {
            REQUIRE(sa.years.front().parts[c].has_value() == sb.years.front().parts[c].has_value());
            if (sa.years.front().parts[c]) CHECK_THAT(in_kilotonnes(*sa.years.front().parts[c]), WithinAbs(in_kilotonnes(*sb.years.front().parts[c]), 1e-9));
        }
    }
    // Blaby's 2020 within-scope CO2, as the 2005-2020 release gives it.
    const auto blaby = resolve_area("E07000129", db.area_authorities(v.id), {});
    CHECK_THAT(in_kilotonnes(*area_total(db.area_figures(v, blaby.authority_ids, 2020), blaby, 2020, area_measure::within_scope)),
               WithinAbs(336.4, 0.05));
}

namespace {

// One record of a plain CSV with quoted cells ("Bristol, City of").
std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> cells(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
            cells.back() += '"';
            ++i;
        } else if (c == '"') {
            quoted = !quoted;
        } else if (c == ',' && !quoted) {
            cells.emplace_back();
        } else if (c != '\r') {
            cells.back() += c;
        }
    }
    return cells;
}

// ONS's per-person figure (t CO2e, 2 d.p.) by area code and year.
std::map<std::pair<std::string, int>, double> ons_per_person() {
    std::map<std::pair<std::string, int>, double> figures;
    std::istringstream lines(read_bytes(test_data("ons/ons_ghg_per_capita_2005_2023_release_2025.csv")));
    std::string line;
    std::getline(lines, line);
    REQUIRE(split_csv(line).at(5) == "observation");
    while (std::getline(lines, line)) {
        const auto cells = split_csv(line);
        REQUIRE(cells.size() == 12);
        figures[{cells[0], std::stoi(cells[4].substr(0, 4))}] = std::stod(cells[5]);
    }
    return figures;
}

}  // namespace

TEST_CASE("every authority-year's territorial per person matches ONS's published figure within 0.005 t", "[area][releases][ons]") {
    const auto ons = ons_per_person();
    REQUIRE(ons.size() == 7885);
    two_releases r;
    const auto totals = r.release(totals_release);
    const auto data = r.db.area_figures(totals, {}, std::nullopt);
    std::size_t compared = 0;
    std::size_t matched = 0;
    double worst = 0;
    for (const auto& authority : r.db.area_authorities(totals.id)) {
        const area_selection one{authority.name, authority.code, {authority.id}, false};
        for (int year = 2005; year <= 2023; ++year) {
            const auto published = ons.find({authority.code, year});
            REQUIRE(published != ons.end());
            const auto ours = area_per_person(data, one, year, area_measure::territorial);
            REQUIRE(ours);
            ++compared;
            const double gap = std::abs(in_tonnes(*ours) - published->second);
            worst = std::max(worst, gap);
            if (gap <= 0.005 + 1e-9) ++matched;
        }
    }
    CHECK(compared == 6859);
    CHECK(matched == compared);
    CHECK(worst <= 0.005 + 1e-9);

    // The county, summed from its districts (sum, then divide), against ONS's own county row.
    const auto county = r.select(totals, "E10000018");
    std::size_t county_matched = 0;
    for (int year = 2005; year <= 2023; ++year) {
        CAPTURE(year);
        const auto ours = area_per_person(data, county, year, area_measure::territorial);
        REQUIRE(ours);
        CHECK_THAT(in_tonnes(*ours), WithinAbs(ons.at({"E10000018", year}), 0.005 + 1e-9));
        if (std::abs(in_tonnes(*ours) - ons.at({"E10000018", year})) <= 0.005 + 1e-9) ++county_matched;
    }
    CHECK(county_matched == 19);
    CHECK_THAT(ons.at({"E10000018", 2023}), WithinAbs(5.90, 1e-9));
}
