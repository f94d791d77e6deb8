// The annual GHG report as a document: sections of paragraphs, tables and charts built from the store,
// then written as HTML, Markdown or Excel. The same database and options always give the same bytes.
#pragma once

#include "carbontrack/chart.hpp"
#include "carbontrack/period.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace carbontrack {

class store;
struct organisation;

namespace report {

// A table cell: the text a reader sees and, for a figure, the number behind it at full precision (the
// workbook stores that number; tests read it back). Text cells and "no data" cells have no value.
struct cell {
    std::string text;
    std::optional<double> value;
};

struct column {
    std::string heading;
    std::string unit;  // "tCO2e", "%"; empty for text columns
    bool numeric = false;
};

struct table {
    std::string name;     // short and unique in the document: the Excel sheet's name (at most 31 characters)
    std::string caption;  // what the table shows
    std::vector<column> columns;
    std::vector<std::vector<cell>> rows;
    std::vector<std::string> notes;  // printed under the table: what a mark or a gap means
};

struct figure {
    std::string name;  // file stem beside a Markdown report: "figure-1"
    std::string caption;
    chart::spec chart;
    bool half_width = false;  // small multiples (indicators) sit two to a row in HTML
};

struct paragraph {
    std::string text;
};

struct bullet_list {
    std::vector<std::string> items;
};

using block = std::variant<paragraph, bullet_list, table, figure>;

struct section {
    std::string title;
    std::vector<block> blocks;
};

struct document {
    std::string title;
    std::string organisation;
    std::string period;     // "2023/24"
    std::string date_line;  // "Dated 30 September 2024", or how the date was derived
    date::sys_days day;     // --date, else the period's last day: the workbook's creation date
    std::vector<section> sections;
    std::string inputs_sha256;  // hex digest of canonical_inputs
    std::string canonical_inputs;
};

struct options {
    std::optional<period> when;             // empty: the latest period with inventory data
    std::string title;                      // empty: "{organisation}: greenhouse gas emissions report {period}"
    std::string date;                       // YYYY-MM-DD; empty: derived from the data (the period's last day)
    std::string release;                    // area release; empty: the newest
    std::string area;                       // the area (county) of section 5; empty: the first area target's entity
    std::vector<std::string> comparators;   // empty: every other county council in the authority codes
};

// The latest period holding any inventory row of the organisation; throws data_error when there is none.
period latest_period_with_data(const store& db, const organisation& org);

// Reads everything the report needs and lays it out in the seven sections of issue 7.
document build(const store& db, const organisation& org, const options& chosen);

enum class file_format { html, markdown, xlsx };
// From the extension: .html/.htm, .md, .xlsx (any case); throws error naming the file otherwise.
file_format format_for(const std::filesystem::path& out);

// Writes the report. HTML inlines each chart's SVG; Markdown writes `{stem}-{figure}.svg` beside the
// file; the workbook has one sheet per table. Charts are drawn by gnuplot (chart::render_all).
void write(const document& doc, const std::filesystem::path& out);

// Escapes text for HTML element content and attribute values (& < > " ').
std::string html_escape(std::string_view text);

// The SHA-256 of `text`, as 64 lower-case hex digits (OpenSSL's EVP interface).
std::string sha256_hex(std::string_view text);

}  // namespace report
}  // namespace carbontrack
