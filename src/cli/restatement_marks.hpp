// How listings show restated figures, so a reader (and the report) can tell them from first-reported ones.
#pragma once

#include "carbontrack/inventory.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace carbontrack::cli {

// {"id", "reason", "applied_at", "first_reported_tco2e", "first_reported_kg_co2e_per_unit"}, or null.
nlohmann::json restatement_json(const std::optional<restatement_mark>& mark);
// "restated 2025-03-14: REASON", or empty.
std::string restatement_label(const std::optional<restatement_mark>& mark);
// The distinct restatements behind a period's figures, as JSON objects (an empty array when none).
nlohmann::json period_restatements_json(const std::vector<inventory_entry>& entries, const period& when);
// Labels of the distinct restatements behind a period's figures, joined with "; ".
std::string period_restatements_label(const std::vector<inventory_entry>& entries, const period& when);

}  // namespace carbontrack::cli
