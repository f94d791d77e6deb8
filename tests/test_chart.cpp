#include "carbontrack/chart.hpp"
#include "carbontrack/chart_builders.hpp"

#include "chart_files.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <thread>
#include <vector>

// Charts are checked by what a reader of the file would find: SVG parsed as XML by libxml2 (its text
// and the markers gnuplot draws per series), PNG by its header, PDF by its first and last bytes.
// The emission figures are made up for the tests, chosen so each label and marker is countable.

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using units::co2_mass;
using units::co2e_mass;

namespace {


period fy(int start_year) { return financial_year{start_year}; }
period cy(int year) { return calendar_year{year}; }

co2e_mass tonnes(double t) { return t * units::tonne_co2e; }
co2_mass kilotonnes(double kt) { return kt * units::kilotonne_co2; }

target council_target() {
    return target{target_definition{"Own operations", "council", "own-operations-total", fy(2016),
                                    {{fy(2024), 64.0}, {fy(2029), 100.0}}, pathway_kind::linear, std::nullopt, std::nullopt}};
}

// Seven actuals from 2016/17 with 2019/20 missing: a gap in the line, never a zero.
tracked_series<co2e_mass> council_actuals() {
    std::vector<series_point<co2e_mass>> points;
    const double values[] = {26000, 23500, 21000, 0, 16000, 15100, 14200, 13300};
    for (int i = 0; i < 8; ++i) {
        if (i != 3) points.push_back({fy(2016 + i), tonnes(values[i])});
    }
    return tracked_series<co2e_mass>{"own-operations-total", {units::tonne_co2e, "tCO2e"}, points};
}

chart::spec trajectory_fixture() {
    const target goal = council_target();
    const auto actuals = council_actuals();
    return chart::trajectory_chart(goal, actuals, evaluate(goal, actuals),
                                   {"Own-operations emissions", "Leicestershire County Council", "Source: council GHG reports"});
}

std::vector<chart::category_series<co2e_mass>> source_fixture(const std::vector<std::string>& names) {
    std::vector<chart::category_series<co2e_mass>> out;
    for (std::size_t k = 0; k < names.size(); ++k) {
        chart::category_series<co2e_mass> c{names[k], {}};
        for (int y = 2019; y <= 2023; ++y) c.points.push_back({fy(y), tonnes(1000.0 * static_cast<double>(k + 1) - 50.0 * (y - 2019))});
        out.push_back(c);
    }
    return out;
}

chart::spec sources_fixture(const std::vector<std::string>& names) {
    return chart::sources_chart(source_fixture(names), {}, display_unit<co2e_mass>{units::tonne_co2e, "tCO2e"},
                                {"Own-operations emissions by source", "Leicestershire County Council", "Source: council GHG reports"});
}

chart::area_series<co2_mass> area_fixture() {
    chart::area_series<co2_mass> area{{}, {units::kilotonne_co2, "kt CO2"}, std::nullopt, std::nullopt};
    const std::vector<std::pair<std::string, double>> sectors{{"Industry", 1200}, {"Domestic", 1300}, {"Transport", 1900}, {"LULUCF", -60}};
    for (const auto& [name, start] : sectors) {
        chart::category_series<co2_mass> s{name, {}};
        for (int y = 2005; y <= 2022; ++y) s.points.push_back({cy(y), kilotonnes(start * (1.0 - 0.02 * (y - 2005)))});
        area.sectors.push_back(s);
    }
    const target county{target_definition{"Area", "E10000018", "within-scope", cy(2005), {{cy(2045), 100.0}}, pathway_kind::linear,
                                          std::nullopt, std::nullopt}};
    area.pathway = chart::area_pathway<co2_mass>{county, kilotonnes(4340)};
    return area;
}

chart::spec indicator_fixture() {
    chart::indicator_series trees{"trees", {}, true, 700000.0, "Commitment: 700,000 trees", fy(2029)};
    const double planted[] = {40000, 65000, 90000, 110000, 95000};
    for (int i = 0; i < 5; ++i) trees.values.push_back({fy(2019 + i), planted[i], ""});
    return chart::indicator_chart(trees, {"Trees planted", "Leicestershire", "Source: council tree planting records"});
}

}  // namespace

TEST_CASE("a gnuplot string stands for exactly its text", "[chart]") {
    SECTION("plain text is single-quoted, so gnuplot substitutes nothing in it") {
        CHECK(chart::gnuplot_string("Fleet") == "'Fleet'");
        CHECK(chart::gnuplot_string("`rm -rf ~` @macro $data") == "'`rm -rf ~` @macro $data'");
    }
    SECTION("a single quote is doubled and a backslash is kept as it is") {
        CHECK(chart::gnuplot_string("Agriculture 'Other'") == "'Agriculture ''Other'''");
        CHECK(chart::gnuplot_string(R"(C:\data "x")") == R"('C:\data "x"')");
    }
    SECTION("a line break is joined in as a double-quoted newline") {
        CHECK(chart::gnuplot_string("two\nlines") == "'two'.\"\\n\".'lines'");
        CHECK(chart::gnuplot_string("windows\r\nbreak") == "'windows'.\"\\n\".'break'");
    }
    SECTION("other control characters become spaces") { CHECK(chart::gnuplot_string(std::string("a\tb\0c", 5)) == "'a b c'"); }
    SECTION("UTF-8 is kept and anything else becomes U+FFFD") {
        CHECK(chart::gnuplot_string("Ynys Môn") == "'Ynys Môn'");
        CHECK(chart::gnuplot_string("bad \xC3 byte") == "'bad \xEF\xBF\xBD byte'");
        CHECK(chart::gnuplot_string("surrogate \xED\xA0\x80") == "'surrogate \xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD'");
    }
}

TEST_CASE("the file extension picks the format", "[chart]") {
    using chart::file_format;
    const auto [name, format] = GENERATE(table<std::string, file_format>({{"a.svg", file_format::svg},
                                                                          {"a.SVG", file_format::svg},
                                                                          {"chart", file_format::svg},
                                                                          {"a.png", file_format::png},
                                                                          {"dir.v2/a.PDF", file_format::pdf}}));
    CHECK(chart::format_for(name) == format);
    CHECK_THROWS_WITH(chart::format_for("a.jpg"), Contains("must end in .svg, .png or .pdf"));
}

TEST_CASE("a missing gnuplot is reported with the command that installs it", "[chart]") {
    const auto c = indicator_fixture();
    testing::scratch_dir dir;
    try {
        chart::render(c, dir / "a.svg", {"/nonexistent/carbontrack-no-gnuplot"});
        FAIL("rendering without gnuplot succeeded");
    } catch (const chart::gnuplot_missing& e) {
        CHECK(std::string(e.what()) == "gnuplot is not installed; install it with: apt-get install gnuplot-nox");
    }
}

TEST_CASE("gnuplot's failures become errors and leave no half-drawn files", "[chart]") {
    const auto c = indicator_fixture();
    testing::scratch_dir dir;
    SECTION("a non-zero exit status is reported") {
        testing::write_file(dir / "old.svg", "stale");
        CHECK_THROWS_WITH(chart::render(c, dir / "old.svg", {"false"}), Contains("gnuplot could not draw the chart (exit status 1)"));
        CHECK_FALSE(std::filesystem::exists(dir / "old.svg"));
    }
    SECTION("what gnuplot prints is quoted") {
        REQUIRE_GNUPLOT();
        CHECK_THROWS_WITH(chart::render(c, dir / "missing-dir" / "a.svg"), Contains("cannot open file"));
    }
    SECTION("a chart without data is refused before gnuplot runs") {
        chart::spec empty;
        empty.title = "Nothing";
        CHECK_THROWS_WITH(chart::render(empty, dir / "a.svg", {"/nonexistent/gnuplot"}), Contains("has no data to draw"));
    }
    SECTION("a file name gnuplot could not carry is refused") {
        CHECK_THROWS_WITH(chart::render(c, dir / "a\nb.svg", {"/nonexistent/gnuplot"}), Contains("control character"));
    }
}

TEST_CASE("the script carries its data inline and sets each chart up afresh", "[chart]") {
    const auto a = trajectory_fixture();
    const auto b = indicator_fixture();
    const std::vector<chart::render_job> jobs{{&a, "a.svg"}, {&b, "b.png"}};
    const std::string script = chart::gnuplot_script(jobs);
    CHECK_THAT(script, Contains("$chart0_0 << EOD\n"));
    CHECK_THAT(script, Contains("$chart1_0 << EOD\n"));
    CHECK(script.find("'-'") == std::string::npos);
    CHECK(std::count(script.begin(), script.end(), '\n') > 50);
    const auto first_reset = script.find("reset\n");
    const auto second_reset = script.find("reset\n", first_reset + 1);
    REQUIRE(second_reset != std::string::npos);
    CHECK(script.find("set output 'b.png'", second_reset) != std::string::npos);
    CHECK(script.find("set terminal pngcairo", second_reset) != std::string::npos);
}

TEST_CASE("a trajectory chart shows actuals, pathway, milestones, trend and baseline", "[chart]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    const auto c = trajectory_fixture();

    SECTION("as SVG") {
        chart::render(c, dir / "trajectory.svg");
        const svg_file svg{dir / "trajectory.svg"};
        CHECK(svg.title() == "Own-operations emissions, Leicestershire County Council");
        CHECK(svg.has_text("Own-operations emissions, Leicestershire County Council"));
        CHECK(svg.has_text("Emissions (tCO2e)"));
        CHECK(svg.has_text("Source: council GHG reports"));
        CHECK(svg.has_text("2016/17"));
        CHECK(svg.has_text("64% below 2016/17"));
        CHECK(svg.has_text("by 2024/25"));
        CHECK(svg.has_text("Net zero by 2029/30"));
        CHECK(svg.has_text("Baseline 2016/17"));
        CHECK(svg.has_text("Target pathway"));
        CHECK(svg.has_text("Trend over the last 6 years"));
        CHECK(svg.has_text("Trend range (25–75% of slopes)"));
        CHECK(svg.markers_of("Actual emissions") == 7 + 1);
        CHECK(svg.markers_of("Milestones") == 2 + 1);
        const auto texts = svg.texts();
        CHECK(std::any_of(texts.begin(), texts.end(), [](const std::string& t) { return t.starts_with("2023/24: 13,300 tCO2e, 48.8% below 2016/17"); }));
        CHECK(std::any_of(texts.begin(), texts.end(), [](const std::string& t) { return t.starts_with("Net zero at trend: "); }));
    }
    SECTION("as PNG, at twice the page's pixels") {
        chart::render(c, dir / "trajectory.png");
        const auto size = check_png(dir / "trajectory.png");
        CHECK(size.width == 1800);
        CHECK(size.height == 1120);
    }
    SECTION("as PDF") {
        chart::render(c, dir / "trajectory.pdf");
        check_pdf(dir / "trajectory.pdf");
    }
}

TEST_CASE("a trajectory's y axis starts at zero with the unit in its title", "[chart]") {
    const auto c = trajectory_fixture();
    CHECK(c.y.from_zero);
    CHECK(c.y.label == "Emissions (tCO2e)");
    CHECK(c.x.kind == period_kind::financial_year);
    CHECK(c.x.first == 2016.0);
    CHECK(c.x.last >= 2029.0);
}

TEST_CASE("a sources chart stacks each period's sources and labels its total", "[chart]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    const auto c = sources_fixture({"Buildings", "Street lighting and traffic signals", "Fleet"});
    chart::render(c, dir / "sources.svg");
    const svg_file svg{dir / "sources.svg"};
    // A title too long for one line breaks between words.
    CHECK(svg.has_text("Own-operations emissions by source, Leicestershire County"));
    CHECK(svg.has_text("Council"));
    CHECK(svg.title() == "Own-operations emissions by source, Leicestershire County Council");
    CHECK(svg.has_text("Buildings"));
    CHECK(svg.has_text("Fleet"));
    // The long name continues on a second legend line of its own.
    CHECK(svg.has_text("Street lighting and traffic"));
    CHECK(svg.has_text("signals"));
    CHECK(svg.has_text("6,000"));  // 2019/20: 1,000 + 2,000 + 3,000
    CHECK(svg.has_text("5,400"));  // 2023/24: 800 + 1,800 + 2,800
    CHECK(svg.has_text("2023/24 total: 5,400 tCO2e, down 2.7% on 2022/23"));  // from 5,550

    chart::render(c, dir / "sources.png");
    CHECK(check_png(dir / "sources.png").width == 1800);
}

TEST_CASE("a reported total above its sources shows the remainder as not attributed", "[chart]") {
    const auto categories = source_fixture({"Buildings"});
    const auto c = chart::sources_chart(categories, {{fy(2023), tonnes(1500)}}, display_unit<co2e_mass>{units::tonne_co2e, "tCO2e"},
                                        {"Own-operations emissions by source", "", ""});
    const auto& stack = std::get<chart::stacked_layer>(c.layers.front());
    REQUIRE(stack.categories.size() == 2);
    CHECK(stack.categories.back().name == "Not attributed");
    CHECK_THAT(stack.categories.back().values.back(), Catch::Matchers::WithinAbs(700.0, 1e-9));  // 1,500 - 800
    CHECK_THAT(stack.totals.back(), Catch::Matchers::WithinAbs(1500.0, 1e-9));
}

TEST_CASE("an area chart stacks the sectors under the pathway, per person when asked", "[chart]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    auto area = area_fixture();
    const auto totals = chart::area_chart(area, {"Within-scope CO2 emissions by sector", "Leicestershire", "Source: DESNZ, release 2024"});
    chart::render(totals, dir / "area.pdf");
    check_pdf(dir / "area.pdf");
    chart::render(totals, dir / "area.svg");
    const svg_file svg{dir / "area.svg"};
    CHECK(svg.has_text("Within-scope CO2 emissions by sector, Leicestershire"));
    for (const char* sector : {"Industry", "Domestic", "Transport", "LULUCF", "Total", "Pathway to net zero by 2045"}) {
        CHECK(svg.has_text(sector));
    }
    CHECK(svg.has_text("2045"));

    std::vector<chart::population_point> people;
    for (int y = 2005; y <= 2022; ++y) people.push_back({cy(y), 700000.0});
    area.per_person = chart::per_person_view<co2_mass>{people, {units::tonne_co2, "tCO2"}};
    const auto per_person = chart::area_chart(area, {"Within-scope CO2 emissions by sector", "Leicestershire", ""});
    CHECK(per_person.title == "Within-scope CO2 emissions by sector, Leicestershire, per person");
    CHECK(per_person.y.label == "Emissions per person (tCO2)");
    const auto& stack = std::get<chart::stacked_layer>(per_person.layers.front());
    CHECK_THAT(stack.categories.front().values.front(), Catch::Matchers::WithinRel(1200e3 / 700000.0, 1e-12));
    CHECK(per_person.layers.size() == 1);  // no pathway per person
    chart::render(per_person, dir / "per_person.svg");
    CHECK(svg_file{dir / "per_person.svg"}.has_text("Emissions per person (tCO2)"));
}

TEST_CASE("an indicator chart shows the running total against its goal", "[chart]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    chart::render(indicator_fixture(), dir / "indicator.svg");
    const svg_file svg{dir / "indicator.svg"};
    CHECK(svg.has_text("Trees planted, Leicestershire"));
    CHECK(svg.has_text("Trees (cumulative)"));
    CHECK(svg.has_text("Commitment: 700,000 trees"));
    CHECK(svg.has_text("Goal due 2029/30"));
    CHECK(svg.has_text("400,000"));  // the running total, at its last point
    CHECK(svg.has_text("2023/24: 400,000 trees, 57.1% of the goal of 700,000 by 2029/30"));
    CHECK(svg.markers_of("Running total") == 5 + 1);
}

TEST_CASE("the same chart gives the same bytes", "[chart]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    const auto c = trajectory_fixture();
    const auto extension = GENERATE(as<std::string>{}, ".svg", ".png", ".pdf");
    chart::render(c, dir / ("first" + extension));
    // A PDF carries its creation time to the second; wait past one so a clock stamp would show.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    chart::render(c, dir / ("second" + extension));
    CHECK(read_bytes(dir / ("first" + extension)) == read_bytes(dir / ("second" + extension)));
    if (extension == ".pdf" && std::getenv("SOURCE_DATE_EPOCH") == nullptr) {
        CHECK_THAT(read_bytes(dir / "first.pdf"), Contains("/CreationDate (D:19700101000000Z)"));
    }
}

TEST_CASE("many charts render through one gnuplot, each as it would alone", "[chart]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    const auto trajectory = trajectory_fixture();
    const auto indicator = indicator_fixture();
    const auto sources = sources_fixture({"Buildings", "Fleet"});
    std::vector<chart::render_job> jobs;
    for (int i = 0; i < 30; ++i) {
        const chart::spec* c = i % 3 == 0 ? &trajectory : i % 3 == 1 ? &indicator : &sources;
        jobs.push_back({c, dir / ("chart" + std::to_string(i) + (i == 29 ? ".png" : ".svg"))});
    }
    chart::render_all(jobs);
    for (int i = 0; i < 29; ++i) svg_file{dir / ("chart" + std::to_string(i) + ".svg")};
    check_png(dir / "chart29.png");

    // Settings from one chart must not leak into the next: each batch file equals a lone render.
    chart::render(indicator, dir / "alone.svg");
    CHECK(read_bytes(dir / "chart1.svg") == read_bytes(dir / "alone.svg"));
    chart::render(sources, dir / "alone.svg");
    CHECK(read_bytes(dir / "chart2.svg") == read_bytes(dir / "alone.svg"));
}

TEST_CASE("hostile names neither break the script nor run anything", "[chart]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    const std::vector<std::string> names{"Agriculture 'Other'",
                                         R"(Say "hello")",
                                         R"(back\slash\n)",
                                         "Ynys Môn",
                                         "<script>alert(1)</script> & co",
                                         "`touch pwned`",
                                         "@title",
                                         "EOD"};
    auto categories = source_fixture(names);
    categories.push_back({"first line\nsecond line", source_fixture({"x"}).front().points});
    const auto c = chart::sources_chart(categories, {}, display_unit<co2e_mass>{units::tonne_co2e, "tCO2e"},
                                        {"Emissions by source", "Ynys Môn 'Isle of Anglesey' \"County\"", "Source: <b>DESNZ</b> & co"});
    chart::render(c, dir / "hostile.svg");
    const svg_file svg{dir / "hostile.svg"};
    for (const auto& name : names) {
        INFO(name);
        CHECK(svg.has_text(name));
    }
    CHECK(svg.has_text("first line"));
    CHECK(svg.has_text("second line"));
    CHECK(svg.has_text("Emissions by source, Ynys Môn 'Isle of Anglesey' \"County\""));
    CHECK(svg.has_text("Source: <b>DESNZ</b> & co"));
    CHECK(svg.title() == "Emissions by source, Ynys Môn 'Isle of Anglesey' \"County\"");
    CHECK_FALSE(std::filesystem::exists("pwned"));  // gnuplot runs in the current directory

    // The markup arrives escaped, never as elements.
    const std::string raw = read_bytes(dir / "hostile.svg");
    CHECK(raw.find("<script>") == std::string::npos);
    CHECK_THAT(raw, Contains("&lt;script>"));

    chart::render(c, dir / "hostile.png");
    check_png(dir / "hostile.png");
    chart::render(c, dir / "hostile's \"file\".pdf");
    check_pdf(dir / "hostile's \"file\".pdf");
}
