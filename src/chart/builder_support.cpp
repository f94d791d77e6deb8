#include "chart/builder_support.hpp"

#include "carbontrack/output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace carbontrack::chart {

std::string title_of(const chart_text& text) {
    if (text.what.empty()) return text.where;
    if (text.where.empty()) return text.what;
    return text.what + ", " + text.where;
}

std::string figure(double value) { return output::display_number(value, std::abs(value) >= 100.0 ? 0 : 1); }

std::string percent(double value) {
    const bool whole = std::abs(value - std::round(value)) < 0.05;
    return output::display_number(value, whole ? 0 : 1) + "%";
}

std::string period_label_at(double x, period_kind kind) {
    return period::from_key(kind, static_cast<int>(std::floor(x))).label();
}

void require_kind(period_kind kind, const std::vector<period>& periods, const std::string& what) {
    for (const auto& p : periods) {
        if (p.kind() != kind) {
            throw data_error(what + " mixes " + std::string(to_string(kind)) + "s with " + std::string(to_string(p.kind())) + "s (" +
                             p.label() + "); a chart has one kind of period");
        }
    }
}

std::vector<period> period_range(const std::vector<period>& periods) {
    if (periods.empty()) return {};
    const auto [low, high] = std::minmax_element(periods.begin(), periods.end(),
                                                 [](period a, period b) { return a.start_year() < b.start_year(); });
    std::vector<period> range;
    for (int year = low->start_year(); year <= high->start_year(); ++year) range.push_back(period::from_key(low->kind(), year));
    return range;
}

template <class Quantity>
numbered_series number_series(const std::vector<series_point<Quantity>>& points, Quantity unit) {
    std::vector<period> when;
    for (const auto& p : points) when.push_back(p.when);
    numbered_series out;
    out.periods = period_range(when);
    out.values.assign(out.periods.size(), std::numeric_limits<double>::quiet_NaN());
    if (out.periods.empty()) return out;
    const int first = out.periods.front().start_year();
    for (const auto& p : points) out.values[static_cast<std::size_t>(p.when.start_year() - first)] = units::in(p.value, unit);
    return out;
}

template numbered_series number_series(const std::vector<series_point<units::co2e_mass>>&, units::co2e_mass);
template numbered_series number_series(const std::vector<series_point<units::co2_mass>>&, units::co2_mass);

std::vector<xy> line_points(const numbered_series& series) {
    std::vector<xy> points;
    for (std::size_t i = 0; i < series.periods.size(); ++i) points.push_back({axis_position(series.periods[i]), series.values[i]});
    return points;
}

}  // namespace carbontrack::chart
