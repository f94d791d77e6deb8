// The DESNZ condensed set: one sheet per category, each with tables whose header row names the level
// columns, "Unit" and the kg CO2e columns; a group heading above (With RF, Diesel) joins the path as column text.
#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/factors.hpp"
#include "carbontrack/workbook.hpp"
#include "factor_workbook.hpp"

#include <algorithm>
#include <optional>

namespace carbontrack {
namespace {

using workbook::cell_text;
using desnz::trimmed;

std::optional<std::string> labelled(const workbook::sheet& s, std::string_view label) {
    for (std::size_t r = 0; r < std::min<std::size_t>(12, s.row_count()); ++r)
        for (std::size_t c = 0; c + 1 < s.column_count(); ++c)
            if (trimmed(s.at(r, c)) == label && !trimmed(s.at(r, c + 1)).empty()) return trimmed(s.at(r, c + 1));
    return std::nullopt;
}

struct table {
    std::size_t header_row = 0;
    std::size_t unit_column = 0;
    std::vector<std::size_t> level_columns;
    struct value_column {
        std::size_t column;
        std::string gas;
        std::string group;  // "With RF", "Diesel", or empty
    };
    std::vector<value_column> values;
};

std::optional<table> table_at(const workbook::sheet& s, std::size_t r) {
    table t;
    t.header_row = r;
    bool has_unit = false;
    for (std::size_t c = 0; c < s.column_count(); ++c) {
        const std::string name = trimmed(s.at(r, c));
        if (name == "Unit") {
            t.unit_column = c;
            has_unit = true;
        } else if (name.starts_with("kg CO2e")) {
            t.values.push_back({c, desnz::gas_of(name), {}});
        }
    }
    if (!has_unit || t.values.empty()) return std::nullopt;
    for (std::size_t c = 0; c < t.unit_column; ++c)
        if (!trimmed(s.at(r, c)).empty()) t.level_columns.push_back(c);
    // A group heading sits in the row above, over the first of its columns; notes there are long sentences.
    if (r > 0) {
        std::string group;
        for (std::size_t c = t.values.front().column, v = 0; c <= t.values.back().column; ++c) {
            const std::string above = trimmed(s.at(r - 1, c));
            if (!above.empty() && above.size() < 60) group = above;
            if (v < t.values.size() && t.values[v].column == c) t.values[v++].group = group;
        }
    }
    return t;
}

}  // namespace

bool desnz::read_condensed_set(const workbook::document& doc, const std::string& file_name, factor_file& result, std::vector<parse_error>& errors) {
    bool recognised = false;
    for (const auto& s : doc.sheets) {
        const auto scope = labelled(s, "Scope:");
        const auto year_text = labelled(s, "Year:");
        if (!scope || !year_text) continue;
        const auto year = csv::parse_number(*year_text);
        if (!year || *year < 1990 || *year > 2100) continue;
        std::string source = "DESNZ " + *year_text + " condensed set";
        if (!result.version.empty()) source += " v" + result.version;
        source += " (" + file_name + ")";
        std::optional<table> current;
        std::vector<std::string> carried;
        for (std::size_t r = 0; r < s.row_count(); ++r) {
            if (auto header = table_at(s, r)) {
                current = std::move(header);
                carried.assign(current->level_columns.size(), {});
                recognised = true;
                continue;
            }
            if (!current) continue;
            const std::string unit = trimmed(s.at(r, current->unit_column));
            bool any_level = false;
            for (std::size_t i = 0; i < current->level_columns.size(); ++i) {
                const std::string level = trimmed(s.at(r, current->level_columns[i]));
                if (level.empty()) continue;
                any_level = true;
                carried[i] = level;
                std::fill(carried.begin() + static_cast<std::ptrdiff_t>(i) + 1, carried.end(), std::string());
            }
            if (unit.empty()) {
                if (!any_level) current.reset();  // a blank row or the notes under a table end it
                continue;
            }
            std::vector<std::string> levels{s.name()};
            for (const auto& level : carried) levels.push_back(level);
            for (const auto& v : current->values) {
                const auto& value_cell = s.at(r, v.column);
                std::vector<std::string> path = levels;
                if (!v.group.empty()) path.push_back(v.group);
                if (value_cell.empty()) {
                    ++result.rows_without_value;
                    ++result.skipped["no published value (blank cell)"];
                    continue;
                }
                std::optional<double> value = value_cell.kind == workbook::cell_kind::number ? std::optional(value_cell.number)
                                                                                            : csv::parse_number(value_cell.text);
                if (!value) {
                    const std::string shown = trimmed(value_cell);
                    if (shown.starts_with('<')) {
                        ++result.rows_without_value;
                        ++result.skipped["a bound ('" + shown + "'), not a value"];
                    } else {
                        errors.emplace_back(doc.where(s, r, v.column), 0, "'" + shown + "' is not a number");
                    }
                    continue;
                }
                if (*value < 0) {
                    errors.emplace_back(doc.where(s, r, v.column), 0, "a conversion factor cannot be negative (" + cell_text(value_cell) + ")");
                    continue;
                }
                factor_record record;
                record.year = static_cast<int>(*year);
                record.name = level_path(path);
                record.unit = unit;
                record.gas = v.gas;
                record.kg_per_unit = *value;
                record.scope = *scope;
                record.source = source;
                record.line = r + 1;
                result.factors.push_back(std::move(record));
            }
        }
    }
    return recognised;
}

}  // namespace carbontrack
