#include "carbontrack/inventory.hpp"

#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "io/csv_reader.hpp"
#include "text.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <tuple>

namespace carbontrack {
namespace {

constexpr std::array<std::string_view, 10> inventory_columns{"period", "scope",   "source",  "activity", "unit",
                                                             "factor", "tco2e",   "quality", "note",     "source_url"};
// Plausibility bounds: the UK as a whole emits about 400 Mt CO2e a year and uses about 300 TWh of
// electricity, so one council row beyond these is a typing or export error (and near double's limit
// a unit conversion would overflow to infinity).
constexpr double max_tco2e = 1e9;
constexpr double max_activity = 1e12;  // in the row's own unit: 1e12 kWh is 1,000 TWh

enum column : std::size_t { period_col, scope_col, source_col, activity_col, unit_col, factor_col, tco2e_col, quality_col, note_col, url_col };

std::optional<int> parse_scope(std::string_view text) {
    std::string lowered = text::lower(std::string(text::trim(text)));
    if (lowered.starts_with("scope")) lowered = std::string(text::trim(std::string_view(lowered).substr(5)));
    if (lowered == "1") return 1;
    if (lowered == "2") return 2;
    if (lowered == "3") return 3;
    return std::nullopt;
}

std::optional<double> read_amount(std::string_view cell, std::string_view column, double limit, std::size_t line, error_collector& errors) {
    if (text::trim(cell).empty()) return std::nullopt;
    auto value = csv::parse_number(cell);
    if (!value) {
        errors.add(line, csv::number_problem(cell), std::string(column));
        return std::nullopt;
    }
    if (*value < 0) {
        errors.add(line, "a negative amount (" + std::string(text::trim(cell)) + ") is not allowed; record reductions as lower figures", std::string(column));
        return std::nullopt;
    }
    if (*value > limit) {
        errors.add(line, csv::magnitude_problem(cell, "one inventory row", limit, "more than any council could report"), std::string(column));
        return std::nullopt;
    }
    return value;
}

std::string year_list(const std::vector<int>& years) {
    if (years.empty()) return "none; run 'carbontrack factors import' first";
    auto [low, high] = std::minmax_element(years.begin(), years.end());
    return std::to_string(*low) + "-" + std::to_string(*high);
}

// The row's own fields, before any figure is computed.
inventory_entry uncosted_entry(const inventory_input& row, const std::string& input_file) {
    inventory_entry entry;
    entry.when = row.when;
    entry.scope = row.scope;
    entry.source = row.source;
    entry.site = row.site;
    entry.quality = row.quality;
    entry.note = row.note;
    entry.source_url = row.source_url;
    entry.input_file = input_file;
    entry.input_line = row.line;
    return entry;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

}  // namespace

std::string_view to_string(quality_flag q) {
    switch (q) {
        case quality_flag::measured: return "measured";
        case quality_flag::estimated: return "estimated";
        case quality_flag::published: return "published";
        case quality_flag::unspecified: break;
    }
    return "";
}

std::optional<quality_flag> parse_quality(std::string_view text) {
    std::string lowered = text::lower(std::string(text::trim(text)));
    if (lowered.empty()) return quality_flag::unspecified;
    if (lowered == "measured") return quality_flag::measured;
    if (lowered == "estimated") return quality_flag::estimated;
    if (lowered == "published") return quality_flag::published;
    return std::nullopt;
}

bool inventory_entry::same_identity(const inventory_entry& other) const {
    auto factor_name = [](const inventory_entry& e) { return e.factor ? e.factor->name : std::string(); };
    return when == other.when && scope == other.scope && source == other.source && factor_name(*this) == factor_name(other);
}

bool inventory_entry::same_content(const inventory_entry& other) const {
    if (!same_identity(other) || activity_unit != other.activity_unit || quality != other.quality) return false;
    if (activity_amount.has_value() != other.activity_amount.has_value()) return false;
    if (activity_amount && !near(*activity_amount, *other.activity_amount)) return false;
    return near(in(emissions, units::kilogram_co2e), in(other.emissions, units::kilogram_co2e));
}

void validate(const inventory_input& row, error_collector& errors) {
    const bool is_total = row.source == reported_total_source;
    const bool has_activity = row.activity_amount || !row.activity_unit.empty() || !row.factor_name.empty();
    if (row.source.empty()) errors.add(row.line, "the source is empty", "source");
    if (is_total && row.scope) errors.add(row.line, "a reported total has a blank scope", "scope");
    if (!is_total && !row.scope) errors.add(row.line, "scope must be 1, 2 or 3 (blank only for a reported Total)", "scope");
    if (is_total && has_activity) errors.add(row.line, "a reported total is a tCO2e figure, not an activity", "activity");
    if (has_activity && row.tco2e)
        errors.add(row.line, "give either activity, unit and factor, or tco2e, not both", "tco2e");
    if (!has_activity && !row.tco2e) errors.add(row.line, "the row has neither an activity nor a tco2e figure", "tco2e");
    if (has_activity) {
        if (!row.activity_amount) errors.add(row.line, "the activity amount is missing", "activity");
        if (row.activity_unit.empty()) errors.add(row.line, "the activity unit is missing", "unit");
        else if (!units::parse_unit(row.activity_unit))
            errors.add(row.line, "unknown unit '" + row.activity_unit + "' (try kWh, MWh, GWh, litres, m3, km, miles, tonnes)", "unit");
        if (row.factor_name.empty()) errors.add(row.line, "the factor is missing", "factor");
    }
}

std::vector<inventory_input> read_inventory_csv(const std::filesystem::path& file) {
    csv::table_reader<10> reader(file, inventory_columns, 9);
    error_collector errors(reader.file_name());
    std::vector<inventory_input> rows;
    csv::table_reader<10>::row cells;
    while (reader.next(cells, errors)) {
        inventory_input row;
        row.line = reader.line();
        const std::size_t before = errors.size();
        if (auto when = try_parse_period(cells[period_col])) row.when = *when;
        else errors.add(row.line, period_problem(cells[period_col]), "period");
        if (!text::trim(cells[scope_col]).empty()) {
            row.scope = parse_scope(cells[scope_col]);
            if (!row.scope) errors.add(row.line, "scope must be 1, 2 or 3, not '" + std::string(cells[scope_col]) + "'", "scope");
        }
        row.source = text::collapse_spaces(cells[source_col]);
        if (text::lower(row.source) == "total") row.source = reported_total_source;
        row.activity_amount = read_amount(cells[activity_col], "activity", max_activity, row.line, errors);
        row.activity_unit = text::collapse_spaces(cells[unit_col]);
        row.factor_name = text::collapse_spaces(cells[factor_col]);
        row.tco2e = read_amount(cells[tco2e_col], "tco2e", max_tco2e, row.line, errors);
        if (auto quality = parse_quality(cells[quality_col])) row.quality = *quality;
        else errors.add(row.line, "quality must be measured, estimated or published, not '" + std::string(cells[quality_col]) + "'", "quality");
        row.note = text::trim(cells[note_col]);
        if (reader.has(url_col)) row.source_url = text::trim(cells[url_col]);
        // Field-level problems already explain the row; cross-field checks would only repeat them.
        if (errors.size() == before) validate(row, errors);
        rows.push_back(std::move(row));
    }
    if (rows.empty() && errors.empty()) errors.add(1, "the file has a header but no rows");
    errors.throw_if_any();
    return rows;
}

std::vector<inventory_entry> cost_inventory(const std::vector<inventory_input>& rows, const factor_lookup& lookup,
                                            const std::string& input_file, error_collector& errors) {
    std::vector<inventory_entry> entries;
    entries.reserve(rows.size());
    for (const auto& row : rows) {
        inventory_entry entry = uncosted_entry(row, input_file);
        if (row.tco2e) {
            entry.emissions = *row.tco2e * units::tonne_co2e;
            entries.push_back(std::move(entry));
            continue;
        }
        const int year = row.when.factor_year();
        const auto unit = units::parse_unit(row.activity_unit);
        if (!unit || !row.activity_amount) continue;  // validate() has reported it
        if (std::find(lookup.loaded_years.begin(), lookup.loaded_years.end(), year) == lookup.loaded_years.end()) {
            errors.add(row.line, row.when.label() + " uses the " + std::to_string(year) + " factor set, which is not loaded (loaded: " +
                                     year_list(lookup.loaded_years) + "); carbontrack will not guess a factor from another year",
                       "factor");
            continue;
        }
        const auto candidates = lookup.named(year, row.factor_name);
        if (candidates.empty()) {
            errors.add(row.line, "unknown factor '" + row.factor_name + "' in the " + std::to_string(year) +
                                     " factor set (see 'carbontrack factors list --year " + std::to_string(year) + "')",
                       "factor");
            continue;
        }
        const auto chosen = choose_factor(candidates, *unit);
        if (!chosen) {
            std::string offered;
            for (const auto& c : candidates)
                if (c.is_co2e()) offered += (offered.empty() ? "" : ", ") + c.unit;
            errors.add(row.line, "the unit '" + row.activity_unit + "' does not fit the factor '" + row.factor_name +
                                     "', which is quoted per " + (offered.empty() ? "no CO2e unit" : offered),
                       "unit");
            continue;
        }
        const auto activity = units::make_activity(*row.activity_amount, *unit);
        entry.activity_amount = row.activity_amount;
        entry.activity_unit = row.activity_unit;
        entry.factor = factor_provenance{chosen->year, chosen->name, chosen->unit, chosen->kg_per_unit, chosen->source};
        entry.emissions = units::emissions(activity, typed_factor(*chosen));
        if (const double tonnes = in(entry.emissions, units::tonne_co2e); !(tonnes <= max_tco2e)) {
            char shown[32];
            std::snprintf(shown, sizeof shown, "%g tCO2e", tonnes);
            errors.add(row.line, csv::magnitude_problem(shown, "one inventory row", max_tco2e, "check the activity amount and its unit"), "activity");
            continue;
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

void check_duplicate_rows(const std::vector<inventory_entry>& entries, error_collector& errors) {
    std::map<std::tuple<int, int, int, std::string, std::string>, std::size_t> first_line;
    for (const auto& e : entries) {
        auto key = std::tuple{static_cast<int>(e.when.kind()), e.when.start_year(), e.scope.value_or(0), e.source,
                              e.factor ? e.factor->name : std::string()};
        auto [it, inserted] = first_line.emplace(key, e.input_line);
        if (!inserted)
            errors.add(e.input_line, "duplicate row: " + e.when.label() + " " + e.source + (e.factor ? " (" + e.factor->name + ")" : "") +
                                         " already appears on line " + std::to_string(it->second));
    }
}

}  // namespace carbontrack
