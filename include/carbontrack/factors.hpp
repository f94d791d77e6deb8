// A DESNZ conversion factor is kg of a gas per unit of activity, published once a year. Its
// identity is (factor year, name, unit, gas): a name is a short key or the DESNZ level path.
#pragma once

#include "carbontrack/units.hpp"

#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace carbontrack {

struct factor_record {
    int year = 0;
    std::string name;   // "uk_electricity_generated" or "UK electricity > Electricity generated > Electricity: UK"
    std::string unit;   // as DESNZ prints it: "kWh", "kWh (Gross CV)", "litres", "miles"
    std::string gas;    // "CO2e", "CO2", "CH4", "N2O" (SECR rows carry "kWh (Net CV)")
    double kg_per_unit = 0;
    std::string scope;  // "Scope 2", or empty when the layout does not say
    std::string source; // how the figure was extracted, e.g. "official-flat-file"
    std::size_t line = 0;

    bool is_co2e() const { return gas == "CO2e"; }
};

// The typed factor for computing emissions; throws data_error when the unit is not one carbontrack
// can compute with (DESNZ's "Room per night", say).
units::any_emission_factor typed_factor(const factor_record& f);

// A short name standing for a DESNZ level path in one factor year: key names such as
// uk_electricity_generated are aliases, so a factor named either way is the same stored factor.
struct factor_alias {
    std::string alias;
    int year = 0;
    std::string level_path;
    std::size_t line = 0;
};

enum class factor_layout { key, flat, condensed, aliases };

struct factor_file {
    factor_layout layout;
    std::vector<factor_record> factors;
    // Rows DESNZ publishes without a usable value (blank cells, "< 1", the END marker); skipped, counted.
    std::size_t rows_without_value = 0;
    // The same rows by reason ("no published value (blank cell)": 2071), for workbooks.
    std::map<std::string, std::size_t> skipped;
    // The DESNZ workbook's own version ("1.1", from its cover), empty for CSV files.
    std::string version;
    // layout == aliases only: the alias file's rows.
    std::vector<factor_alias> aliases;
};

// Reads a DESNZ workbook as published (.xlsx or .xls, detected by content) or either CSV layout
// (detected from the header), validating every row; throws import_errors with every bad line or cell
// (workbook cells located as FILE:SHEET!B17), or parse_error for an unknown layout.
factor_file read_factor_file(const std::filesystem::path& file);

// The workbook half of read_factor_file: the flat files 2016-2025 (every header variant) and the
// condensed set, each numeric cell at full precision, every other row counted in `skipped`.
factor_file read_factor_workbook(const std::filesystem::path& file);

// "Fuels > Gaseous fuels > Natural gas > Energy - Gross CV": DESNZ levels 1-4 and the column text.
std::string level_path(const std::vector<std::string>& levels);

// Picks, among factors of one year and name, the CO2e factor whose unit an activity in
// `activity_unit` can be costed with (GWh fits "kWh (Gross CV)"). nullopt when none fits.
std::optional<factor_record> choose_factor(const std::vector<factor_record>& candidates, const units::unit_spec& activity_unit);

}  // namespace carbontrack
