// Section 6: every indicator's progress for the whole area, as `indicator progress` computes it, with a
// chart each. Published qualifiers ("more than 356,000") stay with their figures.
#include "report/parts.hpp"

#include "carbontrack/chart_builders.hpp"
#include "carbontrack/indicator.hpp"
#include "carbontrack/plot.hpp"

#include <algorithm>
#include <cmath>

namespace carbontrack::report {
namespace {

int decimals_for(const std::string& unit, double value) { return unit == "%" ? 1 : std::abs(value) >= 100 ? 0 : 1; }

cell amount_cell(const std::optional<indicator_point>& p, const std::string& unit) {
    if (!p) return text_cell("-");
    const std::string words(qualifier_words(p->quality));
    return {(words.empty() ? "" : words + " ") + number_text(p->amount, decimals_for(unit, p->amount)) + (unit == "%" ? "%" : ""), p->amount};
}

cell optional_amount(std::optional<double> value, const std::string& unit, bool with_sign) {
    if (!value) return text_cell("-");
    return {(with_sign ? signed_number_text(*value, decimals_for(unit, *value)) : number_text(*value, decimals_for(unit, *value))), value};
}

std::string goal_text(const std::optional<indicator_goal>& goal, const std::string& unit) {
    if (!goal) return "none";
    std::string text = number_text(goal->value, decimals_for(unit, goal->value)) + (unit == "%" ? "%" : " " + unit);
    if (goal->deadline) text += " by " + goal->deadline->label();
    else text += " (no deadline)";
    return text;
}

// One point is no trend to look at; the table already gives it.
std::optional<chart::spec> indicator_figure(const indicator_definition& d, const indicator_series& series, const std::vector<std::string>& sources) {
    const bool flow = d.kind == indicator_kind::flow;
    const auto& points = flow && !series.running_total.empty() ? series.running_total : series.values;
    if (points.size() < 2) return std::nullopt;
    return plot::indicator_chart(d, series, "whole area", sources);
}

}  // namespace

section indicators_section(const inputs& in) {
    section s{"6. Indicators", {}};
    const indicator_catalogue catalogue(in.db.indicator_definitions(in.org.id), in.db.indicator_values(in.org.id));
    if (catalogue.definitions().empty()) {
        s.blocks.push_back(paragraph{"No indicators are recorded for " + in.org.name + "."});
        return s;
    }
    s.blocks.push_back(paragraph{"The latest recorded value of each indicator for the whole area, which may be later than " + in.when.label() +
                                 ". A flow (trees planted) is judged on its running total; a ratio is computed from its two parts."});
    table t{"Indicators", "Indicator progress (whole area)", {}, {}, {}};
    t.columns = {{"Indicator", "", false}, {"Unit", "", false},         {"Latest", "", true},        {"Period", "", false},
                 {"Running total", "", true}, {"Goal", "", false},   {"Of goal", "%", true},          {"Needed", "a year", true},
                 {"Trend", "a year", true},  {"Status", "", false}, {"RAG", "", false}};
    std::vector<std::pair<std::string, chart::spec>> charts;
    std::vector<std::string> notes;
    for (const auto& d : catalogue.definitions()) {
        const auto all = build_series(catalogue, d.name);
        auto whole = std::find_if(all.begin(), all.end(), [](const indicator_series& x) { return x.area.empty(); });
        std::optional<indicator_series> series;
        if (whole != all.end()) series = *whole;
        else if (auto combined = combine_areas(catalogue, d.name); combined.series) series = combined.series;
        else {
            notes.push_back(d.name + ": " + combined.reason);
            continue;
        }
        const auto p = evaluate(d, *series);
        const auto& shown = p.kind == indicator_kind::flow && p.running_total ? p.running_total : p.latest;
        t.rows.push_back({text_cell(d.name + (series->combined ? " (sum of areas)" : "")), text_cell(d.unit), amount_cell(p.latest, d.unit),
                          text_cell(shown ? shown->when.label() : "-"), amount_cell(p.running_total, d.unit), text_cell(goal_text(d.goal, d.unit)),
                          p.goal_pct ? cell{number_text(*p.goal_pct) + "%", p.goal_pct} : text_cell("-"),
                          optional_amount(p.required_per_year, d.unit, true), optional_amount(p.trend_per_year, d.unit, true),
                          text_cell(p.status ? std::string(to_string(*p.status)) : "-"), text_cell(p.rag ? std::string(to_string(*p.rag)) : "-")});
        for (const auto& note : p.notes) notes.push_back(d.name + ": " + note);
        if (auto chart = indicator_figure(d, *series, catalogue.sources_of(d.name))) charts.emplace_back(d.name, *chart);
    }
    t.notes.push_back("\u201c-\u201d: not known, never zero. \u201cmore than\u201d, \u201cabout\u201d, \u201calmost\u201d and \u201cat least\u201d are the "
                      "qualifiers of the published figures. Of goal: A / G when more is better, (B \u2212 A) / (B \u2212 G) when less is.");
    for (const auto& note : notes) t.notes.push_back(note.ends_with('.') ? note : note + ".");
    s.blocks.push_back(std::move(t));
    for (auto& [name, chart] : charts) s.blocks.push_back(figure{"", "Indicator: " + name, std::move(chart), true});
    return s;
}

}  // namespace carbontrack::report
