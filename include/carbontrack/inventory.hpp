// A council's own-operations inventory: one row per period, scope, source and factor. A row is either
// an activity costed with a DESNZ factor (factor-year rule) or a tCO2e figure as published or measured.
#pragma once

#include "carbontrack/correction.hpp"
#include "carbontrack/factors.hpp"
#include "carbontrack/period.hpp"
#include "carbontrack/units.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace carbontrack {

class error_collector;

// The source name that marks a reported period total (with a blank scope).
inline constexpr std::string_view reported_total_source = "Total";

// Quality of a value as shown in reports; empty when the input did not say.
enum class quality_flag { unspecified, measured, estimated, published };
std::string_view to_string(quality_flag q);
std::optional<quality_flag> parse_quality(std::string_view text);

// A row as typed by a user, before it is costed.
struct inventory_input {
    std::size_t line = 0;
    period when = calendar_year{1900};
    std::optional<int> scope;  // 1, 2 or 3; none only for a reported total
    std::string source;
    std::string site;  // a building, depot or meter; empty when the source is not split by site
    std::optional<double> activity_amount;
    std::string activity_unit;
    std::string factor_name;
    std::optional<double> tco2e;
    quality_flag quality = quality_flag::unspecified;
    std::string note;
    std::string source_url;
};

// Which factor produced a computed figure; kept with the figure so later factor imports never change it.
struct factor_provenance {
    int year = 0;
    std::string name;
    std::string unit;
    double kg_co2e_per_unit = 0;
    std::string source;
};

// Marks a figure an explicit restatement replaced (restate.hpp): which, when, why, and what was first reported.
struct restatement_mark {
    std::int64_t id = 0;
    std::string reason;
    std::string applied_at;  // UTC, ISO-8601
    units::co2e_mass first_reported;
    double first_reported_kg_co2e_per_unit = 0;
    double restated_kg_co2e_per_unit = 0;  // the factor value the latest restatement set
};

// A costed row, as stored.
struct inventory_entry {
    std::int64_t id = 0;  // the stored row's stable id; 0 before it is stored
    period when = calendar_year{1900};
    std::optional<int> scope;
    std::string source;
    std::string site;  // empty when the source is not split by site
    std::optional<double> activity_amount;  // in activity_unit
    std::string activity_unit;
    std::optional<factor_provenance> factor;
    units::co2e_mass emissions;
    quality_flag quality = quality_flag::unspecified;
    std::string note;
    std::string source_url;
    std::string input_file;
    std::size_t input_line = 0;
    std::optional<restatement_mark> restated;  // set only on a figure a restatement replaced
    std::optional<correction_mark> corrected;  // set only on a row a user corrected

    bool is_reported_total() const { return !scope && source == reported_total_source; }
    // The identity a re-import matches on: period, scope, source and factor.
    bool same_identity(const inventory_entry& other) const;
    // Same identity and the same figures (a re-import of an unchanged row).
    bool same_content(const inventory_entry& other) const;
};

// Reads the own-operations CSV (period,scope,source,activity,unit,factor,tco2e,quality,note[,source_url]),
// checking every row; throws import_errors listing every bad line.
std::vector<inventory_input> read_inventory_csv(const std::filesystem::path& file);

// Checks one row's fields (scope, source, activity vs tco2e); adds problems to `errors`.
void validate(const inventory_input& row, error_collector& errors);

// Where costing finds its factors: all factors of a year with a given name (any unit or gas), and
// which factor years are loaded at all, so "no 2013 factors" and "no such factor" read differently.
struct factor_lookup {
    std::function<std::vector<factor_record>(int year, const std::string& name)> named;
    std::vector<int> loaded_years;
};

// Costs each row: activity x the factor of the period's factor year, or the tCO2e as given.
// Problems (unknown factor, factor year not loaded, unit that does not fit) go to `errors`.
std::vector<inventory_entry> cost_inventory(const std::vector<inventory_input>& rows, const factor_lookup& lookup,
                                            const std::string& input_file, error_collector& errors);

// Rows of one input that share an identity; each repeat is reported at its line.
void check_duplicate_rows(const std::vector<inventory_entry>& entries, error_collector& errors);

}  // namespace carbontrack
