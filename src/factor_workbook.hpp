// Shared by the two DESNZ workbook readers (flat file, condensed set), private to the library:
// a cell's text as DESNZ means it, and the gas a "kg CO2e of CH4 per unit" heading names.
#pragma once

#include "carbontrack/error.hpp"
#include "carbontrack/factors.hpp"
#include "carbontrack/workbook.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace carbontrack::desnz {

// The cell's text with runs of white space collapsed and the ends trimmed.
std::string trimmed(const workbook::cell& c);

// "kg CO2e" -> CO2e; "kg CO2e of CH4 per unit" and "kg CH4" -> CH4. Anything else (the SECR rows'
// "kWh (Net CV)") is kept as the label it is, as the CSV reader did.
std::string gas_of(std::string_view ghg_unit);

// Adds the condensed set's category sheets to `result`; false when no sheet has a condensed table.
bool read_condensed_set(const workbook::document& doc, const std::string& file_name, factor_file& result, std::vector<parse_error>& errors);

}  // namespace carbontrack::desnz
