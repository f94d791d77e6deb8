// Assessing a target: the one place a target's series is loaded and evaluated, for the progress
// command, the report and the trajectory chart alike.
#include "carbontrack/app/assessment.hpp"


#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace carbontrack::app {
namespace {

template <class Quantity>
void fill(progress_view& v, const progress_report<Quantity>& r) {
    const auto unit = r.unit.unit;
    auto shown = [&](const Quantity& q) { return std::optional<double>(in(q, unit)); };
    v.unit = r.unit.symbol;
    v.pathway = std::string(to_string(r.pathway));
    v.kind = r.baseline_period.kind();
    v.baseline_period = r.baseline_period.label();
    v.baseline_value = shown(r.baseline_value);
    v.baseline_from = r.baseline_from == baseline_source::target ? "target" : "series";
    v.latest_period = r.latest_period.label();
    v.latest_value = shown(r.latest_value);
    v.change_pct = r.change_vs_baseline_pct;
    v.pathway_value = shown(r.pathway_value);
    v.gap = shown(r.gap_to_pathway);
    v.status = std::string(to_string(r.status));
    if (r.rag) v.rag = std::string(to_string(*r.rag));
    if (r.next_milestone) {
        v.next_milestone_period = r.next_milestone->goal.when.label();
        v.next_milestone_value = shown(r.next_milestone->level);
        v.required_per_year = shown(r.next_milestone->required_cut_per_year);
        v.required_pct = r.next_milestone->required_cut_pct_per_year;
    }
    if (r.trend) {
        v.slope = shown(r.trend->slope_per_year);
        v.slope_p25 = shown(r.trend->slope_p25_per_year);
        v.slope_p75 = shown(r.trend->slope_p75_per_year);
    }
    v.no_trend_reason = r.no_trend_reason;
    if (r.projected_at_next_milestone) v.projected_at_next = shown(*r.projected_at_next_milestone);
    if (r.net_zero) v.net_zero_year = r.net_zero->year;
    if (r.net_zero_earliest) v.net_zero_low = r.net_zero_earliest->year;
    if (r.net_zero_latest) v.net_zero_high = r.net_zero_latest->year;
    if (r.budget) {
        const auto& b = *r.budget;
        v.budget = budget_view{in(b.amount, unit), b.from.label(), in(b.used, unit), in(b.remaining, unit),
                               b.runs_out ? b.runs_out->label() : std::string(), b.exhausted, b.interpolated.size(),
                               b.constant_cut_pct_per_year};
    }
    v.explanation = r.explanation;
}

template <class Quantity>
chart::spec draw(const target& t, const tracked_series<Quantity>& series, const progress_report<Quantity>& report,
                 const chart::chart_text& text) {
    return chart::trajectory_chart(t, series, report, text);
}

// A report is evaluated on its own series, so their quantities always agree.
template <class Series, class Report>
chart::spec draw(const target&, const Series&, const Report&, const chart::chart_text&) {
    throw std::logic_error("a progress report drawn on a series of another quantity");
}

}  // namespace

std::string progress_view::period_label_of(double year) const {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", year);  // a year, so no thousands separator
    const std::string decimal = buffer;
    if (kind != period_kind::financial_year) return decimal;
    return financial_year{static_cast<int>(std::floor(year))}.label() + " (" + decimal + ")";
}

progress_view view_of(const any_progress_report& report) {
    progress_view v;
    std::visit(
        [&](const auto& r) {
            v.target = r.target_name;
            v.entity = r.entity;
            v.entity_label = r.entity;
            v.series = r.series_name;
            fill(v, r);
        },
        report);
    return v;
}

loaded_series load_target_series(const store& db, const organisation& org, const target& t, const series_choice& choice) {
    if (choice.own_entries != nullptr && t.entity() == own_operations_entity)
        return {own_operations_series(*choice.own_entries, db.boundary(org.id), t.series()), org.name + " (own operations)", "own-operations inventory"};
    return load_series(db, org, t.entity(), t.series(), choice.release);
}

evaluated_target evaluate_target(const target& t, loaded_series loaded) {
    auto report = std::visit([&](const auto& series) { return any_progress_report(evaluate(t, series)); }, loaded.series);
    return {std::move(loaded), std::move(report)};
}

evaluated_target evaluate_target(const store& db, const organisation& org, const target& t, const series_choice& choice) {
    return evaluate_target(t, load_target_series(db, org, t, choice));
}

chart::spec trajectory_chart(const target& t, const evaluated_target& evaluated, const chart::chart_text& text) {
    return std::visit([&](const auto& series, const auto& report) { return draw(t, series, report, text); }, evaluated.loaded.series,
                      evaluated.report);
}

assessment assess(const store& db, const organisation& org, const target& t, const series_choice& choice) {
    assessment a;
    auto& v = a.view;
    v.target = t.name();
    v.entity = t.entity();
    v.entity_label = t.entity();
    v.series = t.series();
    v.baseline_period = t.baseline().label();
    v.pathway = std::string(to_string(t.pathway()));
    try {
        // What the series describes is shown even when its baseline is missing.
        auto loaded = load_target_series(db, org, t, choice);
        v.entity_label = loaded.entity_label;
        v.source = loaded.source;
        auto evaluated = evaluate_target(t, std::move(loaded));
        std::visit([&](const auto& r) { fill(v, r); }, evaluated.report);
        a.evaluated = std::move(evaluated);
    } catch (const missing_baseline& e) {
        a.missing_baseline = e.baseline();
        v.error = "the series '" + t.series() + "' has no value for the baseline period " + e.baseline().label();
    } catch (const data_error& e) {
        v.error = e.what();
    }
    return a;
}

}  // namespace carbontrack::app
