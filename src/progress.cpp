#include "carbontrack/progress.hpp"
#include "carbontrack/output.hpp"
#include "carbontrack/percent_change.hpp"

#include "carbontrack/indicator_units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <variant>

namespace carbontrack {
namespace {

// The maths runs on canonical values (kilograms of gas) and x positions in years; quantities are
// rebuilt at the edges, so no double leaves this file pretending to be a mass.
struct knot {
    double x;
    double level;
};

std::string fixed(double value, int decimals) { return output::format_number(value, output::number_style::fixed, decimals); }

std::vector<knot> pathway_knots(const target& t, double baseline_value) {
    std::vector<knot> knots{{0.0, baseline_value}};
    for (const auto& m : t.milestones()) {
        knots.push_back({years(t.baseline(), m.when), baseline_value * (1.0 - m.reduction_pct / 100.0)});
    }
    return knots;
}

// Constant-rate segments are geometric, L0 x (L1/L0)^f; a constant per cent cut never reaches zero,
// so a segment ending (or starting) at net zero is drawn as a straight line instead.
double segment_value(pathway_kind kind, knot from, knot to, double x) {
    const double f = (x - from.x) / (to.x - from.x);
    if (kind == pathway_kind::constant_rate && from.level > 0.0 && to.level > 0.0) {
        return from.level * std::pow(to.level / from.level, f);
    }
    return from.level + (to.level - from.level) * f;
}

struct pathway_point {
    double value;
    std::string working;
};

pathway_point pathway_at(pathway_kind kind, const std::vector<knot>& knots, double x, const display_unit<double>& show) {
    const auto q = [&](double v) { return fixed(v / show.unit, 1); };
    if (x <= 0.0) return {knots.front().level, "B = " + q(knots.front().level) + " " + show.symbol + " (at or before the baseline)"};
    if (x >= knots.back().x) {
        return {knots.back().level, q(knots.back().level) + " " + show.symbol + " (the last milestone's level, kept after it)"};
    }
    std::size_t i = 1;
    while (knots[i].x < x) ++i;
    const knot from = knots[i - 1];
    const knot to = knots[i];
    const double value = segment_value(kind, from, to, x);
    const std::string f = "(" + fixed(x - from.x, 0) + "/" + fixed(to.x - from.x, 0) + ")";
    if (kind == pathway_kind::constant_rate && from.level > 0.0 && to.level > 0.0) {
        return {value, q(from.level) + " x (" + q(to.level) + "/" + q(from.level) + ")^" + f + " = " + q(value) + " " + show.symbol};
    }
    return {value, q(from.level) + " + (" + q(to.level) + " - " + q(from.level) + ") x " + f + " = " + q(value) + " " + show.symbol};
}

template <class Quantity>
display_unit<double> plain(const display_unit<Quantity>& unit) {
    return {unit.unit.value(), unit.symbol};
}

template <class Quantity>
Quantity as_quantity(double canonical) {
    return Quantity::from_value(canonical);
}

template <class Quantity>
Quantity require_gas(const units::gas_mass& amount, std::string_view what, const target& t,
                     const tracked_series<Quantity>& series) {
    if (const auto* q = std::get_if<Quantity>(&amount)) return *q;
    throw data_error("target '" + t.name() + "': its " + std::string(what) + " is a different gas (CO2e or CO2-only) from series '" +
                     series.name() + "'");
}

std::optional<net_zero_estimate> net_zero_from(period latest, double latest_value, double slope) {
    if (!(slope < 0.0)) return std::nullopt;
    const double after = latest_value / -slope;
    return net_zero_estimate{after, latest.start_year() + after};
}

// Positions count the year each period starts in, so on a financial-year series 2026.3 means 2026/27.
std::string financial_axis_note(period latest, const std::optional<net_zero_estimate>& estimate) {
    if (latest.kind() != period_kind::financial_year || !estimate) return {};
    const financial_year holding{static_cast<int>(std::clamp(std::floor(estimate->year), 0.0, 9999.0))};
    if (!holding.ok()) return {};
    return "; " + fixed(estimate->year, 1) + " falls in " + holding.label();
}

std::string describe(const std::optional<net_zero_estimate>& estimate) {
    return estimate ? fixed(estimate->year, 1) : std::string("not at this slope");
}

}  // namespace

// ---- series ------------------------------------------------------------------------------------

template <class Quantity>
tracked_series<Quantity>::tracked_series(std::string name, display_unit<Quantity> unit,
                                         std::vector<series_point<Quantity>> points)
    : name_(std::move(name)), unit_(std::move(unit)), points_(std::move(points)) {
    for (const auto& p : points_) {
        if (p.when.kind() != points_.front().when.kind()) {
            throw data_error("series '" + name_ + "' mixes " + points_.front().when.label() + " (" +
                             std::string(to_string(points_.front().when.kind())) + ") with " + p.when.label() + " (" +
                             std::string(to_string(p.when.kind())) + "): a series has one period kind");
        }
    }
    std::sort(points_.begin(), points_.end(),
              [](const auto& a, const auto& b) { return a.when.start_year() < b.when.start_year(); });
    for (std::size_t i = 1; i < points_.size(); ++i) {
        if (points_[i].when == points_[i - 1].when) {
            throw data_error("series '" + name_ + "' has two values for " + points_[i].when.label());
        }
    }
}

template <class Quantity>
std::optional<Quantity> tracked_series<Quantity>::value_at(period when) const {
    for (const auto& p : points_) {
        if (p.when == when) return p.value;
    }
    return std::nullopt;
}

missing_baseline::missing_baseline(std::string target_name, std::string series_name, period baseline)
    : data_error("target '" + target_name + "': series '" + series_name + "' has no value for the baseline period " +
                 baseline.label() + "; record the " + baseline.label() +
                 " figure in the series or give the target its baseline value"),
      baseline_(baseline) {}

// ---- pathway -----------------------------------------------------------------------------------

template <class Quantity>
Quantity pathway_value(const target& t, Quantity baseline_value, period when) {
    const auto knots = pathway_knots(t, baseline_value.value());
    return as_quantity<Quantity>(pathway_at(t.pathway(), knots, years(t.baseline(), when), {1.0, ""}).value);
}

// ---- trend -------------------------------------------------------------------------------------

double percentile_inc(std::vector<double> values, double fraction) {
    if (values.empty()) throw data_error("a percentile needs at least one value");
    if (!(fraction >= 0.0 && fraction <= 1.0)) throw data_error("a percentile fraction must be between 0 and 1");
    std::sort(values.begin(), values.end());
    const double rank = static_cast<double>(values.size() - 1) * fraction;
    const auto below = static_cast<std::size_t>(std::floor(rank));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (rank - static_cast<double>(below)) * (values[above] - values[below]);
}

template <class Quantity>
std::optional<trend_fit<Quantity>> fit_trend(const tracked_series<Quantity>& series) {
    const auto& all = series.points();
    if (all.size() < min_trend_points) return std::nullopt;
    trend_fit<Quantity> fit;
    fit.points.assign(all.end() - static_cast<std::ptrdiff_t>(std::min(all.size(), trend_window)), all.end());
    std::vector<double> slopes;
    for (std::size_t i = 0; i < fit.points.size(); ++i) {
        for (std::size_t j = i + 1; j < fit.points.size(); ++j) {
            const auto& a = fit.points[i];
            const auto& b = fit.points[j];
            const double slope = (b.value.value() - a.value.value()) / years(a.when, b.when);
            fit.slopes.push_back({a.when, b.when, as_quantity<Quantity>(slope)});
            slopes.push_back(slope);
        }
    }
    std::stable_sort(fit.slopes.begin(), fit.slopes.end(),
                     [](const auto& a, const auto& b) { return a.per_year.value() < b.per_year.value(); });
    fit.slope_per_year = as_quantity<Quantity>(percentile_inc(slopes, 0.5));
    fit.slope_p25_per_year = as_quantity<Quantity>(percentile_inc(slopes, 0.25));
    fit.slope_p75_per_year = as_quantity<Quantity>(percentile_inc(slopes, 0.75));
    return fit;
}

template <class Quantity>
std::optional<net_zero_estimate> net_zero_at_trend(period latest, Quantity latest_value, Quantity slope_per_year) {
    return net_zero_from(latest, latest_value.value(), slope_per_year.value());
}

// ---- status and RAG ----------------------------------------------------------------------------

std::string_view to_string(progress_status status) {
    switch (status) {
        case progress_status::on_track: return "on-track";
        case progress_status::at_risk: return "at-risk";
        case progress_status::off_track: return "off-track";
    }
    return "unknown";
}

std::string_view to_string(rag_rating rating) {
    switch (rating) {
        case rag_rating::green: return "green";
        case rag_rating::amber: return "amber";
        case rag_rating::red: return "red";
    }
    return "unknown";
}

template <class Quantity>
progress_status classify(Quantity actual, Quantity pathway) {
    if (actual <= pathway) return progress_status::on_track;
    if (actual <= pathway * (1.0 + at_risk_margin)) return progress_status::at_risk;
    return progress_status::off_track;
}

rag_rating rag_for(bool within_margin_of_pathway, bool projection_meets_milestone) {
    if (within_margin_of_pathway && projection_meets_milestone) return rag_rating::green;
    if (within_margin_of_pathway || projection_meets_milestone) return rag_rating::amber;
    return rag_rating::red;
}

std::string_view status_rule() {
    return "Status: on-track when the latest actual is at or below the pathway; at-risk when it is no more "
           "than 5% above it; off-track beyond that.";
}

std::string_view rag_rule() {
    return "RAG: green when the latest actual is no more than 5% above the pathway AND the trend projected "
           "to the next milestone meets its level; amber when exactly one of these holds; red when neither.";
}

// ---- evaluation --------------------------------------------------------------------------------

namespace {

template <class Quantity>
class evaluator {
public:
    evaluator(const target& t, const tracked_series<Quantity>& series)
        : target_(t),
          series_(series),
          show_(plain(series.unit())),
          report_{.baseline_period = t.baseline(), .latest_period = t.baseline()} {}

    progress_report<Quantity> run() {
        check_inputs();
        settle_baseline_and_latest();
        place_on_pathway();
        find_next_milestone();
        fit();
        rate();
        count_budget();
        return std::move(report_);
    }

private:
    std::string q(double canonical) const { return fixed(canonical / show_.unit, 1) + " " + show_.symbol; }
    std::string n(double canonical) const { return fixed(canonical / show_.unit, 1); }
    std::string per_year(double canonical) const { return fixed(canonical / show_.unit, 2) + " " + show_.symbol + "/yr"; }
    void explain(std::string title, std::string formula, std::string working) {
        report_.explanation.push_back({std::move(title), std::move(formula), std::move(working)});
    }

    void check_inputs() {
        if (series_.points().empty()) throw data_error("series '" + series_.name() + "' has no data");
        const period_kind kind = series_.points().front().when.kind();
        if (kind != target_.baseline().kind()) {
            throw data_error("target '" + target_.name() + "' uses " + std::string(to_string(target_.baseline().kind())) +
                             "s but series '" + series_.name() + "' holds " + std::string(to_string(kind)) + "s");
        }
        report_.target_name = target_.name();
        report_.entity = target_.entity();
        report_.series_name = target_.series();
        report_.unit = series_.unit();
        report_.pathway = target_.pathway();
    }

    void settle_baseline_and_latest() {
        const period b = target_.baseline();
        report_.baseline_period = b;
        if (target_.baseline_value()) {
            report_.baseline_value = require_gas(*target_.baseline_value(), "baseline value", target_, series_);
            report_.baseline_from = baseline_source::target;
        } else if (auto from_series = series_.value_at(b)) {
            report_.baseline_value = *from_series;
            report_.baseline_from = baseline_source::series;
        } else {
            throw missing_baseline(target_.name(), series_.name(), b);
        }
        if (!(report_.baseline_value.value() > 0.0)) {
            throw data_error("target '" + target_.name() + "': the baseline " + b.label() + " value must be more than zero");
        }
        const auto& latest = series_.points().back();
        if (earlier(latest.when, b)) {
            throw data_error("series '" + series_.name() + "' has no value at or after the baseline " + b.label() +
                             " (its latest is " + latest.when.label() + ")");
        }
        report_.latest_period = latest.when;
        report_.latest_value = latest.value;
        baseline_ = report_.baseline_value.value();
        actual_ = latest.value.value();
        report_.change_vs_baseline_pct = *percent_change(baseline_, actual_);  // the baseline is more than zero (above)

        explain("Baseline", "B = value in " + b.label(),
                "B = " + q(baseline_) +
                    (report_.baseline_from == baseline_source::target ? " (given with the target)" : " (from the series)"));
        explain("Latest actual", "A = latest value, y = its period", "A = " + q(actual_) + " in " + latest.when.label());
        explain("Change vs baseline", "(A - B) / B x 100",
                "(" + n(actual_) + " - " + n(baseline_) + ") / " + n(baseline_) + " x 100 = " +
                    fixed(report_.change_vs_baseline_pct, 1) + "%");
    }

    void place_on_pathway() {
        knots_ = pathway_knots(target_, baseline_);
        std::string levels;
        for (std::size_t i = 0; i < target_.milestones().size(); ++i) {
            const auto& m = target_.milestones()[i];
            if (!levels.empty()) levels += "; ";
            levels += m.when.label() + ": " + n(baseline_) + " x (1 - " + fixed(m.reduction_pct, 1) + "%) = " + q(knots_[i + 1].level);
        }
        explain("Milestone levels", "L = B x (1 - r)", levels);

        y_ = years(target_.baseline(), report_.latest_period);
        const auto at = pathway_at(target_.pathway(), knots_, y_, show_);
        pathway_ = at.value;
        report_.pathway_value = as_quantity<Quantity>(pathway_);
        report_.gap_to_pathway = as_quantity<Quantity>(actual_ - pathway_);
        explain("Pathway at " + report_.latest_period.label(),
                target_.pathway() == pathway_kind::linear
                    ? "linear between milestones: L0 + (L1 - L0) x (years since L0 / years between)"
                    : "constant rate between milestones: L0 x (L1/L0)^(years since L0 / years between); a segment "
                      "ending at net zero is linear",
                "P = " + at.working);

        report_.status = classify(report_.latest_value, report_.pathway_value);
        within_margin_ = actual_ <= pathway_ * (1.0 + at_risk_margin);
        explain("Status", std::string(status_rule()),
                "A = " + n(actual_) + ", P = " + n(pathway_) + ", P x 1.05 = " + n(pathway_ * (1.0 + at_risk_margin)) +
                    ", gap A - P = " + q(actual_ - pathway_) + ": " + std::string(to_string(report_.status)));
    }

    void find_next_milestone() {
        const auto& milestones = target_.milestones();
        for (std::size_t i = 0; i < milestones.size(); ++i) {
            const double level = knots_[i + 1].level;
            const double t = knots_[i + 1].x;
            if (t > y_ && level < actual_) {
                next_ = i;
                break;
            }
        }
        if (!next_) {
            explain("Next milestone", "the first milestone after the latest period whose level is below A",
                    "none: every later milestone is already met, or none is left");
            return;
        }
        const auto& m = milestones[*next_];
        const double level = knots_[*next_ + 1].level;
        const double to_go = knots_[*next_ + 1].x - y_;
        milestone_due<Quantity> due{m, as_quantity<Quantity>(level), to_go, as_quantity<Quantity>((actual_ - level) / to_go),
                                    std::nullopt};
        std::string constant = "not defined for a level of zero (net zero)";
        if (level > 0.0) {
            due.required_cut_pct_per_year = (1.0 - std::pow(level / actual_, 1.0 / to_go)) * 100.0;
            constant = "1 - (" + n(level) + " / " + n(actual_) + ")^(1/" + fixed(to_go, 0) + ") = " +
                       fixed(*due.required_cut_pct_per_year, 2) + "% per year";
        }
        explain("Next milestone", "the first milestone after the latest period whose level is below A",
                to_string(m) + ", t - y = " + fixed(to_go, 0) + " years, L = " + q(level));
        explain("Required rate (linear)", "(A - L) / (t - y)",
                "(" + n(actual_) + " - " + n(level) + ") / " + fixed(to_go, 0) + " = " + per_year(due.required_cut_per_year.value()));
        explain("Required rate (constant)", "1 - (L/A)^(1/(t - y)) per year, when L > 0", constant);
        report_.next_milestone = due;
    }

    void fit() {
        report_.trend = fit_trend(series_);
        if (!report_.trend) {
            report_.no_trend_reason = "no trend: " + std::to_string(series_.points().size()) +
                                      " period(s) with data, and a trend needs at least " + std::to_string(min_trend_points);
            explain("Trend", "Theil-Sen over the last 6 periods with data (at least 3)", report_.no_trend_reason);
            return;
        }
        const auto& fit = *report_.trend;
        std::string points;
        for (const auto& p : fit.points) points += (points.empty() ? "" : ", ") + p.when.label() + ": " + n(p.value.value());
        explain("Trend points", "the last " + std::to_string(trend_window) + " periods with data", points + " " + show_.symbol);
        std::string slopes;
        for (const auto& s : fit.slopes) {
            slopes += (slopes.empty() ? "" : ", ") + s.from.label() + "-" + s.to.label() + ": " + fixed(s.per_year.value() / show_.unit, 2);
        }
        explain("Pairwise slopes", "(v_j - v_i) / (x_j - x_i) for each pair, ascending", slopes + " " + show_.symbol + "/yr");
        const double count = static_cast<double>(fit.slopes.size() - 1);
        explain("Theil-Sen slope and band",
                "median of the pairwise slopes; band = their 25th and 75th percentiles, rank (N - 1) x p "
                "interpolated linearly (PERCENTILE.INC)",
                "N = " + std::to_string(fit.slopes.size()) + "; ranks " + fixed(count * 0.25, 2) + ", " + fixed(count * 0.5, 2) +
                    ", " + fixed(count * 0.75, 2) + " (from 0): P25 = " + per_year(fit.slope_p25_per_year.value()) +
                    ", median = " + per_year(fit.slope_per_year.value()) + ", P75 = " + per_year(fit.slope_p75_per_year.value()));

        slope_ = fit.slope_per_year.value();
        report_.net_zero = net_zero_from(report_.latest_period, actual_, slope_);
        report_.net_zero_earliest = net_zero_from(report_.latest_period, actual_, fit.slope_p25_per_year.value());
        report_.net_zero_latest = net_zero_from(report_.latest_period, actual_, fit.slope_p75_per_year.value());
        const std::string y_label = std::to_string(report_.latest_period.start_year());
        const std::string axis_note = financial_axis_note(report_.latest_period, report_.net_zero);
        explain("Net-zero year at trend", "y + A / (-slope) when the slope is negative; band from P25 and P75",
                report_.net_zero ? y_label + " + " + n(actual_) + " / " + fixed(-slope_ / show_.unit, 2) + " = " +
                                       fixed(report_.net_zero->year, 1) + " (band " + describe(report_.net_zero_earliest) +
                                       " to " + describe(report_.net_zero_latest) + ")" + axis_note
                                 : "not at current trend: the slope " + per_year(slope_) + " is not falling");
    }

    void rate() {
        bool projection_meets = false;
        if (next_) {
            const double level = knots_[*next_ + 1].level;
            const double to_go = knots_[*next_ + 1].x - y_;
            if (report_.trend) {
                const double projected = actual_ + slope_ * to_go;
                report_.projected_at_next_milestone = as_quantity<Quantity>(projected);
                projection_meets = projected <= level;
                explain("Projection at " + target_.milestones()[*next_].when.label(), "A + slope x (t - y)",
                        n(actual_) + (slope_ < 0.0 ? " - " : " + ") + fixed(std::abs(slope_) / show_.unit, 2) + " x " +
                            fixed(to_go, 0) + " = " + q(projected) +
                            (projection_meets ? ", meets L = " : ", misses L = ") + q(level));
            } else {
                explain("RAG", std::string(rag_rule()), "no RAG: there is no trend to project to the next milestone");
                return;
            }
        } else {
            // With no milestone left to meet, the projection test is whether A already meets the final level.
            const double final_level = knots_.back().level;
            projection_meets = actual_ <= final_level;
        }
        report_.rag = rag_for(within_margin_, projection_meets);
        explain("RAG", std::string(rag_rule()),
                std::string(within_margin_ ? "within" : "more than") + " 5% above the pathway; projection " +
                    (projection_meets ? "meets" : "misses") + " the next milestone: " + std::string(to_string(*report_.rag)));
    }

    void count_budget() {
        if (!target_.budget()) return;
        const auto& budget = *target_.budget();
        budget_use<Quantity> use{require_gas(budget.amount, "carbon budget", target_, series_), budget.from, Quantity{}, {}, Quantity{},
                                 std::nullopt, false, std::nullopt};
        const double amount = use.amount.value();
        const auto& points = series_.points();
        double used = 0.0;
        std::string terms;
        std::optional<period> overspent_in;
        if (!earlier(report_.latest_period, budget.from)) {
            if (earlier(budget.from, points.front().when)) {
                throw data_error("target '" + target_.name() + "': the carbon budget counts from " + budget.from.label() +
                                 " but series '" + series_.name() + "' starts in " + points.front().when.label());
            }
            std::size_t next = 0;
            for (period p = budget.from; !earlier(report_.latest_period, p); p = p + date::years{1}) {
                while (earlier(points[next].when, p)) ++next;
                double value = points[next].value.value();
                std::string flag;
                if (!(points[next].when == p)) {
                    // A gap: the straight line between the values either side of it.
                    const auto& before = points[next - 1];
                    const auto& after = points[next];
                    value = before.value.value() + (after.value.value() - before.value.value()) * years(before.when, p) /
                                                       years(before.when, after.when);
                    use.interpolated.push_back({p, as_quantity<Quantity>(value)});
                    flag = "*";
                }
                used += value;
                if (!overspent_in && used > amount) overspent_in = p;
                terms += (terms.empty() ? "" : " + ") + n(value) + flag;
            }
        }
        use.used = as_quantity<Quantity>(used);
        const double remaining = amount - used;
        use.remaining = as_quantity<Quantity>(remaining);
        use.exhausted = overspent_in.has_value();
        explain("Carbon budget used", "sum of actuals from " + budget.from.label() + " to " + report_.latest_period.label() +
                                          " (* = gap interpolated linearly)",
                (terms.empty() ? std::string("nothing yet") : terms) + " = " + q(used));
        explain("Carbon budget remaining", "C - used", n(amount) + " - " + n(used) + " = " + q(remaining));

        if (use.exhausted) {
            use.runs_out = overspent_in;
            explain("Carbon budget runs out", "the period in which the actuals passed C", overspent_in->label());
        } else {
            if (remaining + actual_ > 0.0) {
                use.constant_cut_pct_per_year = actual_ / (remaining + actual_) * 100.0;
                explain("Constant rate within the budget", "A / (remaining + A)",
                        n(actual_) + " / (" + n(remaining) + " + " + n(actual_) + ") = " + fixed(*use.constant_cut_pct_per_year, 2) +
                            "% per year");
            }
            if (report_.trend) {
                use.runs_out = trend_runs_out(remaining);
                explain("Carbon budget runs out", "first period after y whose emissions on the trend, max(0, A + slope x k), "
                                                  "take the cumulative total past the remainder",
                        use.runs_out ? use.runs_out->label() : "not on the current trend");
            }
        }
        report_.budget = std::move(use);
    }

    std::optional<period> trend_runs_out(double remaining) const {
        double cumulative = 0.0;
        for (int k = 1; k <= budget_horizon_years; ++k) {
            const double emitted = actual_ + slope_ * k;
            if (emitted <= 0.0 && slope_ <= 0.0) return std::nullopt;
            cumulative += std::max(emitted, 0.0);
            if (cumulative > remaining) return report_.latest_period + date::years{k};
        }
        return std::nullopt;
    }

    const target& target_;
    const tracked_series<Quantity>& series_;
    display_unit<double> show_;
    progress_report<Quantity> report_;
    std::vector<knot> knots_;
    double baseline_ = 0.0;
    double actual_ = 0.0;
    double pathway_ = 0.0;
    double y_ = 0.0;
    double slope_ = 0.0;
    bool within_margin_ = false;
    std::optional<std::size_t> next_;
};

}  // namespace

template <class Quantity>
progress_report<Quantity> evaluate(const target& t, const tracked_series<Quantity>& series) {
    return evaluator<Quantity>(t, series).run();
}

#define CARBONTRACK_INSTANTIATE_PROGRESS(Q)                                                                  \
    template class tracked_series<Q>;                                                                       \
    template Q pathway_value<Q>(const target&, Q, period);                                                  \
    template std::optional<trend_fit<Q>> fit_trend<Q>(const tracked_series<Q>&);                            \
    template std::optional<net_zero_estimate> net_zero_at_trend<Q>(period, Q, Q);                           \
    template progress_status classify<Q>(Q, Q);                                                             \
    template progress_report<Q> evaluate<Q>(const target&, const tracked_series<Q>&);

CARBONTRACK_INSTANTIATE_PROGRESS(units::co2e_mass)
CARBONTRACK_INSTANTIATE_PROGRESS(units::co2_mass)

#undef CARBONTRACK_INSTANTIATE_PROGRESS

// Indicators (indicator_progress.cpp) use the series, the Theil-Sen fit and the status rule on their
// own quantities; pathways, budgets and evaluate() stay specific to emissions targets.
#define CARBONTRACK_INSTANTIATE_INDICATOR_PROGRESS(Q)                                                        \
    template class tracked_series<Q>;                                                                       \
    template std::optional<trend_fit<Q>> fit_trend<Q>(const tracked_series<Q>&);                            \
    template progress_status classify<Q>(Q, Q);

CARBONTRACK_INSTANTIATE_INDICATOR_PROGRESS(units::share)
CARBONTRACK_INSTANTIATE_INDICATOR_PROGRESS(units::energy)
CARBONTRACK_INSTANTIATE_INDICATOR_PROGRESS(units::material_mass)
CARBONTRACK_INSTANTIATE_INDICATOR_PROGRESS(units::power)

#undef CARBONTRACK_INSTANTIATE_INDICATOR_PROGRESS

}  // namespace carbontrack
