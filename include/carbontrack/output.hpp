// How data leaves carbontrack: an aligned text table, RFC 4180 CSV or JSON. One display policy for
// numbers: tonnes to one decimal with thousands separators in tables; full precision in CSV and JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack::output {

enum class format { table, csv, json };

std::optional<format> parse_format(std::string_view text);

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

// "2,351.5": fixed decimals with thousands separators, for people.
std::string display_number(double value, int decimals = 1);
// Shortest text that reads back as the same double, for machines.
std::string exact_number(double value);
// Quotes a CSV cell when it holds a comma, quote or newline.
std::string csv_cell(std::string_view text);

}  // namespace carbontrack::output
