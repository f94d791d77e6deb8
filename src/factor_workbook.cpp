// DESNZ's conversion-factor workbooks as published: the flat files (one long table, 2016-2025 header
// variants) and the condensed set (a sheet per category, tables with their own headers), read cell by cell.
#include "carbontrack/factors.hpp"

#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/workbook.hpp"
#include "factor_workbook.hpp"
#include "text.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace carbontrack {
namespace {

using workbook::cell_text;

using desnz::gas_of;
using desnz::trimmed;

std::string number_text(double value) { return cell_text(workbook::cell{workbook::cell_kind::number, {}, value}); }

// The factor year from a "GHG Conversion Factor 2023" heading.
std::optional<int> year_of_heading(std::string_view heading) {
    constexpr std::string_view prefix = "GHG Conversion Factor ";
    if (!heading.starts_with(prefix)) return std::nullopt;
    auto value = csv::parse_number(heading.substr(prefix.size()));
    if (!value || *value < 1990 || *value > 2100) return std::nullopt;
    return static_cast<int>(*value);
}

// The value right of a label such as "Version:" or "Year:" on a cover or sheet header, searched in the
// first rows of a sheet; the first label with a non-empty neighbour wins.
std::optional<std::string> labelled_value(const workbook::sheet& s, std::string_view label, std::size_t rows = 30) {
    for (std::size_t r = 0; r < std::min(rows, s.row_count()); ++r)
        for (std::size_t c = 0; c + 1 < s.column_count(); ++c)
            if (trimmed(s.at(r, c)) == label) {
                std::string value = trimmed(s.at(r, c + 1));
                if (!value.empty()) return value;
            }
    return std::nullopt;
}

std::string version_of(const workbook::document& doc) {
    for (const auto& s : doc.sheets)
        if (auto v = labelled_value(s, "Version:")) return *v;
    return {};
}

struct flat_columns {
    std::size_t header_row = 0;
    int year = 0;
    std::optional<std::size_t> scope, uom, ghg, value, column_text;
    std::vector<std::size_t> levels;  // Level 1..4
};

// The header row of a flat file: Scope, Level 1-4, Column Text, UOM, GHG (or GHG/Unit) and the
// "GHG Conversion Factor YYYY" value column; "UOM (simple)", "Lookup" and "ID" are ignored.
std::optional<flat_columns> find_flat_header(const workbook::sheet& s) {
    for (std::size_t r = 0; r < std::min<std::size_t>(40, s.row_count()); ++r) {
        flat_columns found;
        found.header_row = r;
        for (std::size_t c = 0; c < s.column_count(); ++c) {
            const std::string name = trimmed(s.at(r, c));
            if (name == "Scope") found.scope = c;
            else if (name.starts_with("Level ") && name.size() == 7) found.levels.push_back(c);
            else if (name == "Column Text") found.column_text = c;
            else if (name == "UOM") found.uom = c;
            else if (name == "GHG" || name == "GHG/Unit") found.ghg = c;
            else if (auto year = year_of_heading(name)) {
                found.value = c;
                found.year = *year;
            }
        }
        if (found.scope && found.uom && found.ghg && found.value && found.levels.size() == 4) return found;
    }
    return std::nullopt;
}

void note_skip(factor_file& result, const std::string& reason) {
    ++result.rows_without_value;
    ++result.skipped[reason];
}

// A value cell's number; a number stored as text counts. nullopt for other text.
std::optional<double> value_of(const workbook::cell& c) {
    if (c.kind == workbook::cell_kind::number) return c.number;
    if (c.kind == workbook::cell_kind::text) return csv::parse_number(c.text);
    return std::nullopt;
}

void check_value(const workbook::document& doc, const workbook::sheet& s, std::size_t r, std::size_t c, double value,
                 std::vector<parse_error>& errors) {
    if (value < 0) errors.emplace_back(doc.where(s, r, c), 0, "a conversion factor cannot be negative (" + cell_text(s.at(r, c)) + ")");
}

void read_flat_sheet(const workbook::document& doc, const workbook::sheet& s, const flat_columns& cols, const std::string& source,
                     factor_file& result, std::vector<parse_error>& errors) {
    for (std::size_t r = cols.header_row + 1; r < s.row_count(); ++r) {
        const std::string scope = trimmed(s.at(r, *cols.scope));
        const std::string level_1 = trimmed(s.at(r, cols.levels[0]));
        if (scope == "END" || level_1 == "END") {
            note_skip(result, "END marker row");
            continue;
        }
        std::vector<std::string> parts;
        for (const auto c : cols.levels) parts.push_back(trimmed(s.at(r, c)));
        if (cols.column_text) parts.push_back(trimmed(s.at(r, *cols.column_text)));
        const std::string name = level_path(parts);
        const auto& value_cell = s.at(r, *cols.value);
        if (name.empty() && scope.empty()) {
            if (!value_cell.empty()) errors.emplace_back(doc.where(s, r, *cols.value), 0, "a value with no scope or level path");
            continue;  // a blank spacer row is not a factor row
        }
        if (value_cell.empty()) {
            note_skip(result, "no published value (blank cell)");
            continue;
        }
        const auto value = value_of(value_cell);
        if (!value) {
            const std::string shown = trimmed(value_cell);
            // DESNZ writes a bound ("< 1") or a pointer to another table ("UK electricity for Evs", 2020)
            // where it publishes no figure; both are counted by their text, never read as a number.
            note_skip(result, shown.starts_with('<') ? "a bound ('" + shown + "'), not a value" : "text in place of a value ('" + shown + "')");
            continue;
        }
        factor_record record;
        record.year = cols.year;
        record.name = name;
        record.scope = scope;
        record.unit = trimmed(s.at(r, *cols.uom));
        record.gas = gas_of(trimmed(s.at(r, *cols.ghg)));
        record.kg_per_unit = *value;
        record.source = source;
        record.line = r + 1;
        if (record.unit.empty()) errors.emplace_back(doc.where(s, r, *cols.uom), 0, "the unit is empty");
        if (record.gas.empty()) errors.emplace_back(doc.where(s, r, *cols.ghg), 0, "the gas is empty");
        check_value(doc, s, r, *cols.value, *value, errors);
        result.factors.push_back(std::move(record));
    }
}

}  // namespace

std::string desnz::trimmed(const workbook::cell& c) { return text::collapse_spaces(cell_text(c)); }

std::string desnz::gas_of(std::string_view ghg_unit) {
    std::string text = text::collapse_spaces(ghg_unit);
    if (text.ends_with(" per unit")) text.resize(text.size() - 9);
    if (text.starts_with("kg CO2e of ")) return text.substr(11);
    if (text.starts_with("kg ")) return text.substr(3);
    return text;
}

factor_file read_factor_workbook(const std::filesystem::path& file) {
    const auto doc = workbook::read(file);
    factor_file result{factor_layout::flat, {}, 0, {}, version_of(doc), {}};
    std::vector<parse_error> errors;
    const std::string file_name = file.filename().string();
    bool recognised = false;
    for (const auto& s : doc.sheets) {
        const auto cols = find_flat_header(s);
        if (!cols) continue;
        recognised = true;
        std::string source = "DESNZ " + std::to_string(cols->year) + " flat file";
        if (!result.version.empty()) source += " v" + result.version;
        read_flat_sheet(doc, s, *cols, source + " (" + file_name + ")", result, errors);
    }
    if (!recognised) {
        result.layout = factor_layout::condensed;
        recognised = desnz::read_condensed_set(doc, file_name, result, errors);
    }
    if (!recognised)
        throw parse_error(doc.file, 0,
                          "not a DESNZ conversion-factor workbook: no sheet has the flat file's header (Scope, Level 1-4, UOM, GHG/Unit, "
                          "GHG Conversion Factor YYYY) and no sheet is a condensed-set table (Activity ..., Unit, kg CO2e)");
    // Factors repeated within one workbook: the same figure twice is one factor; two figures are an error.
    std::map<std::tuple<int, std::string, std::string, std::string>, std::size_t> first;
    std::vector<factor_record> unique;
    for (auto& f : result.factors) {
        auto [it, inserted] = first.emplace(std::tuple{f.year, f.name, f.unit, f.gas}, unique.size());
        if (inserted) {
            unique.push_back(std::move(f));
        } else if (unique[it->second].kg_per_unit == f.kg_per_unit) {
            note_skip(result, "repeats an identical row");
        } else {
            errors.emplace_back(doc.file, f.line,
                                "the " + std::to_string(f.year) + " factor '" + f.name + "' per " + f.unit + " (" + f.gas + ") appears with two values, " +
                                    number_text(unique[it->second].kg_per_unit) + " (row " + std::to_string(unique[it->second].line) +
                                    ") and " + number_text(f.kg_per_unit));
        }
    }
    result.factors = std::move(unique);
    if (!errors.empty()) throw import_errors(std::move(errors));
    if (result.factors.empty()) throw parse_error(doc.file, 0, "the workbook has no factors with a value");
    return result;
}

}  // namespace carbontrack
