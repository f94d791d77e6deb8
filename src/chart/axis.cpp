#include "chart/axis.hpp"

#include "carbontrack/output.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace carbontrack::chart {
namespace {

// Tick labels are 11 points: "2016/17" measures 62 of the 900-pixel page in DejaVu Sans, so 8 pixels a
// character is a safe bound, with room between neighbours.
constexpr double tick_char_px = 8.0;
constexpr double tick_gap_px = 8.0;

constexpr double label_headroom = 0.08;  // of the data's span, for text drawn above the highest point
constexpr int intended_intervals = 6;

// The room one period label needs, its neighbour's gap included.
double label_px(const period_axis& axis) {
    const int first = static_cast<int>(std::ceil(axis.first));
    return static_cast<double>(period::from_key(axis.kind, first).label().size()) * tick_char_px + tick_gap_px;
}

}  // namespace

double axis_position(period p) { return static_cast<double>(p.start_year()); }

std::vector<tick> period_ticks(const period_axis& axis, double width_px) {
    const int first = static_cast<int>(std::ceil(axis.first));
    const int last = static_cast<int>(std::floor(axis.last));
    const double needed_px = label_px(axis);
    const double span = std::max(axis.last - axis.first, 1.0);
    // Calendar years read best in fives and tens; financial years count from the baseline, so any step does.
    const auto steps = axis.kind == period_kind::calendar_year ? std::vector<int>{1, 2, 5, 10, 20, 50, 100}
                                                               : std::vector<int>{1, 2, 3, 4, 5, 10, 20, 50, 100};
    int step = 1;
    for (const int candidate : steps) {
        step = candidate;
        if (width_px * candidate / span >= needed_px) break;
    }
    std::vector<tick> ticks;
    for (int year = first; year <= last; ++year) {
        if ((year - first) % step == 0) {
            ticks.push_back({static_cast<double>(year), period::from_key(axis.kind, year).label()});
        } else if (step <= 10) {
            ticks.push_back({static_cast<double>(year), {}});
        }
    }
    return ticks;
}

std::vector<tick> bar_ticks(const period_axis& axis, const std::vector<double>& bars, double width_px) {
    const int first = static_cast<int>(std::ceil(axis.first));
    const int last = static_cast<int>(std::floor(axis.last));
    const double span = std::max(axis.last - axis.first, 1.0);
    const double min_gap = label_px(axis) * span / width_px;  // in years
    std::vector<tick> ticks;
    for (int year = first; year <= last; ++year) ticks.push_back({static_cast<double>(year), {}});
    // From the latest bar back, so the period a reader looks for first is always on the top row.
    constexpr double none = std::numeric_limits<double>::infinity();
    double row_last[2] = {none, none};
    for (auto it = ticks.rbegin(); it != ticks.rend(); ++it) {
        if (std::find(bars.begin(), bars.end(), it->position) == bars.end()) continue;
        for (int row = 0; row < 2; ++row) {
            if (row_last[row] - it->position < min_gap) continue;
            it->label = period::from_key(axis.kind, static_cast<int>(it->position)).label();
            it->row = row;
            row_last[row] = it->position;
            break;
        }
    }
    return ticks;
}

value_scale value_ticks(double data_low, double data_high, bool from_zero) {
    double low = data_low;
    double high = data_high;
    if (from_zero && low >= 0.0) low = 0.0;
    if (!(high > low)) high = low + std::max(std::abs(low) * 0.1, 1.0);
    high += (high - low) * label_headroom;

    const double raw_step = (high - low) / intended_intervals;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw_step)));
    double step = 10.0 * magnitude;
    for (const double nice : {1.0, 2.0, 2.5, 5.0}) {
        if (nice * magnitude >= raw_step) {
            step = nice * magnitude;
            break;
        }
    }
    const int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    const double first = std::floor(low / step + 1e-9);
    const double last = std::ceil(high / step - 1e-9);

    // Below zero the range stops a little under the lowest value, not at the next round number.
    const double floor_value = low < 0.0 ? std::max(first * step, low - (high - low) * 0.03) : first * step;
    value_scale scale{floor_value, last * step, {}};
    for (double k = first; k <= last; k += 1.0) {
        if (k * step < floor_value) continue;
        const double value = std::abs(k) < 0.5 ? 0.0 : k * step;
        scale.ticks.push_back({value, output::display_number(value, decimals)});
    }
    return scale;
}

}  // namespace carbontrack::chart
