// What the chart builders share: titles, number wording, and turning period series into x/y points.
// Private to the chart module.
#pragma once

#include "carbontrack/chart.hpp"
#include "carbontrack/chart_builders.hpp"

#include <string>
#include <vector>

namespace carbontrack::chart {

// "{what}, {where}", or whichever of the two is given.
std::string title_of(const chart_text& text);

// A figure for a sentence: no decimals from 100 upwards, one below, thousands separated ("12,345").
std::string figure(double value);

// "64%" or "12.5%": decimals only when the number needs them.
std::string percent(double value);

// The label of the period of `kind` holding the axis position `x` (2041.3 on financial years is 2041/42).
std::string period_label_at(double x, period_kind kind);

// Throws data_error unless every period is of `kind`.
void require_kind(period_kind kind, const std::vector<period>& periods, const std::string& what);

// Every period from the first to the last of `periods`, in order (a missing year stays a slot).
std::vector<period> period_range(const std::vector<period>& periods);

struct numbered_series {
    std::vector<period> periods;  // every period from the first value to the last
    std::vector<double> values;   // one per period; NaN where the series has no value
};

// A series on a full run of periods, each value counted in `unit`.
template <class Quantity>
numbered_series number_series(const std::vector<series_point<Quantity>>& points, Quantity unit);

// x/y points of `series` with a NaN y for each missing period, which the chart draws as a gap.
std::vector<xy> line_points(const numbered_series& series);

}  // namespace carbontrack::chart
