// Shared by the test files: paths to shipped data, a scratch directory per test, and running the
// real carbontrack binary the way a user would (pinned locale and time zone, no stdin).
#pragma once

#include "carbontrack/error.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace carbontrack::testing {

std::filesystem::path source_dir();
std::filesystem::path dataset(const std::string& relative);     // datasets/...
std::filesystem::path test_data(const std::string& relative);   // tests/data/...
// The derived CSVs the product used before it read DESNZ's workbooks (rounded key table, long table),
// kept as test fixtures only: datasets/ ships the official workbooks instead.
std::filesystem::path key_factors();                            // tests/data/factors key CSV
std::filesystem::path flat_factors();                           // tests/data/factors long CSV (.csv.gz)
// The official DESNZ workbooks shipped in datasets/factors/official/, in name order.
std::vector<std::filesystem::path> official_factor_workbooks();

// A fresh empty directory, removed when the object goes out of scope.
class scratch_dir {
public:
    scratch_dir();
    ~scratch_dir();
    scratch_dir(const scratch_dir&) = delete;
    scratch_dir& operator=(const scratch_dir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
    std::filesystem::path path_;
};

// Writes `text` to `file` and returns the path.
std::filesystem::path write_file(const std::filesystem::path& file, const std::string& text);
// A file's bytes, exactly (an empty string for a missing file).
std::string read_bytes(const std::filesystem::path& file);

// Whether `program` is on the PATH, for tests of what an optional tool (gnuplot, chromium) draws.
bool installed(const std::string& program);

struct run_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs the built carbontrack binary with `args` in `working_dir`.
run_result run_carbontrack(const std::vector<std::string>& args, const std::filesystem::path& working_dir);

// Checks that `read` refuses `file` with exactly one problem, at `line`, whose message contains `message`.
template <class Read>
void check_rejected(Read&& read, const std::filesystem::path& file, std::size_t line, const std::string& message) {
    try {
        read(file);
        FAIL("the file was accepted");
    } catch (const import_errors& e) {
        REQUIRE(e.errors().size() == 1);
        CHECK(e.errors().front().file() == file.string());
        CHECK(e.errors().front().line() == line);
        CHECK_THAT(e.errors().front().message(), Catch::Matchers::Contains(message));
    } catch (const parse_error& e) {
        CHECK(e.file() == file.string());
        CHECK(e.line() == line);
        CHECK_THAT(e.message(), Catch::Matchers::Contains(message));
    }
}

// Runs the CLI in-process (same code path as the binary) and captures its streams.
run_result run_in_process(const std::vector<std::string>& args);

}  // namespace carbontrack::testing
