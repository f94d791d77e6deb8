#include "carbontrack/chart_builders.hpp"
#include "carbontrack/percent_change.hpp"

#include "chart/builder_support.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace carbontrack::chart {
namespace {

// A reported total within this share of its components' sum is the sum, up to rounding in the source.
constexpr double rounding_share = 1e-6;

}  // namespace

template <class Quantity>
spec sources_chart(const std::vector<category_series<Quantity>>& categories, const std::vector<series_point<Quantity>>& totals,
                    const display_unit<Quantity>& unit, const chart_text& text, unreported_totals unreported) {
    std::vector<period> all;
    for (const auto& c : categories)
        for (const auto& p : c.points) all.push_back(p.when);
    for (const auto& p : totals) all.push_back(p.when);
    if (all.empty()) throw data_error("there are no emissions to chart for " + title_of(text));
    const period_kind kind = all.front().kind();
    require_kind(kind, all, "the breakdown");
    const std::vector<period> periods = period_range(all);
    const auto slot = [&](period p) { return static_cast<std::size_t>(p.start_year() - periods.front().start_year()); };
    const double missing = std::numeric_limits<double>::quiet_NaN();

    stacked_layer stack;
    stack.style = stack_style::bars;
    stack.show_totals = false;
    stack.label_totals = true;
    stack.sum_unreported = unreported == unreported_totals::summed;
    if (!stack.sum_unreported) stack.unknown_total_label = "no total";
    for (const auto& p : periods) stack.x.push_back(axis_position(p));
    for (const auto& c : categories) {
        stack_category category{c.name, std::vector<double>(periods.size(), missing), std::nullopt};
        for (const auto& p : c.points) category.values[slot(p.when)] = units::in(p.value, unit.unit);
        stack.categories.push_back(std::move(category));
    }

    // A reported total stands; what its components do not explain is shown as its own band.
    stack.totals.assign(periods.size(), missing);
    for (const auto& p : totals) stack.totals[slot(p.when)] = units::in(p.value, unit.unit);
    std::vector<double> sums(periods.size(), missing);
    stack_category remainder{"Not attributed", std::vector<double>(periods.size(), 0.0), colour::grey};
    bool any_remainder = false;
    for (std::size_t i = 0; i < periods.size(); ++i) {
        double explained = 0.0;
        bool complete = true;
        for (const auto& cat : stack.categories) {
            if (std::isfinite(cat.values[i])) explained += cat.values[i];
            else complete = false;
        }
        const double total = stack.totals[i];
        if (!std::isfinite(total)) {
            if (complete && unreported == unreported_totals::summed) sums[i] = explained;
            continue;
        }
        sums[i] = total;
        if (total - explained > std::abs(total) * rounding_share) {
            remainder.values[i] = total - explained;
            any_remainder = true;
        }
    }
    if (any_remainder) stack.categories.push_back(std::move(remainder));

    spec c;
    c.title = title_of(text);
    c.source = text.source;
    c.x = {kind, axis_position(periods.front()), axis_position(periods.back())};
    c.y = {"Emissions (" + unit.symbol + ")", true};

    // The headline: the latest total and its change on the period before.
    const std::size_t last = periods.size() - 1;
    if (std::isfinite(sums[last])) {
        c.subtitle = periods[last].label() + " total: " + figure(sums[last]) + " " + unit.symbol;
        if (last > 0 && std::isfinite(sums[last - 1]) && sums[last - 1] != 0.0) {
            const double change = *percent_change(sums[last - 1], sums[last]);
            c.subtitle += ", " + std::string(change <= 0.0 ? "down " : "up ") + percent(std::abs(change)) + " on " + periods[last - 1].label();
        }
    }
    stack.total_decimals = std::any_of(sums.begin(), sums.end(), [](double s) { return std::isfinite(s) && std::abs(s) < 100.0; }) ? 1 : 0;
    c.layers.emplace_back(std::move(stack));
    return c;
}

template spec sources_chart(const std::vector<category_series<units::co2e_mass>>&, const std::vector<series_point<units::co2e_mass>>&,
                             const display_unit<units::co2e_mass>&, const chart_text&, unreported_totals);
template spec sources_chart(const std::vector<category_series<units::co2_mass>>&, const std::vector<series_point<units::co2_mass>>&,
                             const display_unit<units::co2_mass>&, const chart_text&, unreported_totals);

}  // namespace carbontrack::chart
