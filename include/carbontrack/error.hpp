// Every failure carbontrack reports is a carbontrack::error; parse errors carry file, line and column
// so a user can go straight to the bad cell. Importers collect every bad line before they give up.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace carbontrack {

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A problem at a place in an input file. what() is "file:line: message" (and ", column C" when known).
class parse_error : public error {
public:
    parse_error(std::string file, std::size_t line, std::string message, std::string column = {});

    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }
    const std::string& column() const noexcept { return column_; }
    const std::string& message() const noexcept { return message_; }

private:
    std::string file_;
    std::size_t line_;
    std::string column_;
    std::string message_;
};

// Every bad line of one input; thrown once the whole file has been read so all are reported together.
class import_errors : public error {
public:
    explicit import_errors(std::vector<parse_error> errors);
    const std::vector<parse_error>& errors() const noexcept { return errors_; }

private:
    std::vector<parse_error> errors_;
};

// Data that is well-formed but wrong for the domain: an unknown factor, a unit that does not fit.
class data_error : public error {
public:
    using error::error;
};

// The database refused or failed: locked past the busy timeout, corrupt, newer schema than this build.
class storage_error : public error {
public:
    using error::error;
};

// Collects parse errors while an importer keeps reading; throws them together at the end.
class error_collector {
public:
    explicit error_collector(std::string file) : file_(std::move(file)) {}

    void add(std::size_t line, std::string message, std::string column = {});
    void add(parse_error e) { errors_.push_back(std::move(e)); }
    bool empty() const noexcept { return errors_.empty(); }
    std::size_t size() const noexcept { return errors_.size(); }
    const std::string& file() const noexcept { return file_; }
    // Throws import_errors when anything was collected.
    void throw_if_any();

private:
    std::string file_;
    std::vector<parse_error> errors_;
};

}  // namespace carbontrack
