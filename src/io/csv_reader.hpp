// A typed-column CSV reader over fast-cpp-csv-parser, private to the library. It streams the file
// (plain or gzip) so memory stays flat, trims cells, honours quotes, BOM and CRLF, and turns the
// parser's exceptions into parse_errors with file and line so importers can keep going.
#pragma once

#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"

// fast-cpp-csv-parser copies file names with strncpy into a fixed buffer it terminates itself;
// GCC's optimiser flags that pattern, so the warning is silenced for this header alone.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-truncation"
#include <libfccp/csv.h>
#pragma GCC diagnostic pop

#include <array>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace carbontrack::csv {

// Streams bytes through zlib, which passes uncompressed files through unchanged.
std::unique_ptr<io::ByteSourceBase> open_byte_source(const std::filesystem::path& file);

// The text of a fast-cpp-csv-parser error without its own "in line N of file F" decoration.
std::string describe(const io::error::base& e);

template <std::size_t N>
class table_reader {
public:
    using row = std::array<std::string_view, N>;

    // `columns` are the header names this layout knows; the first `required` of them must be present,
    // the rest are optional. Unknown, missing or duplicated columns are a parse_error at line 1.
    table_reader(const std::filesystem::path& file, const std::array<std::string_view, N>& columns, std::size_t required)
        : name_(file.string()), columns_(columns), reader_(name_, open_byte_source(file)) {
        try {
            read_header(columns, std::make_index_sequence<N>{});
        } catch (const io::error::header_missing&) {
            throw parse_error(name_, 1, "the file is empty; expected a header line");
        } catch (const io::error::base& e) {
            throw parse_error(name_, 1, "bad header: " + describe(e));
        }
        for (std::size_t i = 0; i < N; ++i) {
            present_[i] = reader_.has_column(std::string(columns[i]));
            if (i < required && !present_[i])
                throw parse_error(name_, 1, "bad header: the required column '" + std::string(columns[i]) + "' is missing");
        }
    }

    // Reads the next data row. A row the parser rejects, or with a cell that is not UTF-8, is added to
    // `errors` and skipped; returns false at the end of the file or when the line is too long to continue.
    bool next(row& out, error_collector& errors) {
        for (;;) {
            try {
                if (!read_row(out, std::make_index_sequence<N>{})) return false;
                if (utf8_valid(out, errors)) return true;
            } catch (const io::error::line_length_limit_exceeded&) {
                // fast-cpp-csv-parser counts the line before it finds it too long, so line() is that line.
                errors.add(line(), "a line is longer than 16 MiB; the file is not a table carbontrack can read");
                return false;
            } catch (const io::error::base& e) {
                errors.add(line(), describe(e));
            }
        }
    }

    std::size_t line() const { return reader_.get_file_line(); }
    bool has(std::size_t column) const { return present_[column]; }
    const std::string& file_name() const { return name_; }

private:
    bool utf8_valid(const row& cells, error_collector& errors) const {
        if (all_ascii(cells)) return true;
        for (std::size_t i = 0; i < N; ++i) {
            if (auto problem = utf8_problem(cells[i]); !problem.empty()) {
                errors.add(line(), std::move(problem), std::string(columns_[i]));
                return false;
            }
        }
        return true;
    }

    template <std::size_t... I>
    void read_header(const std::array<std::string_view, N>& columns, std::index_sequence<I...>) {
        reader_.read_header(io::ignore_missing_column, std::string(columns[I])...);
    }

    template <std::size_t... I>
    bool read_row(row& out, std::index_sequence<I...>) {
        std::array<char*, N> cells{};
        if (!reader_.read_row(cells[I]...)) return false;
        ((out[I] = cells[I] ? std::string_view(cells[I]) : std::string_view{}), ...);
        return true;
    }

    std::string name_;
    std::array<std::string_view, N> columns_;
    io::CSVReader<N, io::trim_chars<' ', '\t'>, io::double_quote_escape<',', '"'>> reader_;
    std::array<bool, N> present_{};
};

}  // namespace carbontrack::csv
