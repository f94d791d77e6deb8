// The bad-input corpus: tests/data/bad/MANIFEST.csv lists every file, the import command, the exit
// code, the line and a fragment of the message. Each file is imported by the real binary into a copy
// of a database loaded as scripts/main-job loads it; a refused file must leave that database's content
// exactly as it was. Files named generated/... are too large to commit and are written here.
#include "support.hpp"

#include "carbontrack/csv.hpp"
#include "carbontrack/store.hpp"

#include <fstream>
#include <map>
#include <sstream>

namespace carbontrack {
namespace {

using Catch::Matchers::Contains;
using testing::dataset;
using testing::official_factor_workbooks;
using testing::run_carbontrack;
using testing::read_bytes;
using testing::scratch_dir;

struct manifest_row {
    std::string file;
    std::vector<std::string> command;
    int exit_code = 0;
    std::string line;  // empty for an accepted file
    std::string message;
};

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string word; in >> word;) out.push_back(word);
    return out;
}

// The manifest's first four fields never hold a comma; the message is the rest of the line, in
// double quotes when it holds commas itself.
std::vector<manifest_row> read_manifest() {
    std::ifstream in(testing::test_data("bad/MANIFEST.csv"));
    std::vector<manifest_row> rows;
    std::string text;
    std::getline(in, text);
    REQUIRE(text == "file,command,exit_code,line,message");
    while (std::getline(in, text)) {
        if (text.empty()) continue;
        std::vector<std::string> fields;
        std::size_t start = 0;
        for (int i = 0; i < 4; ++i) {
            const auto comma = text.find(',', start);
            REQUIRE(comma != std::string::npos);
            fields.push_back(text.substr(start, comma - start));
            start = comma + 1;
        }
        std::string message = text.substr(start);
        if (message.size() >= 2 && message.front() == '"' && message.back() == '"') {
            message = message.substr(1, message.size() - 2);
            for (auto at = message.find("\"\""); at != std::string::npos; at = message.find("\"\"", at + 1)) message.erase(at, 1);
        }
        rows.push_back({fields[0], words(fields[1]), std::stoi(fields[2]), fields[3], message});
    }
    return rows;
}

void run_ok(const std::vector<std::string>& args, const scratch_dir& dir) {
    const auto result = run_carbontrack(args, dir.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
}

// The imports of scripts/main-job, in its order (its summaries are left out).
std::filesystem::path main_job_database() {
    static scratch_dir dir;
    static const auto db = [&] {
        const std::string council = "Leicestershire County Council", example = "Example Council (illustrative)";
        run_ok({"init", "--org", council}, dir);
        for (const auto& workbook : official_factor_workbooks()) run_ok({"factors", "import", workbook}, dir);
        run_ok({"factors", "import", dataset("factors/factor_aliases.csv")}, dir);
        run_ok({"--org", council, "inventory", "import", dataset("council/leicestershire_own_operations.csv")}, dir);
        run_ok({"--org", example, "inventory", "import", dataset("examples/illustrative_example_council_inventory.csv")}, dir);
        run_ok({"--org", council, "boundary", "import", dataset("boundaries/leicestershire_boundary.csv")}, dir);
        run_ok({"--org", example, "boundary", "import", dataset("boundaries/example_council_boundary.csv")}, dir);
        run_ok({"area", "import", dataset("area/mysociety_local_authority_emissions_2005_2020.csv")}, dir);
        run_ok({"area", "codes", dataset("area/authority_codes.csv")}, dir);
        run_ok({"--org", council, "target", "import", dataset("targets/leicestershire_targets.csv")}, dir);
        run_ok({"--org", example, "target", "import", dataset("targets/example_council_targets.csv")}, dir);
        for (const auto& file : std::filesystem::directory_iterator(dataset("indicators")))
            if (file.path().extension() == ".csv") run_ok({"--org", council, "indicator", "import", file.path().string()}, dir);
        return dir / "carbontrack.db";
    }();
    return db;
}

// A header and a row whose last cell is 50 MB: past the readers' 16 MiB line limit.
std::string fifty_mb_line(const std::string& name) {
    const std::map<std::string, std::string> lead{
        {"inventory_50mb_line.csv", "period,scope,source,activity,unit,factor,tco2e,quality,note\n"
                                    "2021/22,2,Buildings,120000,kWh,uk_electricity_generated,,measured,"},
        {"factors_50mb_line.csv", "factor_year,factor,unit,ghg_unit,value,extracted_from\n2030,test_factor,kWh,kg CO2e,0.2,"},
        {"area_50mb_line.csv",
         "Country,Country Code,Region,Region Code,Second Tier Authority,Local Authority,Local Authority Code,Calendar Year,"
         "LA GHG Sector,LA GHG Sub-sector,Greenhouse gas,Territorial emissions (kt CO2e),"
         "CO2 emissions within the scope of influence of LAs (kt CO2e),Mid-year Population (thousands),Area (km2)\n"
         "England,,,,Leicestershire,Blaby District Council,E07000129,2005,Industry,Industry Electricity,CO2,,30.972895,91.721,130.4686\n"
         "England,,,,Leicestershire,Blaby District Council,E07000129,2005,Industry,Industry Gas,CO2,,9.259239,91.721,"},
        {"indicators_50mb_line.csv", "indicator,kind,unit,direction,goal,period,value,note\ntest trees,flow,trees,up,1000,,,\n"
                                     "test trees,,,,,2022,100,"},
        {"targets_50mb_line.csv", "name,entity,series,baseline,milestones\nRobustness test target,council,total,2016/17,"},
    };
    const auto found = lead.find(name);
    REQUIRE(found != lead.end());
    return found->second + std::string(50'000'000, 'x') + "\n";
}

}  // namespace

TEST_CASE("every file of the bad-input corpus gets its expected exit code, line and message, and a refusal changes nothing",
          "[bad-input][slow]") {
    const auto base = main_job_database();
    const auto base_bytes = read_bytes(base);
    const auto base_dump = store(base).canonical_dump();
    const auto manifest = read_manifest();
    REQUIRE(manifest.size() >= 100);
    scratch_dir generated;
    for (const auto& row : manifest) {
        CAPTURE(row.file);
        std::filesystem::path file = testing::test_data(row.file);
        if (row.file.starts_with("generated/")) {
            file = generated / std::filesystem::path(row.file).filename().string();
            testing::write_file(file, fifty_mb_line(file.filename().string()));
        } else {
            REQUIRE(std::filesystem::exists(file));
        }
        scratch_dir dir;
        const auto db = dir / "carbontrack.db";
        std::filesystem::copy_file(base, db);
        auto args = row.command;
        args.push_back(file.string());
        const auto result = run_carbontrack(args, dir.path());
        CHECK(result.exit_code == row.exit_code);
        if (row.exit_code == 0) {
            CHECK_THAT(result.out, Contains(row.message));
            CHECK(result.err.empty());
            continue;
        }
        CHECK(result.out.empty());
        CHECK_THAT(result.err, Contains("carbontrack: " + file.string() + ":" + row.line + ": "));
        CHECK_THAT(result.err, Contains(row.message));
        // Identical bytes prove identical content cheaply; anything else is judged by the dump.
        if (read_bytes(db) != base_bytes || std::filesystem::exists(dir / "carbontrack.db-wal")) CHECK(store(db).canonical_dump() == base_dump);
        if (row.file.starts_with("generated/")) std::filesystem::remove(file);
    }
}

TEST_CASE("the corpus covers every importer and layout with at least 40 refused files", "[bad-input]") {
    std::map<std::string, int> refused;
    for (const auto& row : read_manifest())
        if (row.exit_code != 0) ++refused[row.command.front()];
    CHECK(refused["inventory"] >= 20);
    CHECK(refused["factors"] >= 20);
    CHECK(refused["area"] >= 20);
    CHECK(refused["indicator"] >= 20);
    CHECK(refused["target"] >= 10);
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(testing::test_data("bad")))
        if (entry.is_regular_file() && entry.path().extension() == ".csv" && entry.path().filename() != "MANIFEST.csv") ++files;
    std::size_t listed = 0;
    for (const auto& row : read_manifest())
        if (row.file.starts_with("bad/")) ++listed;
    CHECK(listed == files);  // every committed bad file has its expected outcome
}

TEST_CASE("text that is not UTF-8 is refused at its first bad byte", "[bad-input]") {
    SECTION("UTF-8 of every length passes") {
        for (const std::string good : {"", "Blaby", "Caf\xC3\xA9", "\xE2\x80\x9C" "fleet\xE2\x80\x9D", "CO\xE2\x82\x82", "\xF0\x9F\x8C\xB3 trees"})
            CHECK(csv::utf8_problem(good).empty());
    }
    SECTION("Latin-1, truncated, overlong, surrogate and out-of-range sequences fail") {
        auto [text, problem] = GENERATE(table<std::string, std::string>({
            {"Caf\xE9", "byte 0xE9 at position 4"},              // Latin-1 e-acute
            {"\x93smart\x94", "byte 0x93 at position 1"},        // Windows-1252 quotes
            {"ab\xC3", "byte 0xC3 at position 3"},               // cut off mid-character
            {"\xC0\xAF", "byte 0xC0 at position 1"},             // overlong '/'
            {"\xE0\x80\xAF", "byte 0xE0 at position 1"},         // overlong, three bytes
            {"\xED\xA0\x80", "byte 0xED at position 1"},         // a UTF-16 surrogate
            {"\xF4\x90\x80\x80", "byte 0xF4 at position 1"},     // above U+10FFFF
            {"ok \xFF", "byte 0xFF at position 4"},
        }));
        CAPTURE(problem);
        CHECK_THAT(csv::utf8_problem(text), Contains(problem));
    }
}

}  // namespace carbontrack
