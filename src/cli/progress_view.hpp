// A target's progress as the command line shows it: the engine's typed report read out in the
// series' display unit. The one place progress numbers leave the type system.
#pragma once

#include "carbontrack/all_authorities.hpp"
#include "carbontrack/progress.hpp"
#include "carbontrack/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack::cli {

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

// Loads the target's series and evaluates it. A target that cannot be assessed (no baseline, no
// data, an unknown series) comes back with `error` set, saying what to record.
progress_view assess(const store& db, const organisation& org, const target& t, const std::string& release);

}  // namespace carbontrack::cli
