// Runs a program with a script as its standard input and collects everything it prints. Private to
// the chart module: gnuplot is the only program carbontrack runs.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack::chart {

struct process_result {
    int exit_code;       // the program's status, or 128 + signal when a signal ended it
    std::string output;  // its standard output and standard error, interleaved
};

// nullopt when `program` cannot be found on PATH. `environment` entries ("NAME=value") are added to
// (and override) the caller's environment. Throws error when the process cannot be started or fed.
std::optional<process_result> run_with_input(const std::string& program, const std::vector<std::string>& arguments,
                                             const std::vector<std::string>& environment, std::string_view input);

}  // namespace carbontrack::chart
