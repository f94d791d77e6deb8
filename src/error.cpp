#include "carbontrack/error.hpp"

#include <utility>

namespace carbontrack {
namespace {

std::string locate(const std::string& file, std::size_t line, const std::string& column,
                   const std::string& message) {
    // Appended piece by piece: GCC 12 at -O3 misreports `":" + std::to_string(n)` (bug 105329).
    std::string where = file;
    if (line > 0) where.append(":").append(std::to_string(line));
    if (!column.empty()) where.append(": column '").append(column).append("'");
    return where.append(": ").append(message);
}

std::string summarise(const std::vector<parse_error>& errors) {
    if (errors.empty()) return "no errors";
    std::string text = errors.front().what();
    if (errors.size() > 1) text += " (and " + std::to_string(errors.size() - 1) + " more)";
    return text;
}

}  // namespace

parse_error::parse_error(std::string file, std::size_t line, std::string message, std::string column)
    : error(locate(file, line, column, message)),
      file_(std::move(file)),
      line_(line),
      column_(std::move(column)),
      message_(std::move(message)) {}

import_errors::import_errors(std::vector<parse_error> errors)
    : error(summarise(errors)), errors_(std::move(errors)) {}

void error_collector::add(std::size_t line, std::string message, std::string column) {
    errors_.emplace_back(file_, line, std::move(message), std::move(column));
}

void error_collector::throw_if_any() {
    if (!errors_.empty()) throw import_errors(std::move(errors_));
}

}  // namespace carbontrack
