#include "carbontrack/plot.hpp"

#include "carbontrack/app/assessment.hpp"
#include "carbontrack/chart_builders.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/indicator.hpp"
#include "carbontrack/output.hpp"
#include "carbontrack/series.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <type_traits>

namespace carbontrack::plot {
namespace {

const display_unit<units::co2e_mass> kilotonnes_co2e{units::kilotonne_co2e, "kt CO2e"};
const display_unit<units::co2_mass> kilotonnes_co2{units::kilotonne_co2, "kt CO2"};
const display_unit<units::co2e_mass> tonnes_co2e{units::tonne_co2e, "t CO2e"};
const display_unit<units::co2_mass> tonnes_co2{units::tonne_co2, "t CO2"};

template <class Quantity>
const display_unit<Quantity>& area_unit(bool per_person) {
    if constexpr (std::is_same_v<Quantity, units::co2_mass>) return per_person ? tonnes_co2 : kilotonnes_co2;
    else return per_person ? tonnes_co2e : kilotonnes_co2e;
}

std::string_view measure_name(area_measure measure) { return measure == area_measure::territorial ? "territorial" : "within-scope"; }

// What a series is, in the few words of a chart title; the source line says the measure in full.
std::string series_words(const target& goal) {
    const std::string& s = goal.series();
    if (goal.entity() == own_operations_entity) {
        if (s == "total") return "Own-operations emissions";
        if (s.starts_with("scope-")) return "Own-operations scope " + s.substr(6) + " emissions";
        if (s.starts_with("source:")) return "Own-operations emissions from " + s.substr(7);
        return "Own-operations emissions (" + s + ")";
    }
    const auto colon = s.find(':');
    if (colon == std::string::npos) return "Area emissions";
    return "Area emissions from " + s.substr(colon + 1);
}

std::string measure_words(std::string_view series) {
    return series.starts_with("territorial") ? "territorial emissions" : "emissions within the scope of local influence";
}

std::string release_source(const area_release& release, std::string_view series) {
    return "Source: DESNZ local authority statistics (" + measure_words(series) + "), release " + release.name;
}

area_release release_named(const store& db, const std::string& name) {
    if (auto found = db.find_area_release(name)) return *found;
    if (name.empty()) throw data_error("no area release in " + db.path().string() + "; import one with 'carbontrack area import FILE'");
    throw data_error("no area release named '" + name + "'; see 'carbontrack area releases'");
}

// A straight line from the first year to net zero, drawn where the organisation set no target.
target default_net_zero(const std::string& code, std::string_view series, period baseline, int net_zero_year) {
    return target{target_definition{"net zero by " + std::to_string(net_zero_year), code, std::string(series), baseline,
                                    {{calendar_year{net_zero_year}, 100.0}}, pathway_kind::linear, std::nullopt, std::nullopt}};
}

// The organisation's own target for this authority and measure, if it set one on calendar years.
std::optional<target> own_area_target(const store& db, const organisation& org, const area_selection& selection, area_measure measure,
                                      const std::vector<area_authority_entry>& authorities, const std::vector<area_code_row>& codes) {
    for (const auto& t : db.targets(org.id)) {
        if (t.entity() == own_operations_entity || t.series() != measure_name(measure) || t.baseline().kind() != period_kind::calendar_year)
            continue;
        try {
            if (resolve_area(t.entity(), authorities, codes).code == selection.code) return t;
        } catch (const data_error&) {
            // A target on an authority this release does not hold says nothing about this one.
        }
    }
    return std::nullopt;
}

template <class Quantity>
chart::spec area_of(const area_summary& summary, const area_selection& selection, const area_release& release,
                    const std::optional<target>& own_target, const area_request& request) {
    chart::area_series<Quantity> series{{}, area_unit<Quantity>(false), std::nullopt, std::nullopt};
    for (std::size_t i = 0; i < summary.columns.size(); ++i) {
        chart::category_series<Quantity> sector{summary.columns[i], {}};
        for (const auto& y : summary.years)
            if (i < y.parts.size() && y.parts[i]) sector.points.push_back({calendar_year{y.year}, std::get<Quantity>(*y.parts[i])});
        series.sectors.push_back(std::move(sector));
    }
    std::string source = release_source(release, measure_name(request.measure));
    if (request.per_person) {
        chart::per_person_view<Quantity> view{{}, area_unit<Quantity>(true)};
        for (const auto& y : summary.years)
            if (y.population_thousands) view.population.push_back({calendar_year{y.year}, *y.population_thousands * 1000.0});
        series.per_person = std::move(view);
    } else {
        const auto first_complete =
            std::find_if(summary.years.begin(), summary.years.end(), [](const area_year_line& y) { return y.total.has_value(); });
        std::optional<target> goal = own_target;
        if (!goal && first_complete != summary.years.end() && first_complete->year < request.net_zero_year) {
            goal = default_net_zero(selection.code, measure_name(request.measure), calendar_year{first_complete->year}, request.net_zero_year);
            source += "; pathway: a straight line from " + std::to_string(first_complete->year) + " to net zero in " +
                      std::to_string(request.net_zero_year);
        }
        if (goal) {
            std::optional<Quantity> base;
            if (goal->baseline_value() && std::holds_alternative<Quantity>(*goal->baseline_value())) {
                base = std::get<Quantity>(*goal->baseline_value());
            } else {
                for (const auto& y : summary.years)
                    if (y.year == goal->baseline().start_year() && y.total) base = std::get<Quantity>(*y.total);
            }
            if (base) series.pathway = chart::area_pathway<Quantity>{*goal, *base};
        }
    }
    // Per person the builder adds ", per person" to the title, which then needs fewer words to fit one line.
    return chart::area_chart(series, {request.per_person ? "Emissions by sector" : "Area emissions by sector", selection.label, source});
}

// A chart names the publisher (its web site), not a full address too long to print on one line.
std::string source_site(const std::string& source) {
    const auto scheme = source.find("://");
    if (scheme == std::string::npos) return source;
    const auto start = scheme + 3;
    return source.substr(start, source.find('/', start) - start);
}

}  // namespace

std::string file_stem(std::string_view text) {
    std::string stem;
    bool separated = false;
    for (const char c : text) {
        const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        const bool digit = c >= '0' && c <= '9';
        if (letter || digit) {
            if (separated && !stem.empty()) stem += '-';
            stem += letter && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
            separated = false;
        } else {
            separated = true;
        }
    }
    return stem.empty() ? "chart" : stem;
}

void make_names_unique(std::vector<named_chart>& charts) {
    std::set<std::string> taken;
    for (auto& c : charts) {
        std::string name = c.name;
        for (int n = 2; taken.count(name) != 0; ++n) name = c.name + "-" + std::to_string(n);
        c.name = name;
        taken.insert(name);
    }
}

chart::spec trajectory(const store& db, const organisation& org, const target& goal, const std::string& release) {
    const auto evaluated = app::evaluate_target(db, org, goal, {release});
    const bool own = goal.entity() == own_operations_entity;
    std::string source = "Source: " + (own ? org.name + " own-operations inventory" : evaluated.loaded.source);
    if (const auto at = source.find(", release"); !own && at != std::string::npos) source.insert(at, " (" + measure_words(goal.series()) + ")");
    return app::trajectory_chart(goal, evaluated, {series_words(goal), own ? org.name : evaluated.loaded.entity_label, source});
}

chart::spec sources(const store& db, const organisation& org, breakdown by) {
    const auto entries = db.inventory(org.id);
    if (entries.empty()) throw data_error(org.name + " has no own-operations inventory; import one with 'carbontrack inventory import FILE'");
    return sources_chart(summarise(entries, by, db.boundary(org.id)), org.name, by);
}

chart::spec sources_chart(const std::vector<period_summary>& summaries, const std::string& organisation_name, breakdown by) {
    std::map<std::string, chart::category_series<units::co2e_mass>> categories;
    std::vector<series_point<units::co2e_mass>> totals;
    for (const auto& s : summaries) {
        for (const auto& line : s.lines) {
            auto& c = categories[line.key];
            c.name = line.key;
            c.points.push_back({s.when, line.emissions});
        }
        // The one total rule's answer stands as the bar's total; a partial period has none.
        if (s.total()) totals.push_back({s.when, *s.total()});
    }
    const bool any_partial = std::any_of(summaries.begin(), summaries.end(), [](const period_summary& s) { return s.basis() == total_basis::partial; });
    std::vector<chart::category_series<units::co2e_mass>> list;
    for (auto& [key, c] : categories) list.push_back(std::move(c));
    std::string source = "Source: " + organisation_name + " own-operations inventory";
    if (any_partial) source += "; a period whose boundary is not fully entered shows only its recorded sources";
    return chart::sources_chart(list, totals, display_unit<units::co2e_mass>{units::tonne_co2e, "tCO2e"},
                                {by == breakdown::scope ? "Own-operations emissions by scope" : "Own-operations emissions by source", organisation_name,
                                 source},
                                chart::unreported_totals::unknown);
}

chart::spec area(const store& db, const organisation& org, const area_request& request) {
    const auto release = release_named(db, request.release);
    const auto authorities = db.area_authorities(release.id);
    const auto codes = db.area_codes();
    const auto selection = resolve_area(request.authority, authorities, codes);
    const auto data = db.area_figures(release, selection.authority_ids, std::nullopt);
    const auto summary = summarise_area(data, selection, request.measure, area_breakdown::sector, false);
    if (summary.years.empty()) throw data_error(selection.label + " has no figures in release '" + release.name + "'");
    const auto own_target = own_area_target(db, org, selection, request.measure, authorities, codes);
    if (release.basis() == area_basis::co2) return area_of<units::co2_mass>(summary, selection, release, own_target, request);
    return area_of<units::co2e_mass>(summary, selection, release, own_target, request);
}

chart::spec indicator(const store& db, const organisation& org, const std::string& name) {
    const indicator_catalogue catalogue(db.indicator_definitions(org.id), db.indicator_values(org.id));
    const auto* definition = catalogue.find(name);
    if (definition == nullptr) throw data_error("no indicator named '" + name + "' for " + org.name + "; see 'carbontrack indicator list'");
    const auto all = build_series(catalogue, name);
    std::optional<indicator_series> series;
    if (const auto whole = std::find_if(all.begin(), all.end(), [](const indicator_series& s) { return s.area.empty(); }); whole != all.end()) {
        series = *whole;
    } else if (auto combined = combine_areas(catalogue, name); combined.series) {
        series = std::move(combined.series);
    } else {
        throw data_error("the indicator '" + name + "' has no figure for the whole area" +
                         (combined.reason.empty() ? std::string() : ": " + combined.reason));
    }
    if (definition->kind == indicator_kind::flow ? series->running_total.empty() && series->values.empty() : series->values.empty())
        throw data_error("the indicator '" + name + "' has no values recorded for " + org.name);
    return indicator_chart(*definition, *series, org.name + (series->combined ? " (its areas summed)" : ""), catalogue.sources_of(name));
}

chart::spec indicator_chart(const indicator_definition& definition, const indicator_series& series, const std::string& where,
                            const std::vector<std::string>& sources) {
    // A flow is judged on its running total, so that is what its chart shows.
    const bool flow = definition.kind == indicator_kind::flow;
    const auto& points = flow && !series.running_total.empty() ? series.running_total : series.values;
    const bool in_percent = definition.unit == "%";
    chart::indicator_series shown;
    shown.unit_label = in_percent ? "%" : definition.unit + (flow ? " (running total)" : "");
    for (const auto& p : points) shown.values.push_back({p.when, p.amount, std::string(qualifier_words(p.quality))});
    if (const auto& goal = definition.goal) {
        shown.goal = goal->value;
        shown.goal_label = "Goal: " + output::display_number(goal->value, in_percent ? 1 : 0) + (in_percent ? "%" : " " + definition.unit) +
                           (goal->deadline ? " by " + goal->deadline->label() : std::string());
        shown.goal_by = goal->deadline;
    }
    std::string what = definition.name;
    if (!what.empty() && what.front() >= 'a' && what.front() <= 'z') what.front() = static_cast<char>(what.front() - 'a' + 'A');
    std::string source_line;
    for (const auto& s : sources) source_line += (source_line.empty() ? "" : "; ") + source_site(s);
    return chart::indicator_chart(shown, {what, where, "Source: " + (source_line.empty() ? "the council's indicator records" : source_line)});
}

std::vector<named_chart> every_authority(const store& db, const std::string& series, int net_zero_year, const std::string& release_name,
                                         const std::vector<area_tier>& tiers, std::vector<std::string>& skipped) {
    const auto release = release_named(db, release_name);
    const auto areas = rankable_areas(db.area_authorities(release.id), db.area_codes(), tiers);
    const auto data = db.area_figures(release, {}, std::nullopt);
    const auto all = area_series_for_each(data, areas, series);
    std::vector<named_chart> charts;
    charts.reserve(areas.size());
    for (std::size_t i = 0; i < areas.size(); ++i) {
        std::visit(
            [&](const auto& s) {
                if (s.points().empty()) {
                    skipped.push_back(areas[i].code + ": no figures in release " + release.name);
                    return;
                }
                try {
                    const target goal = default_net_zero(areas[i].code, series, s.points().front().when, net_zero_year);
                    const std::string source = release_source(release, series) + "; pathway: a straight line from " + s.points().front().when.label() +
                                               " to net zero in " + std::to_string(net_zero_year) + ", for comparison";
                    charts.push_back({file_stem(areas[i].code),
                                      chart::trajectory_chart(goal, s, evaluate(goal, s), {series_words(goal), areas[i].label, source})});
                } catch (const data_error& e) {
                    skipped.push_back(areas[i].code + ": " + e.what());
                }
            },
            all[i]);
    }
    make_names_unique(charts);
    return charts;
}

std::vector<named_chart> standard_set(const store& db, const organisation& org, const std::string& release, std::vector<std::string>& skipped) {
    std::vector<named_chart> charts;
    const auto targets = db.targets(org.id);
    for (const auto& t : targets) {
        try {
            charts.push_back({"trajectory-" + file_stem(t.name()), trajectory(db, org, t, release)});
        } catch (const data_error& e) {
            skipped.push_back(e.what());
        }
    }
    try {
        charts.push_back({"sources", sources(db, org, breakdown::source)});
    } catch (const data_error& e) {
        skipped.push_back(std::string("sources: ") + e.what());
    }

    std::string county;
    for (const auto& t : targets)
        if (t.entity() != own_operations_entity && county.empty()) county = t.entity();
    if (county.empty()) county = "E10000018";
    try {
        const auto shown = area(db, org, {county, false, release, area_measure::within_scope, 2045});
        charts.push_back({"area-" + file_stem(county), shown});
    } catch (const data_error& e) {
        skipped.push_back("area " + county + ": " + e.what());
    }

    for (const auto& d : db.indicator_definitions(org.id)) {
        try {
            charts.push_back({"indicator-" + file_stem(d.name), indicator(db, org, d.name)});
        } catch (const data_error& e) {
            skipped.push_back("indicator '" + d.name + "': " + e.what());
        }
    }
    make_names_unique(charts);
    return charts;
}

}  // namespace carbontrack::plot
