#include "carbontrack/factors.hpp"

#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/workbook.hpp"
#include "io/csv_reader.hpp"
#include "text.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace carbontrack {
namespace {

// DESNZ's largest factors are about 28,000 kg CO2e per tonne of material and 25,000 per kg of
// refrigerant; a thousand-fold margin still catches a value typed in grams or a corrupt export.
constexpr double max_kg_per_unit = 1e6;

constexpr std::array<std::string_view, 6> key_columns{"factor_year", "factor", "unit", "ghg_unit", "value", "extracted_from"};
constexpr std::array<std::string_view, 11> flat_columns{"year",    "source_form", "scope",       "level_1", "level_2", "level_3",
                                                        "level_4", "column_text", "uom",         "gas",     "value"};

factor_layout detect_layout(const std::filesystem::path& file) {
    auto header = csv::read_header(file);
    auto has = [&](std::string_view name) { return std::find(header.begin(), header.end(), name) != header.end(); };
    if (has("alias") && has("level_path")) return factor_layout::aliases;
    if (has("factor_year") && has("factor")) return factor_layout::key;
    if (has("level_1") && has("uom") && has("gas")) return factor_layout::flat;
    throw parse_error(file.string(), 1,
                      "unknown factor file layout; expected a DESNZ workbook (.xlsx or .xls), the key CSV header "
                      "(factor_year,factor,unit,ghg_unit,value,...), the DESNZ flat-file header (year,source_form,scope,level_1,...,uom,gas,value) "
                      "or the alias header (alias,factor_year,level_path)");
}

std::optional<int> parse_factor_year(std::string_view text) {
    auto value = csv::parse_number(text);
    if (!value || *value != static_cast<double>(static_cast<int>(*value))) return std::nullopt;
    int year = static_cast<int>(*value);
    if (year < 1990 || year > 2100) return std::nullopt;
    return year;
}

// The gas of a key-CSV ghg_unit: "kg CO2e" -> "CO2e".
std::optional<std::string> gas_of_ghg_unit(std::string_view ghg_unit) {
    std::string text = text::collapse_spaces(ghg_unit);
    if (!text.starts_with("kg ")) return std::nullopt;
    return text.substr(3);
}

// Returns false (and records why) when the value is not a usable non-negative number.
bool parse_factor_value(std::string_view text, factor_record& record, error_collector& errors) {
    auto value = csv::parse_number(text);
    if (!value) {
        errors.add(record.line, csv::number_problem(text), "value");
        return false;
    }
    if (*value < 0) {
        errors.add(record.line, "a conversion factor cannot be negative (" + std::string(text) + ")", "value");
        return false;
    }
    if (*value > max_kg_per_unit) {
        errors.add(record.line, csv::magnitude_problem(text, "a conversion factor", max_kg_per_unit, "kg per unit, far above any DESNZ factor"),
                   "value");
        return false;
    }
    record.kg_per_unit = *value;
    return true;
}

void check_duplicates(const std::vector<factor_record>& factors, error_collector& errors) {
    std::map<std::tuple<int, std::string, std::string, std::string>, std::size_t> first_line;
    for (const auto& f : factors) {
        auto [it, inserted] = first_line.emplace(std::tuple{f.year, f.name, f.unit, f.gas}, f.line);
        if (!inserted)
            errors.add(f.line, "duplicate factor: " + std::to_string(f.year) + " '" + f.name + "' per " + f.unit + " (" + f.gas +
                                   ") already appears on line " + std::to_string(it->second));
    }
}

factor_file read_key_layout(const std::filesystem::path& file) {
    csv::table_reader<6> reader(file, key_columns, 5);
    error_collector errors(reader.file_name());
    factor_file result{factor_layout::key, {}, 0, {}, {}, {}};
    csv::table_reader<6>::row cells;
    while (reader.next(cells, errors)) {
        factor_record record;
        record.line = reader.line();
        auto year = parse_factor_year(cells[0]);
        if (!year) {
            errors.add(record.line, "'" + std::string(cells[0]) + "' is not a factor year (1990-2100)", "factor_year");
            continue;
        }
        record.year = *year;
        record.name = text::trim(cells[1]);
        record.unit = text::collapse_spaces(cells[2]);
        if (record.name.empty()) errors.add(record.line, "the factor name is empty", "factor");
        if (!units::parse_unit(record.unit))
            errors.add(record.line, "unknown unit '" + record.unit + "'", "unit");
        auto gas = gas_of_ghg_unit(cells[3]);
        if (!gas) {
            errors.add(record.line, "ghg_unit must be 'kg <gas>' such as 'kg CO2e', not '" + std::string(cells[3]) + "'", "ghg_unit");
            continue;
        }
        record.gas = *gas;
        record.source = reader.has(5) ? std::string(text::trim(cells[5])) : std::string("key CSV");
        if (!parse_factor_value(cells[4], record, errors) || record.name.empty()) continue;
        result.factors.push_back(std::move(record));
    }
    if (result.factors.empty() && errors.empty()) errors.add(1, "the file has a header but no factors with a value");
    check_duplicates(result.factors, errors);
    errors.throw_if_any();
    return result;
}

// The flat file is DESNZ's own: some cells are blank or "< 1" where no figure is published, and
// files end with an END row. Those are skipped and counted; anything else malformed is an error.
factor_file read_flat_layout(const std::filesystem::path& file) {
    csv::table_reader<11> reader(file, flat_columns, 11);
    error_collector errors(reader.file_name());
    factor_file result{factor_layout::flat, {}, 0, {}, {}, {}};
    csv::table_reader<11>::row cells;
    while (reader.next(cells, errors)) {
        factor_record record;
        record.line = reader.line();
        std::string_view value = text::trim(cells[10]);
        if (cells[2] == "END" || value.empty() || value.starts_with('<')) {
            ++result.rows_without_value;
            continue;
        }
        auto year = parse_factor_year(cells[0]);
        if (!year) {
            errors.add(record.line, "'" + std::string(cells[0]) + "' is not a factor year (1990-2100)", "year");
            continue;
        }
        record.year = *year;
        record.source = text::trim(cells[1]);
        record.scope = text::trim(cells[2]);
        record.name = level_path({std::string(cells[3]), std::string(cells[4]), std::string(cells[5]), std::string(cells[6]),
                                  std::string(cells[7])});
        record.unit = text::collapse_spaces(cells[8]);
        record.gas = text::collapse_spaces(cells[9]);
        if (record.name.empty()) errors.add(record.line, "all of level_1 to level_4 are empty", "level_1");
        if (record.unit.empty()) errors.add(record.line, "the unit is empty", "uom");
        if (record.gas.empty()) errors.add(record.line, "the gas is empty", "gas");
        if (!parse_factor_value(value, record, errors) || record.name.empty() || record.unit.empty() || record.gas.empty())
            continue;
        result.factors.push_back(std::move(record));
    }
    if (result.factors.empty() && errors.empty()) errors.add(1, "the file has a header but no factors with a value");
    check_duplicates(result.factors, errors);
    errors.throw_if_any();
    return result;
}

constexpr std::array<std::string_view, 3> alias_columns{"alias", "factor_year", "level_path"};

factor_file read_alias_layout(const std::filesystem::path& file) {
    csv::table_reader<3> reader(file, alias_columns, 3);
    error_collector errors(reader.file_name());
    factor_file result{factor_layout::aliases, {}, 0, {}, {}, {}};
    std::map<std::pair<std::string, int>, std::size_t> first_line;
    csv::table_reader<3>::row cells;
    while (reader.next(cells, errors)) {
        factor_alias alias{std::string(text::trim(cells[0])), 0, text::collapse_spaces(cells[2]), reader.line()};
        auto year = parse_factor_year(cells[1]);
        if (!year) {
            errors.add(alias.line, "'" + std::string(cells[1]) + "' is not a factor year (1990-2100)", "factor_year");
            continue;
        }
        alias.year = *year;
        if (alias.alias.empty()) errors.add(alias.line, "the alias is empty", "alias");
        if (alias.level_path.empty()) errors.add(alias.line, "the level path is empty", "level_path");
        if (alias.alias.empty() || alias.level_path.empty()) continue;
        if (auto [it, inserted] = first_line.emplace(std::pair{alias.alias, alias.year}, alias.line); !inserted) {
            errors.add(alias.line, "duplicate alias: '" + alias.alias + "' for " + std::to_string(alias.year) + " already appears on line " +
                                       std::to_string(it->second));
            continue;
        }
        result.aliases.push_back(std::move(alias));
    }
    if (result.aliases.empty() && errors.empty()) errors.add(1, "the file has a header but no aliases");
    errors.throw_if_any();
    return result;
}

}  // namespace

units::any_emission_factor typed_factor(const factor_record& f) {
    auto unit = units::parse_unit(f.unit);
    if (!unit) throw data_error("the factor '" + f.name + "' is quoted per '" + f.unit + "', a unit carbontrack cannot compute with");
    return units::make_factor(f.kg_per_unit, *unit);
}

factor_file read_factor_file(const std::filesystem::path& file) {
    if (workbook::detect_format(file)) return read_factor_workbook(file);
    switch (detect_layout(file)) {
        case factor_layout::key: return read_key_layout(file);
        case factor_layout::aliases: return read_alias_layout(file);
        default: return read_flat_layout(file);
    }
}

std::string level_path(const std::vector<std::string>& levels) {
    std::string path;
    for (const auto& level : levels) {
        std::string part = text::collapse_spaces(level);
        if (part.empty()) continue;
        if (!path.empty()) path += " > ";
        path += part;
    }
    return path;
}

std::optional<factor_record> choose_factor(const std::vector<factor_record>& candidates, const units::unit_spec& activity_unit) {
    // A factor quoted in the activity's own unit wins (miles pick the per-mile factor); otherwise any
    // factor of the same dimension serves after conversion (GWh against a per-kWh factor).
    std::optional<factor_record> converted;
    for (const auto& candidate : candidates) {
        if (!candidate.is_co2e()) continue;
        auto factor_unit = units::parse_unit(candidate.unit);
        if (!factor_unit || !units::fits(activity_unit, *factor_unit)) continue;
        if (factor_unit->canonical_per_unit == activity_unit.canonical_per_unit) return candidate;
        if (!converted) converted = candidate;
    }
    return converted;
}

}  // namespace carbontrack
