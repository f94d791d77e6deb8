// Where the ticks go: period labels on x, round numbers with thousands separators on y. Private to
// the chart module; gnuplot is given the ticks rather than left to choose, so labels read "12,000".
#pragma once

#include "carbontrack/chart.hpp"

#include <string>
#include <vector>

namespace carbontrack::chart {

struct tick {
    double position;
    std::string label;  // empty for a minor tick
    int row = 0;        // 1: drawn a line lower, clear of its neighbour's label
};

// One labelled tick per 1, 2, 5, 10... years counted from the first (a trajectory's baseline), so
// labels never crowd an axis `width_px` long; unlabelled ticks on the years between.
std::vector<tick> period_ticks(const period_axis& axis, double width_px);

// A bar chart's axis: every bar's period labelled, since a reader looks a bar up by its period (a
// sparse record's few bars would otherwise fall between labelled years). A label that would touch its
// neighbour's drops to a second row; one that would touch on both rows is left off. Years without a
// bar get unlabelled ticks.
std::vector<tick> bar_ticks(const period_axis& axis, const std::vector<double>& bars, double width_px);

struct value_scale {
    double low;
    double high;
    std::vector<tick> ticks;
};

// A range up to a round number covering [data_low, data_high] with room above for labels, starting
// at zero when `from_zero` holds and no value is negative. Below zero it stops just under the lowest
// value rather than at a round number, so a small sink does not take a whole tick step of space.
value_scale value_ticks(double data_low, double data_high, bool from_zero);

}  // namespace carbontrack::chart
