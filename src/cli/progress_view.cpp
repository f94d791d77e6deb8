#include "cli/progress_view.hpp"

#include "carbontrack/output.hpp"
#include "carbontrack/series.hpp"

#include <cmath>
#include <cstdio>

namespace carbontrack::cli {
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

std::string how_to_record(const target& t) {
    const std::string p = t.baseline().label();
    if (t.entity() == own_operations_entity) {
        return "Record the " + p + " figure with 'carbontrack inventory add --period " + p + " --source Total --tco2e N --quality published' " +
               "(or its activity rows), or give the target its baseline with 'carbontrack target add \"" + t.name() + "\" ... --baseline-value \"N tCO2e\" --replace'.";
    }
    return "Import an area release that covers " + p + ", or give the target its baseline with --baseline-value.";
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

progress_view assess(const store& db, const organisation& org, const target& t, const std::string& release) {
    progress_view v;
    v.target = t.name();
    v.entity = t.entity();
    v.entity_label = t.entity();
    v.series = t.series();
    v.baseline_period = t.baseline().label();
    v.pathway = std::string(to_string(t.pathway()));
    try {
        const auto loaded = load_series(db, org, t.entity(), t.series(), release);
        v.entity_label = loaded.entity_label;
        v.source = loaded.source;
        std::visit([&](const auto& series) { fill(v, evaluate(t, series)); }, loaded.series);
    } catch (const missing_baseline& e) {
        v.error = "the series '" + t.series() + "' has no value for the baseline period " + e.baseline().label() + ". " + how_to_record(t);
    } catch (const data_error& e) {
        v.error = e.what();
    }
    return v;
}

}  // namespace carbontrack::cli
