// Sections 1 (the RAG sentences) and 4 (targets and trajectories) share one assessment per target,
// made with the progress engine and read out as `carbontrack progress` reads it.
#include "report/parts.hpp"

#include "carbontrack/chart_builders.hpp"
#include "carbontrack/series.hpp"

#include <algorithm>
#include <cmath>

namespace carbontrack::report {
namespace {

// Why a baseline is missing, in the reader's terms: a partial record or no record at all.
std::string missing_baseline_text(const inputs& in, const target& t, period baseline) {
    if (t.entity() != own_operations_entity)
        return "the area series has no figure for the baseline " + baseline.label() + "; progress cannot be measured";
    const bool any_rows = std::any_of(in.entries.begin(), in.entries.end(), [&](const inventory_entry& e) { return e.when == baseline; });
    return "the baseline " + baseline.label() +
           (any_rows ? " has only part of its emissions recorded (no reported total), so it has no total to measure progress from"
                     : " has no inventory data at all") +
           ". Recording the " + baseline.label() + " total would let this target be assessed";
}

}  // namespace

std::vector<assessed_target> assess_targets(const inputs& in) {
    std::vector<assessed_target> result;
    for (const auto& t : in.targets) {
        // Own operations are cut at the report's period, so a report on an earlier year shows the
        // position as it stood then; area statistics are shown as the release holds them.
        auto a = app::assess(in.db, in.org, t, {in.chosen.release, &in.entries});
        if (a.missing_baseline) a.view.error = missing_baseline_text(in, t, *a.missing_baseline);
        std::optional<chart::spec> chart;
        if (a.evaluated)
            chart = app::trajectory_chart(t, *a.evaluated,
                                          {"Emissions against \u201c" + t.name() + "\u201d", a.evaluated->loaded.entity_label,
                                           "Source: " + a.evaluated->loaded.source});
        result.push_back({t, std::move(a.view), std::move(chart)});
    }
    return result;
}

namespace {

std::optional<double> reduction_at(const target& t, const std::string& period_label) {
    for (const auto& m : t.milestones())
        if (m.when.label() == period_label) return m.reduction_pct;
    return std::nullopt;
}

// The period a year on the series' axis falls in: 2032.2 on a financial-year series is 2032/33.
std::string period_at(const app::progress_view& v, double year) {
    return period::from_key(v.kind, static_cast<int>(std::floor(year))).label();
}

std::string net_zero_text(const app::progress_view& v) {
    if (!v.slope) return "no trend";
    if (!v.net_zero_year) return "not at the current trend";
    std::string text = period_at(v, *v.net_zero_year);
    if (v.net_zero_low || v.net_zero_high)
        text += " (" + (v.net_zero_low ? period_at(v, *v.net_zero_low) : std::string("none")) + " to " +
                (v.net_zero_high ? period_at(v, *v.net_zero_high) : std::string("never")) + ")";
    return text;
}

std::string budget_text(const app::progress_view& v) {
    if (!v.budget) return "none";
    const auto& b = *v.budget;
    std::string text = number_text(b.used) + " of " + number_text(b.amount) + " " + v.unit + " used since " + b.from;
    if (b.exhausted) return text + "; exhausted in " + b.runs_out;
    text += "; " + number_text(b.remaining) + " left, " + (b.runs_out.empty() ? "lasting at the trend" : "running out in " + b.runs_out + " at the trend");
    if (b.constant_rate_pct) text += "; a cut of " + number_text(*b.constant_rate_pct) + "% a year keeps within it";
    if (b.interpolated_periods > 0) text += " (" + std::to_string(b.interpolated_periods) + " missing period(s) interpolated)";
    return text;
}

}  // namespace

// "64% below 2016/17 by 2024/25: amber — 58.0% achieved, needs −9.1% a year"
std::string rag_sentence(const assessed_target& a) {
    const auto& v = a.view;
    if (v.error) return v.target + ": cannot be assessed \u2014 " + *v.error + ".";
    std::string goal;
    if (v.next_milestone_period.empty()) {
        goal = "every milestone met";
    } else {
        const double r = reduction_at(a.goal, v.next_milestone_period).value_or(0);
        goal = r >= 100 ? "net zero by " + v.next_milestone_period + " (from " + v.baseline_period + ")"
                        : number_text(r, r == static_cast<int>(r) ? 0 : 1) + "% below " + v.baseline_period + " by " + v.next_milestone_period;
    }
    const std::string rag = v.rag.empty() ? "no RAG (" + v.no_trend_reason + ")" : v.rag;
    std::string achieved;
    if (v.change_pct)
        achieved = *v.change_pct <= 0 ? number_text(-*v.change_pct) + "% achieved by " + v.latest_period
                                      : number_text(*v.change_pct) + "% above the baseline in " + v.latest_period;
    std::string needs;
    if (v.required_pct) needs = ", needs " + signed_percent_text(-*v.required_pct) + " a year";
    else if (v.required_per_year) needs = ", needs " + signed_number_text(-*v.required_per_year) + " " + v.unit + " a year (a straight line to zero)";
    const std::string budget = v.budget ? "; carbon budget: " + budget_text(v) : std::string();
    return v.target + " \u2014 " + goal + ": " + rag + " \u2014 " + achieved + needs + budget + ".";
}

section targets_section(const inputs& in, const std::vector<assessed_target>& targets) {
    section s{"4. Targets and trajectories", {}};
    if (targets.empty()) {
        s.blocks.push_back(paragraph{in.org.name + " has no targets recorded; add them with 'carbontrack target add' or 'target import'."});
        return s;
    }
    s.blocks.push_back(paragraph{"Each target is checked with the progress rules printed in section 7. Own-operations series use the inventory "
                                 "up to " + in.when.label() + "; area series use the area release as published (calendar years)."});

    table position{"Target progress", "Where each target stands at its latest figure", {}, {}, {}};
    position.columns = {{"Target", "", false},        {"Unit", "", false},           {"Baseline", "", false},   {"Baseline value", "", true},
                        {"Latest", "", false},        {"Latest value", "", true}, {"Change vs baseline", "%", true},
                        {"Pathway at latest", "", true}, {"Status", "", false},  {"RAG", "", false}};
    table needed{"Target outlook", "What is still needed, and where the trend leads", {}, {}, {}};
    needed.columns = {{"Target", "", false},
                      {"Next milestone", "", false},
                      {"Milestone level", "", true},
                      {"Required cut, straight line", "a year", true},
                      {"Required cut, constant rate", "% a year", true},
                      {"Trend (Theil-Sen slope)", "a year", true},
                      {"Projected at milestone", "", true},
                      {"Net zero at trend (25-75% range)", "", false}};
    for (const auto& a : targets) {
        const auto& v = a.view;
        if (v.error) {
            position.rows.push_back({text_cell(v.target), text_cell(v.unit.empty() ? "-" : v.unit), text_cell(v.baseline_period),
                                     text_cell("missing"), text_cell("-"), text_cell("-"), text_cell("-"), text_cell("-"),
                                     text_cell("cannot assess"), text_cell("-")});
            needed.rows.push_back({text_cell(v.target), text_cell("-"), text_cell("-"), text_cell("-"), text_cell("-"), text_cell("-"),
                                   text_cell("-"), text_cell("-")});
            continue;
        }
        position.rows.push_back({text_cell(v.target), text_cell(v.unit),
                                 text_cell(v.baseline_period + (v.baseline_from == "target" ? " (given by the target)" : "")),
                                 number_cell(v.baseline_value), text_cell(v.latest_period), number_cell(v.latest_value), percent_cell(v.change_pct),
                                 number_cell(v.pathway_value), text_cell(v.status), text_cell(v.rag.empty() ? "none" : v.rag)});
        needed.rows.push_back({text_cell(v.target), text_cell(v.next_milestone_period.empty() ? "all met" : v.next_milestone_period),
                               number_cell(v.next_milestone_value, 1, "-"), number_cell(v.required_per_year, 1, "-"),
                               number_cell(v.required_pct, 1, v.next_milestone_value && *v.next_milestone_value == 0 ? "n/a (net zero)" : "-"),
                               signed_cell(v.slope, 1, v.no_trend_reason.empty() ? "-" : v.no_trend_reason), number_cell(v.projected_at_next, 1, "-"),
                               text_cell(net_zero_text(v))});
    }
    position.notes.push_back("Values are in each target's unit (the Unit column). A cut is a negative change.");
    needed.notes.push_back("Required cuts are from the latest figure to the next milestone not yet met; the trend is the Theil-Sen slope over "
                           "the last six periods with data (at least three), with its 25-75% range giving the net-zero range.");
    s.blocks.push_back(std::move(position));
    s.blocks.push_back(std::move(needed));
    for (const auto& a : targets)
        if (!a.view.error && a.view.budget) s.blocks.push_back(paragraph{"Carbon budget of \u201c" + a.view.target + "\u201d: " + budget_text(a.view) + "."});
    for (const auto& a : targets) {
        if (a.view.error) {
            s.blocks.push_back(paragraph{a.view.target + ": cannot be assessed \u2014 " + *a.view.error + "."});
            continue;
        }
        if (a.chart) s.blocks.push_back(figure{"", "Trajectory: " + a.view.target + " (" + a.view.entity_label + ")", *a.chart, false});
    }
    return s;
}

}  // namespace carbontrack::report
