// Progress against a target, exactly as DESIGN "Progress maths" defines it. The x axis is years since
// the baseline (years_between), so financial and calendar series work alike; a missing year is absent.
#pragma once

#include "carbontrack/error.hpp"
#include "carbontrack/period.hpp"
#include "carbontrack/target.hpp"
#include "carbontrack/units.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The engine is a template over the series' quantity; it is compiled for units::co2e_mass and
// units::co2_mass (area statistics are CO2-only). A rate "per year" is the quantity that changes in
// one year, so it keeps the series' type; dimensionless rates and shares are doubles named _pct.
namespace carbontrack {

template <class Quantity>
struct series_point {
    period when;
    Quantity value;
};

// The unit a series is shown in: kt CO2 for area statistics, tCO2e for own operations.
template <class Quantity>
struct display_unit {
    Quantity unit;
    std::string symbol;
};

// The actuals a target is checked against: one period kind, at most one value per period, ordered.
template <class Quantity>
class tracked_series {
public:
    // Sorts the points; throws data_error on mixed period kinds or a period given twice.
    tracked_series(std::string name, display_unit<Quantity> unit, std::vector<series_point<Quantity>> points);

    const std::string& name() const noexcept { return name_; }
    const display_unit<Quantity>& unit() const noexcept { return unit_; }
    const std::vector<series_point<Quantity>>& points() const noexcept { return points_; }
    std::optional<Quantity> value_at(period when) const;

private:
    std::string name_;
    display_unit<Quantity> unit_;
    std::vector<series_point<Quantity>> points_;
};

// The baseline period has no value in the series and the target gives none: progress cannot be
// measured, and guessing would be worse than saying so.
class missing_baseline : public data_error {
public:
    missing_baseline(std::string target_name, std::string series_name, period baseline);
    period baseline() const noexcept { return baseline_; }

private:
    period baseline_;
};

// The pathway's value at `when`: linear pieces through (b, B) and each (t_i, L_i), or for
// constant-rate a constant per cent cut per year between milestones. Before the baseline it is B;
// after the last milestone it stays at that milestone's level.
template <class Quantity>
Quantity pathway_value(const target& t, Quantity baseline_value, period when);

// PERCENTILE.INC (numpy's default "linear"): rank h = (n - 1) x fraction, interpolated between the
// values either side of h. Throws data_error on an empty list or a fraction outside 0-1.
double percentile_inc(std::vector<double> values, double fraction);

inline constexpr std::size_t trend_window = 6;      // the last six periods with data
inline constexpr std::size_t min_trend_points = 3;  // fewer gives no trend

template <class Quantity>
struct pairwise_slope {
    period from;
    period to;
    Quantity per_year;
};

// Theil-Sen fit: the median of the pairwise slopes, with their quartiles as the uncertainty band.
template <class Quantity>
struct trend_fit {
    std::vector<series_point<Quantity>> points;          // oldest first
    std::vector<pairwise_slope<Quantity>> slopes;        // ascending by slope
    Quantity slope_per_year;
    Quantity slope_p25_per_year;
    Quantity slope_p75_per_year;
};

// The trend over the last trend_window points, or nullopt when fewer than min_trend_points exist.
template <class Quantity>
std::optional<trend_fit<Quantity>> fit_trend(const tracked_series<Quantity>& series);

// When the trend line through (y, A) reaches zero: y + A / (-slope).
struct net_zero_estimate {
    double years_after_latest;  // A / (-slope)
    // On the series' period axis, the year each period starts in: 2041.3 on a financial-year series
    // is three tenths of the way from 2041/42 to 2042/43.
    double year;
};

// nullopt when the slope is not negative: "not at current trend".
template <class Quantity>
std::optional<net_zero_estimate> net_zero_at_trend(period latest, Quantity latest_value, Quantity slope_per_year);

// The next milestone not yet met (after the latest period, level below the latest actual) and the
// rates still needed to reach it from (y, A).
template <class Quantity>
struct milestone_due {
    milestone goal;
    Quantity level;                                   // L = B x (1 - r)
    double years_to_go;                               // t - y
    Quantity required_cut_per_year;                   // (A - L) / (t - y)
    std::optional<double> required_cut_pct_per_year;  // 100 x (1 - (L/A)^(1/(t - y))); only when L > 0
};

enum class progress_status { on_track, at_risk, off_track };
enum class rag_rating { green, amber, red };

std::string_view to_string(progress_status status);  // "on-track", "at-risk", "off-track"
std::string_view to_string(rag_rating rating);       // "green", "amber", "red"

inline constexpr double at_risk_margin = 0.05;  // "within 5% above the pathway"

// On-track when A <= P; at-risk when P < A <= P x 1.05; off-track beyond.
template <class Quantity>
progress_status classify(Quantity actual, Quantity pathway);

// Green when both hold, amber when exactly one does, red when neither.
rag_rating rag_for(bool within_margin_of_pathway, bool projection_meets_milestone);

// The rules in words, printed wherever a status or RAG is shown.
std::string_view status_rule();
std::string_view rag_rule();

inline constexpr int budget_horizon_years = 1000;

// Budget use: actuals from the budget's first period to the latest, gaps filled by straight lines
// between their neighbours and flagged.
template <class Quantity>
struct budget_use {
    Quantity amount;
    period from;
    Quantity used;
    std::vector<series_point<Quantity>> interpolated;  // the filled gaps, counted in `used`
    Quantity remaining;                                // amount - used; negative once overspent
    // Overspent: the period whose actuals took the total past the budget. Otherwise the period in
    // which emissions on the trend would use up what remains, or nullopt if they never would.
    std::optional<period> runs_out;
    bool exhausted;
    // The constant per cent cut per year whose emissions A(1-r) + A(1-r)^2 + ... sum to the
    // remainder: r = A / (remaining + A). Only while the budget is not overspent.
    std::optional<double> constant_cut_pct_per_year;
};

// One step of the calculation as a scrutiny committee would check it by hand.
struct explanation_step {
    std::string title;    // "Theil-Sen slope"
    std::string formula;  // "median of the 15 pairwise slopes"
    std::string working;  // the formula with its numbers
};

enum class baseline_source { series, target };

// Everything `progress` prints for one target, in the series' quantity (display in `unit`).
template <class Quantity>
struct progress_report {
    std::string target_name{};
    std::string entity{};
    std::string series_name{};
    display_unit<Quantity> unit{};
    pathway_kind pathway{};

    period baseline_period;
    Quantity baseline_value{};
    baseline_source baseline_from{};
    period latest_period;
    Quantity latest_value{};
    double change_vs_baseline_pct{};  // (A - B) / B x 100: a cut is negative

    Quantity pathway_value{};   // P = pathway(y)
    Quantity gap_to_pathway{};  // A - P: above the pathway when positive
    progress_status status{};

    std::optional<milestone_due<Quantity>> next_milestone{};

    std::optional<trend_fit<Quantity>> trend{};
    std::string no_trend_reason{};  // set exactly when there is no trend
    std::optional<Quantity> projected_at_next_milestone{};  // A + slope x (t - y): the line, unclamped

    // Empty only when a milestone remains and there is no trend to project to it.
    std::optional<rag_rating> rag{};

    std::optional<net_zero_estimate> net_zero{};           // at the Theil-Sen slope
    std::optional<net_zero_estimate> net_zero_earliest{};  // at the 25th-percentile slope (steepest)
    std::optional<net_zero_estimate> net_zero_latest{};    // at the 75th-percentile slope

    std::optional<budget_use<Quantity>> budget{};

    std::vector<explanation_step> explanation{};
};

// Evaluates `t` against `series`. Throws missing_baseline when the baseline period has no value and
// the target gives none, and data_error when the series is empty, of the other period kind, has no
// value at or after the baseline, when the baseline or budget is of the other gas, or when the
// budget starts before the series' first value.
template <class Quantity>
progress_report<Quantity> evaluate(const target& t, const tracked_series<Quantity>& series);

}  // namespace carbontrack
