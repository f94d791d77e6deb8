// Section 7: how the figures were made: boundary, standard, conventions, every factor behind the
// period's computed rows, the area release, quality flags and the rules behind each status and RAG.
#include "report/parts.hpp"

#include "carbontrack/indicator.hpp"
#include "carbontrack/output.hpp"
#include "carbontrack/progress.hpp"
#include "carbontrack/series.hpp"

#include <map>

namespace carbontrack::report {
namespace {

std::string scope_text(const inventory_entry& e) { return e.scope ? std::to_string(*e.scope) : "total"; }

}  // namespace

namespace {

// Which release answered which question: area targets follow the newest release carrying their series,
// sector tables the newest with sectors, unless the report was given a release.
std::string area_releases_used(const inputs& in) {
    const auto releases = in.db.area_releases();
    if (releases.empty()) return "Area statistics: none imported.";
    auto described = [](const area_release& r) {
        return "release " + r.name + " (" + std::string(to_string(r.detail)) + ", within-scope " + std::string(to_string(r.basis(area_measure::within_scope))) +
               (r.has_territorial ? ", territorial " + std::string(to_string(r.basis(area_measure::territorial))) : std::string()) + ", " +
               std::to_string(r.first_year) + " to " + std::to_string(r.last_year) + ", imported from " + r.source_file + ")";
    };
    std::string text = "Area statistics: DESNZ local authority emissions. ";
    try {
        const auto& series = choose_release(releases, in.chosen.release, area_measure::within_scope, false);
        text += "Area targets and progress use " + described(series) + ". ";
        const auto& sectors = choose_release(releases, in.chosen.release, area_measure::within_scope, true);
        text += sectors.name == series.name ? "Sector tables use the same release. " : "Sector tables use " + described(sectors) + ". ";
    } catch (const data_error& e) {
        text += std::string(e.what()) + ". ";
    }
    return text + "DESNZ re-estimates the whole series in each release; earlier releases remain stored.";
}

}  // namespace

section methodology_section(const inputs& in) {
    section s{"7. Methodology and data quality", {}};
    const period p = in.when;
    bullet_list basics;
    basics.items = {
        "Organisational boundary: the own operations of " + in.org.name +
            " as recorded in its inventory (the sources in section 2). Emissions of the wider area (section 5) are reported separately and never "
            "added to them.",
        "Standard: the GHG Protocol Corporate Standard. Scope 1 is fuel burnt directly (buildings' gas, fleet fuel); scope 2 is electricity "
        "bought, at the UK grid average (location-based) factor; scope 3 is what was recorded of the value chain (transmission and distribution "
        "losses, business travel, water, waste).",
        "Periods: UK financial years, 1 April to 31 March; " + p.label() + " runs from " + long_date(p.first_day()) + " to " +
            long_date(p.last_day()) + ". A milestone \u201cby 2025\u201d on a financial-year series is 2024/25, the year ending in 2025.",
        "Factor year: an activity is costed with the DESNZ conversion factors of the calendar year holding most of its period, so " + p.label() +
            " uses the " + std::to_string(p.factor_year()) +
            " factors. Each computed figure keeps the factor that produced it, so a later factor import never changes a reported figure.",
        "Reported totals: where the council published a total for a period, that is the period's total; recorded rows are its breakdown and the "
        "difference is shown as not attributed. A reported total is never added to its rows.",
        "Missing data: a year without data is shown as missing, never as zero; a period with only part of its emissions recorded and no reported "
        "total has no total.",
        "Rounding: figures are kept at full precision and rounded only for display (tCO2e and per cents to one decimal).",
    };
    s.blocks.push_back(std::move(basics));

    table factors{"Factors used", "Every DESNZ factor behind the computed rows of " + p.label(), {}, {}, {}};
    factors.columns = {{"Scope", "", false},
                       {"Source", "", false},
                       {"Activity", "", true},
                       {"Activity unit", "", false},
                       {"Factor set", "year", false},
                       {"Factor (DESNZ name or level path)", "", false},
                       {"Factor unit", "", false},
                       {"Factor value", "kg CO2e per unit", true},
                       {"Emissions", "tCO2e", true},
                       {"Quality", "", false}};
    table given{"Figures given in tCO2e", "Rows of " + p.label() + " given directly in tCO2e (no factor applied)", {}, {}, {}};
    given.columns = {{"Scope", "", false}, {"Source", "", false}, {"Emissions", "tCO2e", true}, {"Quality", "", false}, {"Note", "", false}};
    std::map<quality_flag, int> flags;
    for (const auto& e : in.entries) {
        if (e.when != p) continue;
        ++flags[e.quality];
        if (e.factor) {
            factors.rows.push_back({text_cell(scope_text(e)), text_cell(e.source), number_cell(e.activity_amount, 2), text_cell(e.activity_unit),
                                    text_cell(std::to_string(e.factor->year)), text_cell(e.factor->name), text_cell(e.factor->unit),
                                    cell{output::exact_number(e.factor->kg_co2e_per_unit), e.factor->kg_co2e_per_unit}, number_cell(tonnes(e.emissions)),
                                    text_cell(std::string(to_string(e.quality)))});
        } else {
            given.rows.push_back({text_cell(scope_text(e)), text_cell(e.source), number_cell(tonnes(e.emissions)),
                                  text_cell(std::string(to_string(e.quality))), text_cell(e.note)});
        }
    }
    factors.notes.push_back("Factor values are shown exactly as stored. Emissions = activity \u00d7 factor, after converting the activity to the "
                            "factor's unit (GWh to kWh, km to miles where the factor is per mile).");
    if (factors.rows.empty()) factors.notes.push_back("No row of " + p.label() + " is computed from an activity and a factor.");
    s.blocks.push_back(std::move(factors));
    if (!given.rows.empty()) s.blocks.push_back(std::move(given));

    // A restated figure is shown as restated, with what was first reported, when and why it changed.
    table restated{"Restated figures", "Figures restated with a revised factor set (carbontrack restate), every period", {}, {}, {}};
    restated.columns = {{"Period", "", false},          {"Scope", "", false},           {"Source", "", false},
                        {"First reported", "tCO2e", true}, {"Restated", "tCO2e", true},      {"Factor first used", "kg CO2e per unit", true},
                        {"Factor now", "kg CO2e per unit", true}, {"Restated on", "UTC", false}, {"Reason", "", false}};
    for (const auto& e : in.entries) {
        if (!e.restated) continue;
        const auto& mark = *e.restated;
        restated.rows.push_back({text_cell(e.when.label()), text_cell(scope_text(e)), text_cell(e.source), number_cell(tonnes(mark.first_reported)),
                                 number_cell(tonnes(e.emissions)),
                                 cell{output::exact_number(mark.first_reported_kg_co2e_per_unit), mark.first_reported_kg_co2e_per_unit},
                                 cell{output::exact_number(mark.restated_kg_co2e_per_unit), mark.restated_kg_co2e_per_unit},
                                 text_cell(mark.applied_at.substr(0, 10)), text_cell(mark.reason)});
    }
    if (!restated.rows.empty()) s.blocks.push_back(std::move(restated));

    std::string quality = "Quality flags in " + p.label() + ": ";
    bool first = true;
    for (const auto& [flag, count] : flags) {
        quality += (first ? "" : ", ") + std::to_string(count) + " " + (flag == quality_flag::unspecified ? "unflagged" : std::string(to_string(flag)));
        first = false;
    }
    quality += " row(s). Measured: metered or counted; estimated: pro-rated or a contractor's estimate; published: as the council published it.";
    s.blocks.push_back(paragraph{quality});

    s.blocks.push_back(paragraph{area_releases_used(in)});

    bullet_list rules;
    rules.items = {std::string(status_rule()), std::string(rag_rule()), std::string(rag_rule_for_up()),
                   "Trend: the Theil-Sen slope (median of pairwise slopes) over the last six periods with data, at least three; the net-zero "
                   "year at trend is y + A / (\u2212slope), with the 25th and 75th percentile slopes giving its range."};
    s.blocks.push_back(paragraph{"Rules behind each status and RAG rating:"});
    s.blocks.push_back(std::move(rules));
    s.blocks.push_back(paragraph{"Reproducibility: the same database and options give a byte-identical report. The footer's SHA-256 covers the "
                                 "organisation's inventory (with each row's factor), targets, indicators, the area figures read and the options."});
    return s;
}

}  // namespace carbontrack::report
