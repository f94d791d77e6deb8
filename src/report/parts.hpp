// What the report's section builders share: the inputs read once from the store, the targets'
// assessments (sections 1 and 4 both show them) and the one display policy for cells.
#pragma once

#include "carbontrack/app/assessment.hpp"
#include "carbontrack/area.hpp"
#include "carbontrack/report.hpp"
#include "carbontrack/store.hpp"
#include "carbontrack/summary.hpp"
#include "carbontrack/target.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack::report {

struct inputs {
    const store& db;
    organisation org;
    options chosen;
    period when;
    std::vector<inventory_entry> entries;  // the organisation's rows up to and including `when`
    reporting_boundary boundary;           // the organisation's; every total follows the one rule
    std::vector<period> recent;            // the five periods ending at `when`, oldest first, with or without data
    std::vector<target> targets;
};

struct assessed_target {
    target goal;
    app::progress_view view;
    std::optional<chart::spec> chart;  // the trajectory, when the target could be assessed
};

// Every target of the organisation, own-operations series cut at the report period.
std::vector<assessed_target> assess_targets(const inputs& in);
// One sentence per target: "NAME — 64% below 2016/17 by 2024/25: amber — 58.0% achieved by 2023/24, needs −9.1% a year."
std::string rag_sentence(const assessed_target& a);

section summary_section(const inputs& in, const std::vector<assessed_target>& targets);
section scopes_and_sources_section(const inputs& in);
section what_changed_section(const inputs& in);
section targets_section(const inputs& in, const std::vector<assessed_target>& targets);
// Appends what it read from the area release to `canonical` (the inputs the hash covers).
section area_section(const inputs& in, std::string& canonical);
section indicators_section(const inputs& in);
section methodology_section(const inputs& in);

// The organisation's inventory, targets, indicators and the options, as canonical text.
std::string canonical_inputs(const inputs& in);

// ---- Cells: one display policy (tonnes to one decimal, per cents to one decimal, U+2212 minus) ----

std::string number_text(double value, int decimals = 1);
std::string signed_number_text(double value, int decimals = 1);  // "+1.2" / "−1.2"
std::string signed_percent_text(double value);                   // "+1.2%" / "−1.2%"
cell text_cell(std::string text);
cell number_cell(std::optional<double> value, int decimals = 1, std::string missing = "no data");
cell signed_cell(std::optional<double> value, int decimals = 1, std::string missing = "–");
cell percent_cell(std::optional<double> value, std::string missing = "–");

// tCO2e as a plain number, where a figure leaves the type system for display.
double tonnes(units::co2e_mass mass);

// A financial year's first and last days as "1 April 2023" and "31 March 2024".
std::string long_date(date::year_month_day day);

}  // namespace carbontrack::report
