// Progress of one indicator series towards its goal. The maths runs on the indicator's quantity
// type, with the Theil-Sen fit and status rules of the emissions targets (progress.cpp).
#include "carbontrack/indicator.hpp"

#include "carbontrack/error.hpp"

#include <cmath>

namespace carbontrack {
namespace {

bool meets(desired_direction direction, double value, double goal) { return direction == desired_direction::up ? value >= goal : value <= goal; }

template <class Quantity>
class indicator_evaluator {
public:
    indicator_evaluator(const indicator_definition& d, const indicator_series& s, Quantity one) : definition_(d), series_(s), one_(one) {}

    indicator_progress run() {
        report_.indicator = definition_.name;
        report_.area = series_.area;
        report_.combined = series_.combined;
        report_.kind = definition_.kind;
        report_.direction = definition_.direction;
        report_.unit = definition_.unit;
        report_.goal = definition_.goal;
        report_.notes = series_.notes;
        if (!series_.values.empty()) report_.latest = series_.values.back();
        if (!series_.running_total.empty()) report_.running_total = series_.running_total.back();
        const auto& tracked = definition_.kind == indicator_kind::flow ? series_.running_total : series_.values;
        if (tracked.empty()) {
            if (definition_.kind == indicator_kind::flow && !series_.values.empty())
                report_.notes.push_back("no running total is known, so progress to the goal cannot be measured");
            return std::move(report_);
        }
        const auto series = typed(tracked);
        actual_ = tracked.back();
        fit(series);
        if (definition_.goal) against_goal(*definition_.goal, tracked, series);
        return std::move(report_);
    }

private:
    Quantity quantity(double amount) const { return amount * one_; }
    double amount(Quantity q) const { return in(q, one_); }

    tracked_series<Quantity> typed(const std::vector<indicator_point>& points) const {
        std::vector<series_point<Quantity>> typed_points;
        for (const auto& p : points) typed_points.push_back({p.when, quantity(p.amount)});
        return tracked_series<Quantity>(definition_.name, {one_, definition_.unit}, std::move(typed_points));
    }

    void fit(const tracked_series<Quantity>& series) {
        const auto trend = fit_trend(series);
        if (!trend) {
            if (!definition_.goal) return;
            report_.notes.push_back("no trend: " + std::to_string(series.points().size()) + " period(s) with data, and a trend needs at least " +
                                    std::to_string(min_trend_points));
            return;
        }
        slope_ = amount(trend->slope_per_year);
        report_.trend_per_year = slope_;
        report_.trend_p25_per_year = amount(trend->slope_p25_per_year);
        report_.trend_p75_per_year = amount(trend->slope_p75_per_year);
    }

    void against_goal(const indicator_goal& goal, const std::vector<indicator_point>& tracked, const tracked_series<Quantity>& series) {
        const double a = actual_.amount;
        const double g = goal.value;
        const period y = actual_.when;
        if (goal.deadline && goal.deadline->kind() != y.kind()) {
            report_.notes.push_back("the goal's deadline " + goal.deadline->label() + " is not the series' kind of period");
            return;
        }
        const period b = goal.baseline.value_or(tracked.front().when);
        report_.baseline_period = b;
        const auto baseline = series.value_at(b);
        if (baseline) report_.baseline_value = amount(*baseline);
        else report_.notes.push_back("the baseline " + b.label() + " has no value, so there is no pathway");

        if (definition_.direction == desired_direction::up) {
            if (g != 0.0) report_.goal_pct = a / g * 100.0;
        } else if (baseline && report_.baseline_value != g) {
            report_.goal_pct = (*report_.baseline_value - a) / (*report_.baseline_value - g) * 100.0;
        }
        if (!goal.deadline) {
            report_.notes.push_back("the goal has no deadline: no required rate, pathway or RAG");
            return;
        }
        const period t = *goal.deadline;
        const double to_go = years(y, t);
        report_.years_to_deadline = to_go;
        if (to_go > 0.0) {
            report_.required_per_year = meets(definition_.direction, a, g) ? 0.0 : (g - a) / to_go;
            if (report_.trend_per_year) report_.projected_at_deadline = a + slope_ * to_go;
        } else {
            report_.notes.push_back("the deadline " + t.label() + " has passed; the latest value is judged against the goal itself");
        }
        if (!goal.baseline && !earlier(b, y)) {
            report_.notes.push_back("no pathway: the series has no value before " + y.label() + " and the goal gives no baseline");
            return;
        }
        if (baseline) rate(*report_.baseline_value, b, t, g);
    }

    // The emissions targets' status and RAG, mirrored for direction up.
    void rate(double baseline, period b, period t, double g) {
        const double a = actual_.amount;
        const period y = actual_.when;
        const double span = years(b, t);
        const double x = years(b, y);
        const double p = x <= 0.0 ? baseline : x >= span ? g : baseline + (g - baseline) * x / span;
        report_.pathway_value = p;
        if (definition_.direction == desired_direction::down) {
            report_.status = classify(quantity(a), quantity(p));
        } else {
            report_.status = a >= p ? progress_status::on_track
                           : a >= p * (1.0 - at_risk_margin) ? progress_status::at_risk
                                                              : progress_status::off_track;
        }
        const bool within_margin = *report_.status != progress_status::off_track;
        bool projection_meets = false;
        if (years(y, t) <= 0.0) {
            projection_meets = meets(definition_.direction, a, g);
        } else if (report_.projected_at_deadline) {
            projection_meets = meets(definition_.direction, *report_.projected_at_deadline, g);
        } else {
            report_.notes.push_back("no RAG: there is no trend to project to the deadline");
            return;
        }
        report_.rag = rag_for(within_margin, projection_meets);
    }

    const indicator_definition& definition_;
    const indicator_series& series_;
    Quantity one_;
    indicator_progress report_;
    indicator_point actual_{calendar_year{1900}, 0.0, value_quality::unspecified};
    double slope_ = 0.0;
};

}  // namespace

indicator_progress evaluate(const indicator_definition& definition, const indicator_series& series) {
    const auto unit = parse_indicator_unit(definition.unit);
    return std::visit([&](auto one) { return indicator_evaluator<decltype(one)>(definition, series, one).run(); }, unit.one);
}

std::string_view rag_rule_for_up() {
    return "Where more is better (direction up) the rule is mirrored: within the margin means no more than 5% below the "
           "pathway, and the trend projected to the deadline meets the goal when it reaches it.";
}

}  // namespace carbontrack
