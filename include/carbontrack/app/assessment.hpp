// Assessing a target: its series loaded and evaluated in one place, then read out in the series'
// display unit for every front end (table, JSON, report, chart). The one place progress numbers leave the type system.
#pragma once

#include "carbontrack/all_authorities.hpp"
#include "carbontrack/chart_builders.hpp"
#include "carbontrack/inventory.hpp"
#include "carbontrack/progress.hpp"
#include "carbontrack/series.hpp"
#include "carbontrack/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack::app {

struct budget_view {
    double amount = 0;
    std::string from;
    double used = 0;
    double remaining = 0;
    std::string runs_out;
    bool exhausted = false;
    std::size_t interpolated_periods = 0;
    std::optional<double> constant_rate_pct;
};

struct progress_view {
    std::string target, entity, entity_label, series, unit, source, pathway;
    std::optional<std::string> error;  // why the target cannot be assessed

    std::string baseline_period;
    std::optional<double> baseline_value;
    std::string baseline_from;  // "series" or "target"
    std::string latest_period;
    std::optional<double> latest_value, change_pct, pathway_value, gap;
    std::string status, rag;
    std::string next_milestone_period;
    std::optional<double> next_milestone_value, required_per_year, required_pct, projected_at_next;
    std::optional<double> slope, slope_p25, slope_p75;
    std::string no_trend_reason;
    std::optional<double> net_zero_year, net_zero_low, net_zero_high;
    std::optional<budget_view> budget;
    std::vector<explanation_step> explanation;
    period_kind kind = period_kind::calendar_year;

    // A year on the series' axis as a reader wants it: "2041.3", or "2026/27 (2026.0)" on a
    // financial-year series, whose axis counts the year each period starts in.
    std::string period_label_of(double year) const;
};

// A report read out in its series' display unit.
progress_view view_of(const any_progress_report& report);

// A target's series with the engine's typed report on it, kept together so it can be drawn.
struct evaluated_target {
    loaded_series loaded;
    any_progress_report report;
};

// Where a target's series comes from: area series from `release` (the newest when empty); own
// operations from `own_entries` when given (a report cut at its period), else from the store.
struct series_choice {
    std::string release;
    const std::vector<inventory_entry>* own_entries = nullptr;
};

// The target's series as `choice` says. Throws data_error (an unknown series, no area release).
loaded_series load_target_series(const store& db, const organisation& org, const target& t, const series_choice& choice);
// Evaluates `t` on its loaded series. Throws missing_baseline or data_error.
evaluated_target evaluate_target(const target& t, loaded_series loaded);
// Both: loads the target's series and evaluates it.
evaluated_target evaluate_target(const store& db, const organisation& org, const target& t, const series_choice& choice);

// The trajectory chart of an evaluated target (`t` is the target it was evaluated against).
chart::spec trajectory_chart(const target& t, const evaluated_target& evaluated, const chart::chart_text& text);

// A target assessed for showing: the view always, with `error` set when it cannot be assessed;
// `missing_baseline` names the baseline period when that is the reason, so a front end can say how
// to record it; `evaluated` is there when it could be assessed.
struct assessment {
    progress_view view;
    std::optional<period> missing_baseline;
    std::optional<evaluated_target> evaluated;
};

assessment assess(const store& db, const organisation& org, const target& t, const series_choice& choice);

}  // namespace carbontrack::app
