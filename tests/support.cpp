#include "support.hpp"

#include "cli/commands.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace carbontrack::testing {
namespace {

// Single-quotes an argument for /bin/sh.
std::string shell_quote(const std::string& arg) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

}  // namespace

bool installed(const std::string& program) { return std::system(("command -v " + program + " > /dev/null 2>&1").c_str()) == 0; }

std::string read_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path source_dir() { return CARBONTRACK_SOURCE_DIR; }
std::filesystem::path dataset(const std::string& relative) { return source_dir() / "datasets" / relative; }
std::filesystem::path test_data(const std::string& relative) { return source_dir() / "tests" / "data" / relative; }
std::filesystem::path key_factors() { return test_data("factors/uk_ghg_conversion_factors_key_2016_2025.csv"); }
std::filesystem::path flat_factors() { return test_data("factors/uk_ghg_conversion_factors_flat_2016_2025.csv.gz"); }

std::vector<std::filesystem::path> official_factor_workbooks() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dataset("factors/official")))
        if (entry.path().extension() == ".xlsx" || entry.path().extension() == ".xls") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

scratch_dir::scratch_dir() {
    static std::atomic<unsigned> counter{0};
    std::random_device seed;
    path_ = std::filesystem::temp_directory_path() /
            ("carbontrack-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + std::to_string(seed()));
    std::filesystem::create_directories(path_);
}

scratch_dir::~scratch_dir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::filesystem::path write_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream out(file, std::ios::binary);
    out << text;
    return file;
}

run_result run_carbontrack(const std::vector<std::string>& args, const std::filesystem::path& working_dir) {
    const auto out_file = working_dir / ".stdout";
    const auto err_file = working_dir / ".stderr";
    std::string command = "cd " + shell_quote(working_dir.string()) + " && env -u CARBONTRACK_DB -u CARBONTRACK_ORG TZ=UTC LC_ALL=C " +
                          shell_quote(CARBONTRACK_BINARY);
    for (const auto& arg : args) command += " " + shell_quote(arg);
    command += " </dev/null >" + shell_quote(out_file.string()) + " 2>" + shell_quote(err_file.string());
    const int status = std::system(command.c_str());
    run_result result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_bytes(out_file);
    result.err = read_bytes(err_file);
    std::filesystem::remove(out_file);
    std::filesystem::remove(err_file);
    return result;
}

run_result run_in_process(const std::vector<std::string>& args) {
    std::vector<const char*> argv{"carbontrack"};
    for (const auto& arg : args) argv.push_back(arg.c_str());
    std::ostringstream out, err;
    run_result result;
    result.exit_code = cli::run(static_cast<int>(argv.size()), argv.data(), out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

}  // namespace carbontrack::testing
