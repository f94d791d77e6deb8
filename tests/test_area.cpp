// Area emissions by source: importers, county sums, per-person figures, rankings and releases, with
// the real Leicestershire values from DESNZ's statistics (via mySociety and the official layout).
#include "carbontrack/area.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <sstream>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

namespace {

const std::filesystem::path mysociety = dataset("area/mysociety_local_authority_emissions_2005_2020.csv");
const std::filesystem::path codes_file = dataset("area/authority_codes.csv");
const std::filesystem::path official_co2 = test_data("area/desnz_co2_leicestershire.csv");
const std::filesystem::path official_ghg = test_data("area/desnz_ghg_leicestershire.csv");

store::area_import_outcome import(store& db, const std::filesystem::path& file, const std::string& release, bool replace = false) {
    return db.import_area_release(release, detect_area_layout(file), file.string(), replace,
                                  [&](area_sink& sink) { read_area_file(file, sink); });
}

// A store holding one release (and the shipped identifiers), and queries against it.
struct area_fixture {
    scratch_dir dir;
    store db{dir / "area.db"};
    area_release release;

    area_fixture(const std::filesystem::path& file, const std::string& name) {
        db.set_area_codes(read_area_codes(codes_file));
        REQUIRE(import(db, file, name) == store::area_import_outcome::added);
        release = *db.find_area_release(name);
    }

    area_selection select(const std::string& la) const { return resolve_area(la, db.area_authorities(release.id), db.area_codes()); }
    area_data figures(const area_selection& s) const { return db.area_figures(release, s.authority_ids, std::nullopt); }

    double total_kt(const std::string& la, int year) const {
        const auto s = select(la);
        const auto total = area_total(figures(s), s, year, area_measure::within_scope);
        REQUIRE(total);
        return in_kilotonnes(*total);
    }

    double per_person_t(const std::string& la, int year) const {
        const auto s = select(la);
        const auto value = area_per_person(figures(s), s, year, area_measure::within_scope);
        REQUIRE(value);
        return in_tonnes(*value);
    }
};

// The official layout's within-scope figure is the third cell from the end of a row.
std::string with_within_scope(const std::string& line, const std::string& figure) {
    const auto area_comma = line.rfind(',');
    const auto population_comma = line.rfind(',', area_comma - 1);
    const auto figure_comma = line.rfind(',', population_comma - 1);
    return line.substr(0, figure_comma + 1) + figure + line.substr(population_comma);
}

std::optional<units::gas_mass> column(const area_summary& summary, const std::string& name, int year) {
    const auto at = std::find(summary.columns.begin(), summary.columns.end(), name);
    REQUIRE(at != summary.columns.end());
    for (const auto& line : summary.years)
        if (line.year == year) return line.parts[static_cast<std::size_t>(at - summary.columns.begin())];
    FAIL("no year " << year);
    return std::nullopt;
}

}  // namespace

TEST_CASE("Leicestershire's within-scope CO2 is the sum of its seven districts", "[area]") {
    SECTION("from the official CO2-only layout, which has no county rows") {
        area_fixture f(official_co2, "official");
        const auto name = GENERATE(as<std::string>{}, "E10000018", "LEC", "Leicestershire", "leicestershire county council");
        CAPTURE(name);
        const auto county = f.select(name);
        CHECK(county.summed_from_districts);
        CHECK(county.authority_ids.size() == 7);
        CHECK(county.code == "E10000018");
        CHECK_THAT(f.total_kt(name, 2020), WithinAbs(3005.8, 0.05));
        CHECK_THAT(f.total_kt(name, 2005), WithinAbs(4998.0, 0.05));
        CHECK_THAT(f.per_person_t(name, 2020), WithinAbs(4.22, 0.005));
    }
    SECTION("from the shipped mySociety release, whose county row is LEC") {
        area_fixture f(mysociety, "mysociety");
        const auto name = GENERATE(as<std::string>{}, "E10000018", "LEC", "Leicestershire");
        CAPTURE(name);
        CHECK_THAT(f.total_kt(name, 2020), WithinAbs(3005.8, 0.05));
        CHECK_THAT(f.total_kt(name, 2005), WithinAbs(4998.0, 0.05));
        CHECK_THAT(f.per_person_t(name, 2020), WithinAbs(4.22, 0.005));

        double districts = 0;
        for (const auto* code : {"E07000129", "E07000130", "E07000131", "E07000132", "E07000133", "E07000134", "E07000135"})
            districts += f.total_kt(code, 2020);
        CHECK_THAT(f.total_kt(name, 2020), WithinRel(districts, 1e-9));
    }
}

TEST_CASE("Leicestershire's domestic CO2 falls 36.2% from 2005 to 2019", "[area]") {
    const auto [file, name] = GENERATE(table<std::filesystem::path, std::string>({{official_co2, "official"}, {mysociety, "mysociety"}}));
    CAPTURE(name);
    area_fixture f(file, name);
    const auto county = f.select("E10000018");
    const auto summary = summarise_area(f.figures(county), county, area_measure::within_scope, area_breakdown::sector, false);
    const auto before = column(summary, "Domestic", 2005);
    const auto after = column(summary, "Domestic", 2019);
    REQUIRE(before);
    REQUIRE(after);
    CHECK_THAT(in_kilotonnes(*before), WithinAbs(1612.1, 0.05));
    CHECK_THAT(*area_percent_change(*before, *after), WithinAbs(-36.2, 0.05));
}

TEST_CASE("a county's per-person figure is its emissions over its population, not a sum of ratios", "[area]") {
    area_fixture f(official_co2, "official");
    const auto county = f.select("Leicestershire");
    const auto data = f.figures(county);
    double district_ratios = 0;
    double emissions = 0;
    double people = 0;
    for (const auto& p : data.populations)
        if (p.year == 2020) people += *p.population_thousands * 1000;
    for (auto id : county.authority_ids) {
        const area_selection one{"district", "", {id}, false};
        district_ratios += in_tonnes(*area_per_person(data, one, 2020, area_measure::within_scope));
        emissions += in_tonnes(*area_total(data, one, 2020, area_measure::within_scope));
    }
    const double county_per_person = in_tonnes(*area_per_person(data, county, 2020, area_measure::within_scope));
    CHECK_THAT(county_per_person, WithinRel(emissions / people, 1e-9));
    CHECK_THAT(district_ratios, WithinAbs(29.7, 0.1));
    CHECK(district_ratios > 7 * county_per_person - 1);
}

TEST_CASE("the layout is read from the header and CO2-only figures stay CO2", "[area]") {
    CHECK(detect_area_layout(official_ghg) == area_layout::desnz_ghg);
    CHECK(detect_area_layout(official_co2) == area_layout::desnz_co2);
    CHECK(detect_area_layout(mysociety) == area_layout::mysociety_wide);
    CHECK(basis_of(area_layout::desnz_co2) == area_basis::co2);
    CHECK(basis_of(area_layout::mysociety_wide) == area_basis::co2);
    CHECK(basis_of(area_layout::desnz_ghg) == area_basis::co2e);

    area_fixture co2(official_co2, "co2");
    const auto s = co2.select("Leicestershire");
    CHECK(std::holds_alternative<units::co2_mass>(*area_total(co2.figures(s), s, 2020, area_measure::within_scope)));

    area_fixture ghg(official_ghg, "ghg");
    const auto g = ghg.select("Leicestershire");
    const auto total = area_total(ghg.figures(g), g, 2020, area_measure::within_scope);
    CHECK(std::holds_alternative<units::co2e_mass>(*total));
    CHECK_THAT(in_kilotonnes(*total), WithinAbs(3005.8, 0.05));
}

TEST_CASE("empty cells are missing figures, never zero", "[area]") {
    SECTION("the re-laid file has no territorial figures, so there is no territorial total") {
        area_fixture f(official_co2, "official");
        const auto county = f.select("Leicestershire");
        CHECK_FALSE(area_total(f.figures(county), county, 2020, area_measure::territorial));
        CHECK(summarise_area(f.figures(county), county, area_measure::territorial, area_breakdown::sector, false).columns.empty());
    }
    SECTION("a district with no figures in a year leaves its county's total for that year missing") {
        scratch_dir dir;
        std::string text = read_bytes(official_co2);
        std::string blanked;
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            // Every 2019 Blaby figure becomes an empty cell.
            if (line.find("E07000129,2019,") != std::string::npos) line = with_within_scope(line, "");
            blanked += line + "\n";
        }
        const auto file = write_file(dir / "blank.csv", blanked);
        store db(dir / "area.db");
        import(db, file, "blank");
        const auto release = *db.find_area_release("blank");
        const auto county = resolve_area("Leicestershire", db.area_authorities(release.id), {});
        const auto data = db.area_figures(release, county.authority_ids, std::nullopt);
        CHECK_FALSE(area_total(data, county, 2019, area_measure::within_scope));
        CHECK_THAT(in_kilotonnes(*area_total(data, county, 2020, area_measure::within_scope)), WithinAbs(3005.8, 0.05));
        const auto blaby = resolve_area("Blaby", db.area_authorities(release.id), {});
        CHECK_FALSE(area_total(db.area_figures(release, blaby.authority_ids, std::nullopt), blaby, 2019, area_measure::within_scope));
    }
}

TEST_CASE("a second release that restates one figure shows exactly that figure in the diff", "[area]") {
    scratch_dir dir;
    store db(dir / "area.db");
    const std::string original = read_bytes(official_co2);
    const std::string before = "Blaby District Council,E07000129,2019,Domestic,Domestic Gas,,";
    const auto at = original.find(before);
    REQUIRE(at != std::string::npos);
    const auto value_end = original.find(',', at + before.size());
    std::string restated = original;
    restated.replace(at + before.size(), value_end - at - before.size(), "99.5");
    const auto file = write_file(dir / "restated.csv", restated);
    REQUIRE(import(db, official_co2, "2022 release") == store::area_import_outcome::added);
    REQUIRE(import(db, file, "2023 release") == store::area_import_outcome::added);

    const auto from = *db.find_area_release("2022 release");
    const auto to = *db.find_area_release("2023 release");
    CHECK(db.find_area_release("")->name == "2023 release");
    const auto from_county = resolve_area("Leicestershire", db.area_authorities(from.id), {});
    const auto to_county = resolve_area("Leicestershire", db.area_authorities(to.id), {});
    const auto from_data = db.area_figures(from, from_county.authority_ids, std::nullopt);
    const auto to_data = db.area_figures(to, to_county.authority_ids, std::nullopt);

    SECTION("by sub-sector only the changed figure is listed") {
        const auto lines = diff_area(from_data, from_county, to_data, to_county, area_measure::within_scope, area_breakdown::subsector);
        REQUIRE(lines.size() == 1);
        CHECK(lines[0].year == 2019);
        CHECK(lines[0].sector == "Domestic");
        CHECK(lines[0].subsector == "Domestic Gas");
        const double old_value = std::stod(original.substr(at + before.size(), value_end - at - before.size()));
        CHECK_THAT(in_kilotonnes(*area_change(lines[0])), WithinRel(99.5 - old_value, 1e-6));
    }
    SECTION("by total every year is listed and only 2019 moved") {
        const auto lines = diff_area(from_data, from_county, to_data, to_county, area_measure::within_scope, std::nullopt);
        REQUIRE(lines.size() == 4);
        for (const auto& line : lines) {
            CAPTURE(line.year);
            CHECK((std::abs(in_kilotonnes(*area_change(line))) > 1e-6) == (line.year == 2019));
        }
    }
}

TEST_CASE("importing a release again changes nothing unless it is replaced", "[area]") {
    scratch_dir dir;
    store db(dir / "area.db");
    REQUIRE(import(db, official_co2, "r") == store::area_import_outcome::added);
    const auto dump = db.canonical_dump();
    CHECK(import(db, official_co2, "r") == store::area_import_outcome::already_stored);
    CHECK(db.canonical_dump() == dump);
    CHECK(import(db, official_co2, "r", true) == store::area_import_outcome::replaced);
    CHECK(db.area_releases().size() == 1);
    CHECK(db.area_releases().front().values == 720);
}

TEST_CASE("a bad file names its line and leaves the database unchanged", "[area]") {
    const std::string header =
        "Country,Country Code,Region,Region Code,Second Tier Authority,Local Authority,Local Authority Code,Calendar Year,LA CO2 Sector,"
        "LA CO2 Sub-sector,Territorial emissions (kt CO2),CO2 emissions within the scope of influence of LAs (kt CO2),"
        "Mid-year Population (thousands),Area (km2)\n";
    const std::string good = "England,,,,Leicestershire,Blaby District Council,E07000129,2020,Domestic,Domestic Gas,,90.5,101.5,130.5\n";
    const auto [content, line, message] = GENERATE_REF(table<std::string, std::size_t, std::string>({
        {"Year,Code,Emissions\n2020,E07000129,1\n", 1, "unknown area file layout"},
        {header + good + "England,,,,Leicestershire,Blaby District Council,E07000129,2020,Domestic,Domestic Electricity,,12..5,101.5,130.5\n", 3,
         "'12..5' is not a number"},
        {header + good + "England,,,,Leicestershire,Blaby District Council,E07000129,20x0,Domestic,Domestic Electricity,,12.5,101.5,130.5\n", 3,
         "'20x0' is not a year"},
        {header + good + "England,,,,Leicestershire,Blaby District Council,E07000129,2150,Domestic,Domestic Electricity,,12.5,101.5,130.5\n", 3,
         "2150 is not a year of the local-authority series"},
        {header + good + good, 3, "duplicate row: E07000129 2020 Domestic / Domestic Gas"},
        {header + good + "England,,,,Leicestershire,Blaby District Council,E07000129,2020,Domestic,Domestic Electricity,,12.5,101.5\n", 3,
         "the row has 13 cells but the header has 14"},
    }));
    CAPTURE(content);
    scratch_dir dir;
    store db(dir / "area.db");
    REQUIRE(import(db, official_co2, "before") == store::area_import_outcome::added);
    const auto dump = db.canonical_dump();
    const auto file = write_file(dir / "bad.csv", content);
    try {
        import(db, file, "bad");
        FAIL("the import was accepted");
    } catch (const import_errors& e) {
        REQUIRE(e.errors().size() >= 1);
        CHECK(e.errors().front().line() == line);
        CHECK_THAT(e.errors().front().what(), Contains(file.string() + ":" + std::to_string(line)) && Contains(message));
    } catch (const parse_error& e) {
        CHECK(e.line() == line);
        CHECK_THAT(e.what(), Contains(file.string() + ":" + std::to_string(line)) && Contains(message));
    }
    CHECK(db.canonical_dump() == dump);
}

TEST_CASE("every bad line of a file is reported, not only the first", "[area]") {
    scratch_dir dir;
    std::string text = read_bytes(official_co2);
    // Break two rows far apart: the 10th and the 500th data lines lose their numbers.
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (std::size_t at : {10u, 500u}) lines[at] = with_within_scope(lines[at], "x");
    std::string broken;
    for (const auto& line : lines) broken += line + "\n";
    const auto file = write_file(dir / "broken.csv", broken);
    store db(dir / "area.db");
    try {
        import(db, file, "broken");
        FAIL("the import was accepted");
    } catch (const import_errors& e) {
        REQUIRE(e.errors().size() == 2);
        CHECK(e.errors()[0].line() == 11);
        CHECK(e.errors()[1].line() == 501);
    }
    CHECK(db.area_releases().empty());
}

TEST_CASE("a ranking gives every district a position and a quartile, lowest first", "[area]") {
    area_fixture f(mysociety, "mysociety");
    const auto authorities = f.db.area_authorities(f.release.id);
    const auto codes = f.db.area_codes();
    const auto among = rankable_areas(authorities, codes);
    CHECK(among.size() == 361);  // the county and combined-authority aggregates are left out
    const auto ranking = rank_areas(f.db.area_figures(f.release, {}, 2020), among, 2020, area_metric::per_person, std::nullopt,
                                    area_measure::within_scope);
    REQUIRE(ranking.size() == 361);
    CHECK(ranking.front().position == 1);
    CHECK(ranking.front().quartile == 1);
    CHECK(ranking.back().quartile == 4);
    for (std::size_t i = 1; i < ranking.size(); ++i) CHECK(in_tonnes(*ranking[i - 1].emissions) <= in_tonnes(*ranking[i].emissions));

    SECTION("a comparator list may include a county summed from its districts") {
        std::vector<area_selection> peers;
        for (const auto* la : {"Leicestershire", "Nottinghamshire", "Derbyshire", "Warwickshire"})
            peers.push_back(resolve_area(la, authorities, codes));
        const auto change = rank_areas(f.db.area_figures(f.release, {}, std::nullopt), peers, 2020, area_metric::change_since, 2005,
                                       area_measure::within_scope);
        REQUIRE(change.size() == 4);
        for (const auto& e : change) {
            CAPTURE(e.name);
            CHECK(e.position >= 1);
            CHECK(*e.change_pct < 0);
        }
        const auto leicestershire = std::find_if(change.begin(), change.end(), [](const auto& e) { return e.code == "E10000018"; });
        REQUIRE(leicestershire != change.end());
        CHECK_THAT(*leicestershire->change_pct, WithinAbs((3005.78 - 4998.05) / 4998.05 * 100, 0.01));
    }
}

TEST_CASE("asking for every tier covers all 394 councils of the national release, each once", "[area]") {
    area_fixture f(mysociety, "mysociety");
    const auto authorities = f.db.area_authorities(f.release.id);
    const auto codes = f.db.area_codes();
    using enum area_tier;
    const auto tiers = GENERATE(table<std::vector<area_tier>, std::size_t>({
        {{district}, 361},  // districts and unitaries
        {{county}, 21},     // mySociety's county rows, e.g. LEC = E10000018
        {{combined}, 12},   // combined authorities and the Greater London Authority
        {{district, county, combined}, 394},
    }));
    const auto selected = rankable_areas(authorities, codes, std::get<0>(tiers));
    CHECK(selected.size() == std::get<1>(tiers));
    std::set<std::string> seen;
    for (const auto& s : selected) CHECK(seen.insert(s.code).second);
    if (std::get<0>(tiers).size() == 3) {
        const auto leicestershire = std::find_if(selected.begin(), selected.end(), [](const auto& s) { return s.code == "E10000018"; });
        REQUIRE(leicestershire != selected.end());
        const auto total = area_total(f.figures(*leicestershire), *leicestershire, 2020, area_measure::within_scope);
        REQUIRE(total);
        CHECK_THAT(in_kilotonnes(*total), WithinAbs(3005.8, 0.05));  // the county row is its seven districts' sum
    }
}

TEST_CASE("in the official layout a county is its districts summed, and a unitary is not a county", "[area]") {
    area_fixture f(official_co2, "official");
    const auto authorities = f.db.area_authorities(f.release.id);
    const auto codes = f.db.area_codes();
    CHECK(rankable_areas(authorities, codes).size() == 9);  // 7 districts, Leicester and Rutland
    const auto counties = rankable_areas(authorities, codes, {area_tier::county});
    REQUIRE(counties.size() == 1);  // Rutland County Council names itself as its Second Tier Authority
    CHECK(counties.front().code == "E10000018");
    CHECK(counties.front().summed_from_districts);
    CHECK(counties.front().authority_ids.size() == 7);
    CHECK_THAT(f.total_kt("E10000018", 2020), WithinAbs(3005.8, 0.05));
}

TEST_CASE("an authority nobody has heard of is an error that suggests names", "[area]") {
    area_fixture f(official_co2, "official");
    CHECK_THROWS_WITH(f.select("Nowhere"), Contains("no authority or county 'Nowhere'"));
    CHECK(f.select("Leicester").code == "E06000016");
    CHECK_THROWS_WITH(f.select("Bosworth"), Contains("did you mean: E07000132 Hinckley and Bosworth Borough Council"));
}

TEST_CASE("quoted cells, a byte-order mark and CRLF line ends are read as the same data", "[area]") {
    scratch_dir dir;
    std::string text = read_bytes(official_co2);
    std::string crlf = "\xEF\xBB\xBF";
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const auto file = write_file(dir / "excel.csv", crlf);
    store db(dir / "area.db");
    import(db, file, "excel");
    const auto release = *db.find_area_release("excel");
    const auto county = resolve_area("Leicestershire", db.area_authorities(release.id), {});
    CHECK_THAT(in_kilotonnes(*area_total(db.area_figures(release, county.authority_ids, 2020), county, 2020, area_measure::within_scope)),
               WithinAbs(3005.8, 0.05));

    const auto unclosed = write_file(dir / "unclosed.csv", read_bytes(official_co2) + "England,,,,\"Leicestershire,Blaby\n");
    CHECK_THROWS_AS(import(db, unclosed, "unclosed"), parse_error);
}
