// How data leaves carbontrack: an aligned text table, RFC 4180 CSV or JSON. One display policy for
// numbers: tonnes to one decimal with thousands separators in tables; full precision in CSV and JSON.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack::output {

enum class format { table, csv, json };

// A rectangular result: column headings (with units) and rows of cells already rendered as text.
struct table {
    std::vector<std::string> headings;
    std::vector<bool> right_aligned;  // per column; numbers align right
    std::vector<std::vector<std::string>> rows;

    void add_column(std::string heading, bool numeric) {
        headings.push_back(std::move(heading));
        right_aligned.push_back(numeric);
    }
};

void write_table(std::ostream& out, const table& t);
void write_csv(std::ostream& out, const table& t);

// The ways carbontrack writes a number; every number it shows goes through format_number.
enum class number_style {
    grouped,   // "2,351.5": `decimals` fixed, with thousands separators, for people (tables, reports)
    fixed,     // "2351.5": `decimals` fixed, no separators (a year on an axis, a worked step)
    shortest,  // "1e+12", "64": printf's %g, for a limit or a percentage inside a message
    typed,     // "700000": up to 15 significant digits, a figure shown as someone typed it
    exact,     // the shortest text that reads back as the same double, for machines (CSV, JSON)
};
std::string format_number(double value, number_style style, int decimals = 1);

// The two styles most output uses.
inline std::string display_number(double value, int decimals = 1) { return format_number(value, number_style::grouped, decimals); }
inline std::string exact_number(double value) { return format_number(value, number_style::exact); }
// Quotes a CSV cell when it holds a comma, quote or newline.
std::string csv_cell(std::string_view text);

}  // namespace carbontrack::output
