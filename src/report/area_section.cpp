// Section 5: the area's emissions by sector and per person from one release, its rank among every
// authority and among comparators, and the area chart. Within-scope-of-influence figures throughout.
#include "report/parts.hpp"

#include "carbontrack/chart_builders.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/output.hpp"
#include "carbontrack/series.hpp"

#include <algorithm>
#include <cmath>

namespace carbontrack::report {
namespace {

constexpr std::size_t years_shown = 5;
constexpr area_measure measure = area_measure::within_scope;

std::string area_named(const inputs& in) {
    if (!in.chosen.area.empty()) return in.chosen.area;
    for (const auto& t : in.targets)
        if (t.entity() != own_operations_entity) return t.entity();
    return {};
}

bool same_council(const area_code_row& row, const area_selection& selection, const std::string& asked) {
    return (!row.gss_code.empty() && (row.gss_code == selection.code || row.gss_code == asked)) || row.mysociety_code == selection.code ||
           row.mysociety_code == asked || row.name == asked;
}

// The comparators asked for, or every other county council the authority codes list: councils of
// the same tier and the same duties, each summed from its districts as the county is.
std::vector<std::string> comparator_codes(const inputs& in, const area_selection& selection, const std::vector<area_code_row>& codes) {
    if (!in.chosen.comparators.empty()) return in.chosen.comparators;
    std::vector<std::string> chosen;
    for (const auto& row : codes)
        if (row.tier == area_tier::county && !same_council(row, selection, in.chosen.area))
            chosen.push_back(row.gss_code.empty() ? row.mysociety_code : row.gss_code);
    return chosen;
}

void append_cells(std::string& canonical, const std::string& what, const area_data& data) {
    for (const auto& c : data.cells)
        canonical += what + "\t" + std::to_string(c.authority_id) + "\t" + std::to_string(c.year) + "\t" + std::to_string(c.subsector_id) + "\t" +
                     (c.territorial_kt ? output::exact_number(*c.territorial_kt) : "-") + "\t" +
                     (c.within_scope_kt ? output::exact_number(*c.within_scope_kt) : "-") + "\n";
    for (const auto& p : data.populations)
        canonical += what + " population\t" + std::to_string(p.authority_id) + "\t" + std::to_string(p.year) + "\t" +
                     (p.population_thousands ? output::exact_number(*p.population_thousands) : "-") + "\n";
}

std::optional<double> kt(const std::optional<units::gas_mass>& mass) {
    return mass ? std::optional<double>(in_kilotonnes(*mass)) : std::nullopt;
}

std::optional<double> t(const std::optional<units::gas_mass>& mass) { return mass ? std::optional<double>(in_tonnes(*mass)) : std::nullopt; }

// One sentence per area target whose baseline-year figure the newest release re-estimated: DESNZ
// revises the whole series in every release, so a baseline read from an older release moves.
std::vector<std::string> baseline_restatements(const inputs& in, const std::vector<area_release>& releases) {
    std::vector<std::string> notes;
    for (const auto& goal : in.targets) {
        if (goal.entity() == own_operations_entity || goal.baseline().kind() != period_kind::calendar_year) continue;
        try {
            const auto need = area_series_needs(goal.series());
            const auto& used = choose_release(releases, in.chosen.release, need.measure, need.needs_sectors);
            // The first release that carried the series: the earliest last year, then the earliest import.
            const area_release* first = nullptr;
            for (const auto& r : releases)
                if (r.carries(need.measure) && (!need.needs_sectors || r.detail == area_detail::sectors) && (!first || r.last_year < first->last_year))
                    first = &r;
            if (!first || first->name == used.name) continue;
            const auto then = load_series(in.db, in.org, goal.entity(), goal.series(), first->name);
            const auto now = load_series(in.db, in.org, goal.entity(), goal.series(), used.name);
            std::visit(
                [&](const auto& before, const auto& after) {
                    const auto old_value = before.value_at(goal.baseline());
                    const auto new_value = after.value_at(goal.baseline());
                    if (!old_value || !new_value) return;
                    const double a = units::in(*old_value, before.unit().unit);
                    const double b = units::in(*new_value, after.unit().unit);
                    const bool same_unit = before.unit().symbol == after.unit().symbol;
                    if (same_unit && std::abs(b - a) <= 1e-6 * std::max(1.0, std::abs(a))) return;
                    std::string note = "The " + goal.baseline().label() + " baseline of '" + goal.name() + "' is " + number_text(b, 1) + " " +
                                       after.unit().symbol + " in release " + used.name + ", re-estimated from " + number_text(a, 1) + " " +
                                       before.unit().symbol + " in release " + first->name;
                    if (same_unit && a != 0) note += " (" + number_text((b - a) / a * 100.0, 1) + "%)";
                    notes.push_back(note + ".");
                },
                then.series, now.series);
        } catch (const data_error&) {
            // A target no stored release can answer is reported by the targets section.
        }
    }
    return notes;
}

template <class Quantity>
chart::spec area_figure(const inputs& in, const area_summary& summary, const area_selection& selection, const area_release& release,
                        const display_unit<Quantity>& unit) {
    chart::area_series<Quantity> series{{}, unit, std::nullopt, std::nullopt};
    for (std::size_t i = 0; i < summary.columns.size(); ++i) {
        chart::category_series<Quantity> sector{summary.columns[i], {}};
        for (const auto& y : summary.years)
            if (i < y.parts.size() && y.parts[i]) sector.points.push_back({calendar_year{y.year}, std::get<Quantity>(*y.parts[i])});
        series.sectors.push_back(std::move(sector));
    }
    for (const auto& goal : in.targets) {
        if (goal.entity() == own_operations_entity || goal.series() != "within-scope") continue;
        const auto base = std::find_if(summary.years.begin(), summary.years.end(), [&](const area_year_line& y) {
            return goal.baseline().kind() == period_kind::calendar_year && y.year == goal.baseline().start_year();
        });
        if (base != summary.years.end() && base->total) {
            series.pathway = chart::area_pathway<Quantity>{goal, std::get<Quantity>(*base->total)};
            break;
        }
    }
    return chart::area_chart(series, {"Area emissions by sector (within the scope of local influence)", selection.label,
                                      "Source: DESNZ local authority statistics, release " + release.name});
}

}  // namespace

section area_section(const inputs& in, std::string& canonical) {
    section s{"5. Area", {}};
    // A sector table: the named release, else the newest release that has sectors.
    const auto releases = in.db.area_releases();
    std::optional<area_release> release;
    try {
        if (!releases.empty()) release = choose_release(releases, in.chosen.release, measure, true);
    } catch (const data_error& e) {
        s.blocks.push_back(paragraph{std::string(e.what()) + ", so the area's emissions by sector are not shown."});
        return s;
    }
    if (!release) {
        s.blocks.push_back(paragraph{"No area statistics are imported, so the area's emissions are not shown."});
        return s;
    }
    const std::string asked = area_named(in);
    if (asked.empty()) {
        s.blocks.push_back(paragraph{"No area is named for " + in.org.name +
                                     ": it has no area target, and no --area was given, so the area's emissions are not shown."});
        return s;
    }
    const auto authorities = in.db.area_authorities(release->id);
    const auto codes = in.db.area_codes();
    const auto selection = resolve_area(asked, authorities, codes);
    const auto data = in.db.area_figures(*release, selection.authority_ids, std::nullopt);
    canonical += "area release\t" + release->name + "\t" + std::string(to_string(release->layout)) + "\t" + release->source_file + "\t" +
                 std::to_string(release->values) + "\t" + std::to_string(release->first_year) + "\t" + std::to_string(release->last_year) + "\n";
    canonical += "area selection\t" + selection.code + "\t" + selection.label + "\n";
    append_cells(canonical, "area", data);

    const auto summary = summarise_area(data, selection, measure, area_breakdown::sector, false);
    std::vector<const area_year_line*> years;
    for (const auto& y : summary.years)
        if (y.total) years.push_back(&y);
    if (years.empty()) {
        s.blocks.push_back(paragraph{selection.label + " has no complete year in release " + release->name + "."});
        return s;
    }
    if (years.size() > years_shown) years.erase(years.begin(), years.end() - years_shown);
    const int latest = years.back()->year;
    const std::string unit = release->basis() == area_basis::co2 ? "kt CO2" : "kt CO2e";
    const std::string per_person_unit = release->basis() == area_basis::co2 ? "t CO2 per person" : "t CO2e per person";

    s.blocks.push_back(paragraph{
        "Emissions of the area of " + selection.label + " within the scope of local authority influence, from the DESNZ local authority "
        "statistics, release " + release->name + " (" + std::string(to_string(release->basis())) + ", calendar years " +
        std::to_string(release->first_year) + " to " + std::to_string(release->last_year) +
        "). A county's figures are the sum of its districts; per person is the sum of emissions over the sum of population. "
        "These are the whole area's emissions, not the council's own operations."});
    for (auto& note : baseline_restatements(in, releases)) s.blocks.push_back(paragraph{std::move(note)});

    table sectors{"Area by sector", selection.label + ": emissions by sector (" + unit + ")", {}, {}, {}};
    sectors.columns.push_back({"Sector", "", false});
    for (const auto* y : years) sectors.columns.push_back({std::to_string(y->year), unit, true});
    for (std::size_t i = 0; i < summary.columns.size(); ++i) {
        std::vector<cell> row{text_cell(summary.columns[i])};
        for (const auto* y : years) row.push_back(number_cell(i < y->parts.size() ? kt(y->parts[i]) : std::nullopt));
        sectors.rows.push_back(std::move(row));
    }
    std::vector<cell> total{text_cell("Total")};
    std::vector<cell> population{text_cell("Population (thousands)")};
    std::vector<cell> per_person{text_cell("Per person (" + per_person_unit + ")")};
    for (const auto* y : years) {
        total.push_back(number_cell(kt(y->total)));
        population.push_back(number_cell(y->population_thousands));
        per_person.push_back(number_cell(t(area_per_person(data, selection, y->year, measure)), 2));
    }
    sectors.rows.push_back(std::move(total));
    sectors.rows.push_back(std::move(population));
    sectors.rows.push_back(std::move(per_person));
    const bool any_removals = std::any_of(sectors.rows.begin(), sectors.rows.end(), [](const std::vector<cell>& row) {
        return std::any_of(row.begin(), row.end(), [](const cell& c) { return c.value && *c.value < 0; });
    });
    if (any_removals) sectors.notes.push_back("Negative figures are net removals (land use, land-use change and forestry).");
    s.blocks.push_back(std::move(sectors));

    // Per person puts a county beside districts and unitaries fairly; totals would only measure size.
    auto everyone = rankable_areas(authorities, codes);
    if (std::none_of(everyone.begin(), everyone.end(), [&](const area_selection& a) { return a.code == selection.code; })) everyone.push_back(selection);
    const auto all_data = in.db.area_figures(*release, {}, latest);
    append_cells(canonical, "area all " + std::to_string(latest), all_data);
    const auto national = rank_areas(all_data, everyone, latest, area_metric::per_person, std::nullopt, measure);
    const auto ranked = std::count_if(national.begin(), national.end(), [](const area_rank_entry& e) { return e.position > 0; });
    const auto own = std::find_if(national.begin(), national.end(), [&](const area_rank_entry& e) { return e.code == selection.code; });
    if (own != national.end() && own->position > 0)
        s.blocks.push_back(paragraph{"In " + std::to_string(latest) + ", " + selection.label + " emitted " +
                                     number_text(in_tonnes(*own->emissions), 2) + " " + per_person_unit + ": position " +
                                     std::to_string(own->position) + " of " + std::to_string(ranked) +
                                     " authorities with a figure (1 = the lowest per person; every district and unitary authority plus " +
                                     selection.label + "), quartile " + std::to_string(own->quartile) + " of 4."});

    std::vector<area_selection> peers{selection};
    std::vector<std::string> not_found;
    for (const auto& code : comparator_codes(in, selection, codes)) {
        try {
            auto peer = resolve_area(code, authorities, codes);
            if (peer.code != selection.code) peers.push_back(std::move(peer));
        } catch (const data_error&) {
            not_found.push_back(code);
        }
    }
    const auto by_total = rank_areas(all_data, peers, latest, area_metric::total, std::nullopt, measure);
    const auto by_person = rank_areas(all_data, peers, latest, area_metric::per_person, std::nullopt, measure);
    table comparison{"Area comparators", "Comparators in " + std::to_string(latest) + ": " + selection.label + " and " +
                                             (in.chosen.comparators.empty() ? std::string("the other county councils") : std::string("the chosen authorities")),
                     {}, {}, {}};
    comparison.columns = {{"Authority", "", false},
                          {"Emissions " + std::to_string(latest), unit, true},
                          {"Per person " + std::to_string(latest), per_person_unit, true},
                          {"Rank per person", "1 = lowest", true},
                          {"Rank by total", "1 = lowest", true}};
    for (const auto& entry : by_person) {
        const auto match = std::find_if(by_total.begin(), by_total.end(), [&](const area_rank_entry& e) { return e.code == entry.code; });
        const bool is_own = entry.code == selection.code;
        comparison.rows.push_back({text_cell(entry.name + (is_own ? " (this area)" : "")),
                                   number_cell(match != by_total.end() ? kt(match->emissions) : std::nullopt),
                                   number_cell(t(entry.emissions), 2),
                                   entry.position > 0 ? cell{std::to_string(entry.position), static_cast<double>(entry.position)} : text_cell("no data"),
                                   match != by_total.end() && match->position > 0
                                       ? cell{std::to_string(match->position), static_cast<double>(match->position)}
                                       : text_cell("no data")});
    }
    if (in.chosen.comparators.empty())
        comparison.notes.push_back("Comparators by default are the other English county councils in the authority codes: councils of the same "
                                   "tier and duties, each the sum of its districts. Choose others with --comparators CODE,....");
    for (const auto& code : not_found) comparison.notes.push_back("Comparator '" + code + "' is not in release " + release->name + ".");
    s.blocks.push_back(std::move(comparison));

    std::visit(
        [&](const auto& mass) {
            using quantity = std::decay_t<decltype(mass)>;
            const display_unit<quantity> shown{quantity::from_value(1e6), unit};
            s.blocks.push_back(figure{"", "Area emissions by sector, " + selection.label, area_figure(in, summary, selection, *release, shown), false});
        },
        *years.back()->total);
    return s;
}

}  // namespace carbontrack::report
