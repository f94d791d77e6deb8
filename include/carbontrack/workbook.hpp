// A spreadsheet workbook (.xlsx, .ods, .xls) read whole into sheets of cells, rows and columns
// counted from 0; a place in it is named as Excel does, "FILE:SHEET!B17", in every error message.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack::workbook {

enum class format { xlsx, ods, xls };

// "xlsx", "ods" or "xls", for messages.
std::string_view format_name(format f);

// The workbook format of a file judged by its content (a ZIP holding a workbook part, or an OLE2
// compound document), never by its name; nullopt for anything else (CSV, gzip, empty, missing).
std::optional<format> detect_format(const std::filesystem::path& file);

enum class cell_kind { empty, text, number, date };

struct cell {
    cell_kind kind = cell_kind::empty;
    // text as stored; for a date, ISO 8601 ("2023-04-01", or "2023-04-01T10:30:00" with a time)
    std::string text;
    double number = 0;  // kind == number only

    bool empty() const { return kind == cell_kind::empty || (kind == cell_kind::text && text.empty()); }
};

// The text a cell shows when read as text: numbers at full precision in the shortest form that reads
// back to the same double ("0.1841639891", "2017"), dates in ISO form, text as stored.
std::string cell_text(const cell& c);

class sheet {
public:
    explicit sheet(std::string name) : name_(std::move(name)) {}

    const std::string& name() const { return name_; }
    std::size_t row_count() const { return rows_.size(); }
    // The widest row's column count.
    std::size_t column_count() const { return columns_; }
    // An empty cell outside the used range.
    const cell& at(std::size_t row, std::size_t column) const;
    void set(std::size_t row, std::size_t column, cell value);

private:
    std::string name_;
    std::vector<std::vector<cell>> rows_;
    std::size_t columns_ = 0;
};

struct document {
    std::string file;  // as given, for messages
    format kind = format::xlsx;
    std::vector<sheet> sheets;

    const sheet* find(std::string_view name) const;
    // "file.xlsx:Factors by Category!B17" for a 0-based row and column.
    std::string where(const sheet& s, std::size_t row, std::size_t column) const;
};

// "B17" for row 16, column 1 (0-based); columns run A..Z, AA..
std::string cell_reference(std::size_t row, std::size_t column);
// "B" for column 1.
std::string column_letters(std::size_t column);

// Reads every sheet. Throws parse_error naming the file when it is not a readable workbook.
document read(const std::filesystem::path& file);

}  // namespace carbontrack::workbook
