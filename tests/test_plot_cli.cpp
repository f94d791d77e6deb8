#include "carbontrack/plot.hpp"

#include "chart_files.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <sys/wait.h>

// `carbontrack plot` on the shipped data, run as the real binary: each chart type parses (SVG as XML
// through libxml2, PNG by its header, PDF by its first and last bytes) and shows the series it should;
// the standard set is the same bytes every time; odd names pass through to the chart as written.

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;

namespace {


const std::string council = "Leicestershire County Council";
const std::string example = "Example Council (illustrative)";
const std::string area_target = "Leicestershire area: net zero by 2045";

// Every chart is drawn on the same 900 x 560 page at 2x for print.
void check_chart_png(const std::filesystem::path& file) {
    const auto size = check_png(file);
    CHECK(size.width == 1800);
    CHECK(size.height == 1120);
}

void require_ok(const testing::run_result& r) {
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
}

// The data steps of scripts/main-job (its reports and printed summaries left out), into `dir`/ct.db.
void load_shipped_data(const std::filesystem::path& dir) {
    const std::string db = (dir / "ct.db").string();
    const auto ct = [&](std::vector<std::string> args) {
        args.insert(args.begin(), {"--db", db});
        require_ok(testing::run_carbontrack(args, dir));
    };
    ct({"init", "--org", council});
    ct({"factors", "import", testing::key_factors().string()});
    ct({"factors", "import", testing::flat_factors().string()});
    ct({"--org", council, "inventory", "import", testing::dataset("council/leicestershire_own_operations.csv").string()});
    ct({"--org", example, "inventory", "import", testing::dataset("examples/illustrative_example_council_inventory.csv").string()});
    ct({"--org", council, "boundary", "import", testing::dataset("boundaries/leicestershire_boundary.csv").string()});
    ct({"--org", example, "boundary", "import", testing::dataset("boundaries/example_council_boundary.csv").string()});
    ct({"area", "import", testing::dataset("area/mysociety_local_authority_emissions_2005_2020.csv").string()});
    ct({"area", "codes", testing::dataset("area/authority_codes.csv").string()});
    ct({"--org", council, "target", "import", testing::dataset("targets/leicestershire_targets.csv").string()});
    ct({"--org", example, "target", "import", testing::dataset("targets/example_council_targets.csv").string()});
    for (const auto& entry : std::filesystem::directory_iterator(testing::dataset("indicators"))) {
        if (entry.path().extension() == ".csv") ct({"--org", council, "indicator", "import", entry.path().string()});
    }
}

// The shipped data loaded once for the tests that only read it.
class shipped_database {
public:
    static const shipped_database& get() {
        static const shipped_database instance;
        return instance;
    }
    std::filesystem::path file() const { return dir_ / "ct.db"; }
    testing::run_result run(std::vector<std::string> args, const std::filesystem::path& working_dir) const {
        args.insert(args.begin(), {"--db", (dir_ / "ct.db").string()});
        return testing::run_carbontrack(args, working_dir);
    }

private:
    shipped_database() { load_shipped_data(dir_.path()); }
    testing::scratch_dir dir_;
};

std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir))
        if (entry.is_regular_file()) files.push_back(std::filesystem::relative(entry.path(), dir));
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_CASE("a chart's file name is safe whatever the code it comes from", "[plot]") {
    using row = std::pair<std::string, std::string>;
    const auto [text, stem] = GENERATE(table<std::string, std::string>({
        row{"E10000018", "e10000018"},
        row{"LEC", "lec"},
        row{"../../etc/passwd", "etc-passwd"},
        row{".hidden", "hidden"},
        row{"Agriculture 'Other'", "agriculture-other"},
        row{"Ynys Môn", "ynys-m-n"},
        row{"a/b\\c:d*e?f\"g<h>i|j\nk", "a-b-c-d-e-f-g-h-i-j-k"},
        row{"", "chart"},
        row{"€€€", "chart"},
    }));
    CAPTURE(text);
    CHECK(plot::file_stem(text) == stem);
}

TEST_CASE("names repeated in a set are numbered so no chart overwrites another", "[plot]") {
    std::vector<plot::named_chart> charts{{"x", {}}, {"x", {}}, {"y", {}}, {"x", {}}};
    plot::make_names_unique(charts);
    CHECK(charts[0].name == "x");
    CHECK(charts[1].name == "x-2");
    CHECK(charts[2].name == "y");
    CHECK(charts[3].name == "x-3");
}

TEST_CASE("a trajectory chart of Leicestershire's net zero 2045 target shows its 16 years of actuals", "[plot]") {
    REQUIRE_GNUPLOT();
    const auto& db = shipped_database::get();
    testing::scratch_dir dir;

    SECTION("as SVG, the default for a file without an extension") {
        require_ok(db.run({"--org", council, "plot", "trajectory", area_target, "--out", "trajectory"}, dir.path()));
        const svg_file svg{dir / "trajectory"};
        CHECK(svg.has_text("Area emissions, Leicestershire County Council"));
        CHECK(svg.has_text_starting("2020: 3,006 kt CO2, 39.9% below 2005"));
        CHECK(svg.has_text("Emissions (kt CO2)"));
        CHECK(svg.has_text_starting("Source: DESNZ local authority statistics (emissions within the scope of local influence), release"));
        CHECK(svg.markers_of("Actual emissions") == 16 + 1);
        CHECK(svg.markers_of("Milestones") == 1 + 1);
        CHECK(svg.has_text("Net zero by 2045"));
        CHECK(svg.has_text("Baseline 2005"));
        CHECK(svg.has_text("Target pathway"));
        CHECK(svg.has_text("2005"));
        CHECK(svg.has_text("2045"));
    }
    SECTION("as PNG") {
        require_ok(db.run({"--org", council, "plot", "trajectory", area_target, "--out", "trajectory.png"}, dir.path()));
        check_chart_png(dir / "trajectory.png");
    }
    SECTION("as PDF") {
        require_ok(db.run({"--org", council, "plot", "trajectory", area_target, "--out", "trajectory.PDF"}, dir.path()));
        check_pdf(dir / "trajectory.PDF");
    }
    SECTION("an unknown target is named with the ones there are") {
        const auto r = db.run({"--org", council, "plot", "trajectory", "no such target", "--out", "t.svg"}, dir.path());
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains("no target named 'no such target'") && Contains(area_target));
    }
    SECTION("a target without its baseline figure says what to record") {
        const auto r = db.run({"--org", council, "plot", "trajectory", "Own operations: 64% by 2025 and net zero by 2030", "--out", "t.svg"},
                              dir.path());
        CHECK(r.exit_code == 1);
        CHECK_THAT(r.err, Contains("2016/17"));
        CHECK_FALSE(std::filesystem::exists(dir / "t.svg"));
    }
}

TEST_CASE("a sources chart stacks what is known and leaves a partial period without a total", "[plot]") {
    REQUIRE_GNUPLOT();
    const auto& db = shipped_database::get();
    testing::scratch_dir dir;
    require_ok(db.run({"--org", council, "plot", "sources", "--out", "sources.svg"}, dir.path()));
    const svg_file svg{dir / "sources.svg"};
    CHECK(svg.has_text_starting("Own-operations emissions by source, Leicestershire"));  // the title runs onto a second line
    CHECK(svg.has_text("Street lighting and traffic"));  // a long legend entry continues on a line of its own
    CHECK(svg.has_text("signals"));
    CHECK(svg.has_text("Not attributed"));
    CHECK(svg.has_text("35,778"));
    CHECK(svg.has_text("11,663"));
    CHECK(svg.has_text("no total"));
    // Every bar carries its period, even where the bars stand a year apart (2018/19, 2019/20); the
    // years between the published ones have no bar and no label.
    for (const char* bar : {"2008/09", "2016/17", "2018/19", "2019/20"}) CHECK(svg.has_text(bar));
    CHECK_FALSE(svg.has_text("2012/13"));

    require_ok(db.run({"--org", example, "plot", "sources", "--out", "example.svg"}, dir.path()));
    const svg_file example_svg{dir / "example.svg"};
    for (const char* bar : {"2016/17", "2017/18", "2018/19", "2019/20", "2020/21", "2021/22", "2022/23", "2023/24"})
        CHECK(example_svg.has_text(bar));
    // The second row is drawn as labels: a line break in a tick label would leak into the titles
    // gnuplot's SVG terminal gives later plots.
    CHECK_THAT(read_bytes(dir / "example.svg"), !Contains("<title>\\n"));

    require_ok(db.run({"--org", example, "plot", "sources", "--by", "scope", "--out", "scopes.png"}, dir.path()));
    check_chart_png(dir / "scopes.png");
}

TEST_CASE("an area chart stacks the county's sectors under its 2045 pathway, or per person", "[plot]") {
    REQUIRE_GNUPLOT();
    const auto& db = shipped_database::get();
    testing::scratch_dir dir;
    require_ok(db.run({"--org", council, "plot", "area", "E10000018", "--out", "area.svg"}, dir.path()));
    const svg_file svg{dir / "area.svg"};
    CHECK(svg.has_text("Area emissions by sector, Leicestershire County Council"));
    for (const auto* sector : {"Industry", "Commercial", "Public Sector", "Domestic", "Transport", "Agriculture", "Total"}) {
        CAPTURE(sector);
        CHECK(svg.has_text(sector));
    }
    CHECK(svg.has_text("Pathway to net zero by 2045"));

    require_ok(db.run({"--org", council, "plot", "area", "LEC", "--per-person", "--out", "per-person.svg"}, dir.path()));
    const svg_file per_person{dir / "per-person.svg"};
    CHECK(per_person.has_text("Emissions by sector, Leicestershire County Council, per person"));
    CHECK(per_person.has_text("Emissions per person (t CO2)"));
    CHECK_FALSE(per_person.has_text("Pathway to net zero by 2045"));
}

TEST_CASE("an indicator chart shows the running total against the goal", "[plot]") {
    REQUIRE_GNUPLOT();
    const auto& db = shipped_database::get();
    testing::scratch_dir dir;
    require_ok(db.run({"--org", council, "plot", "indicator", "trees planted", "--out", "trees.svg"}, dir.path()));
    const svg_file svg{dir / "trees.svg"};
    CHECK(svg.has_text("Trees planted, Leicestershire County Council"));
    CHECK(svg.has_text("Goal: 700,000 trees"));
    // Published as "more than 356,000 by February 2024": the qualifier stays with the figure.
    CHECK(svg.has_text("more than 356,000"));
    CHECK(svg.has_text("2024: more than 356,000 trees (running total), 50.9% of the goal of 700,000"));
    CHECK(svg.has_text("Source: www.harboroughmail.co.uk"));
    CHECK(svg.markers_of("Recorded") == 3 + 1);

    // The source line names where the figures came from: a ratio without a source of its own
    // (plug-in share) takes its parts', values without a defined source (renewables) their own.
    require_ok(db.run({"--org", council, "plot", "indicator", "plug-in share of cars and vans", "--out", "share.svg"}, dir.path()));
    CHECK(svg_file{dir / "share.svg"}.has_text_starting("Source: traffordDataLab/climate_emergency data/ev.csv (DfT VEH0142"));
    require_ok(db.run({"--org", council, "plot", "indicator", "renewable electricity generated", "--out", "renewables.svg"}, dir.path()));
    CHECK(svg_file{dir / "renewables.svg"}.has_text_starting("Source: traffordDataLab/climate_emergency data/renewable_electricity_generation.csv"));

    const auto none = db.run({"--org", council, "plot", "indicator", "council energy consumption", "--out", "none.svg"}, dir.path());
    CHECK(none.exit_code == 1);
    CHECK_THAT(none.err, Contains("no values recorded"));
}

TEST_CASE("every authority gets its trajectory, named by its code, from one command", "[plot]") {
    REQUIRE_GNUPLOT();
    const auto& db = shipped_database::get();
    testing::scratch_dir dir;
    const auto r = db.run({"plot", "trajectory", "--all-authorities", "--series", "within-scope", "--out-dir", "all"}, dir.path());
    require_ok(r);
    const auto files = files_in(dir / "all");
    CHECK(files.size() == 361);
    CHECK_THAT(r.out, Contains("Wrote 361 charts (svg) to all"));
    const svg_file blaby{dir / "all" / "e07000129.svg"};
    CHECK(blaby.has_text_starting("Area emissions, Blaby"));
    CHECK(blaby.markers_of("Actual emissions") == 16 + 1);
    CHECK(blaby.has_text("Net zero by 2045"));
}

TEST_CASE("the standard set is the same bytes each time it is made from the same data", "[plot]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir first;
    testing::scratch_dir second;
    for (const auto* dir : {&first, &second}) {
        load_shipped_data(dir->path());
        for (const auto& [org, out] : {std::pair{council, std::string("plots")}, std::pair{example, std::string("plots/example")}}) {
            require_ok(testing::run_carbontrack(
                {"--db", (dir->path() / "ct.db").string(), "--org", org, "plot", "all", "--out-dir", out, "--format", "svg,png"}, dir->path()));
        }
    }
    const auto files = files_in(first / "plots");
    REQUIRE(files == files_in(second / "plots"));
    const std::set<std::filesystem::path> names(files.begin(), files.end());
    CHECK(names.count("trajectory-leicestershire-area-net-zero-by-2045.svg") == 1);
    CHECK(names.count("sources.png") == 1);
    CHECK(names.count("area-e10000018.svg") == 1);
    CHECK(names.count("indicator-trees-planted.svg") == 1);
    CHECK(names.count("example/sources.svg") == 1);
    for (const auto& file : files) {
        CAPTURE(file);
        CHECK(read_bytes(first / "plots" / file) == read_bytes(second / "plots" / file));
        if (file.extension() == ".svg") svg_file{first / "plots" / file};
        if (file.extension() == ".png") check_chart_png(first / "plots" / file);
    }
}

TEST_CASE("quotes, apostrophes and non-ASCII names reach the chart as written", "[plot]") {
    REQUIRE_GNUPLOT();
    testing::scratch_dir dir;
    const std::string org = "O'Brien & \"Sons\" <Ynys Môn>";
    const std::vector<std::string> sources{"Agriculture 'Other'", "Café “fleet” £5 Ωμέγα", "back\\slash `id` $(touch pwned)",
                                           "quote\" and 50% <b> @{y}"};
    std::string csv = "period,scope,source,activity,unit,factor,tco2e,quality,note\n";
    for (std::size_t i = 0; i < sources.size(); ++i) {
        std::string quoted = "\"";
        for (const char c : sources[i]) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        quoted += "\"";
        for (int year = 2021; year <= 2023; ++year)
            csv += std::to_string(year) + "/" + std::to_string(year - 1999) + ",1," + quoted + ",,,," + std::to_string(100 * (i + 1)) + ",measured,\n";
    }
    testing::write_file(dir / "inventory.csv", csv);
    const std::string db = (dir / "ct.db").string();
    require_ok(testing::run_carbontrack({"--db", db, "init", "--org", org}, dir.path()));
    require_ok(testing::run_carbontrack({"--db", db, "--org", org, "inventory", "import", "inventory.csv"}, dir.path()));
    require_ok(testing::run_carbontrack({"--db", db, "--org", org, "plot", "sources", "--out", "odd.svg"}, dir.path()));
    const svg_file svg{dir / "odd.svg"};
    CHECK(svg.has_text("Own-operations emissions by source, " + org));
    for (const auto& s : sources) {
        CAPTURE(s);
        CHECK(svg.has_text(s));
    }
    CHECK(svg.has_text("1,000"));
    CHECK_FALSE(std::filesystem::exists(dir / "pwned"));
    require_ok(testing::run_carbontrack({"--db", db, "--org", org, "plot", "sources", "--out", "odd.pdf"}, dir.path()));
    check_pdf(dir / "odd.pdf");
}

TEST_CASE("without gnuplot the chart commands say how to install it and exit 1", "[plot]") {
    const auto& db = shipped_database::get();
    testing::scratch_dir dir;
    // The database is made by the shared fixture; gnuplot is hidden by a PATH that holds nothing.
    require_ok(db.run({"--org", council, "target", "list"}, dir.path()));
    const std::string command = "cd '" + dir.path().string() + "' && /usr/bin/env PATH=/nonexistent '" + std::string(CARBONTRACK_BINARY) +
                                "' --db '" + db.file().string() + "' --org '" + council +
                                "' plot indicator 'trees planted' --out trees.svg > out.txt 2> err.txt";
    const int status = std::system(command.c_str());
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 1);
    CHECK_THAT(read_bytes(dir / "err.txt"), Contains("gnuplot is not installed") && Contains("apt-get install gnuplot-nox"));
    CHECK_FALSE(std::filesystem::exists(dir / "trees.svg"));
}

TEST_CASE("a chart file must be .svg, .png or .pdf", "[plot]") {
    testing::scratch_dir dir;
    const auto r = testing::run_carbontrack({"plot", "sources", "--out", "chart.jpg"}, dir.path());
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(".svg, .png or .pdf"));
}
