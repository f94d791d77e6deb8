// The standard charts (trajectory, sources, area, indicator) built from domain values, not from the
// database. Each is compiled for units::co2e_mass and units::co2_mass where it takes a quantity.
#pragma once

#include "carbontrack/chart.hpp"
#include "carbontrack/period.hpp"
#include "carbontrack/progress.hpp"
#include "carbontrack/target.hpp"

#include <optional>
#include <string>
#include <vector>

namespace carbontrack::chart {

// The words around a chart. The title reads "{what}, {where}".
struct chart_text {
    std::string what;    // "Own-operations emissions"
    std::string where;   // "Leicestershire County Council"
    std::string source;  // "Source: DESNZ local authority GHG statistics, release 2024"
};

// Actuals with markers, the target pathway dashed, milestones labelled ("64% below 2016/17"), the
// baseline marked, the trend projected from the latest actual with its 25-75% band shaded, and the
// net-zero year at trend. `report` must be evaluate(goal, actuals).
template <class Quantity>
spec trajectory_chart(const target& goal, const tracked_series<Quantity>& actuals, const progress_report<Quantity>& report,
                       const chart_text& text);

// One category of a breakdown (a source, a scope, a sector) over periods; a missing period is absent.
template <class Quantity>
struct category_series {
    std::string name;
    std::vector<series_point<Quantity>> points;
};

// What a period without a reported total stands for: the sum of its categories (an inventory of
// every activity), or a partial breakdown whose total is not known (an organisation that publishes totals).
enum class unreported_totals { summed, unknown };

// Stacked bars per period, one colour per category, with each period's total above its bar.
// `totals` are the reported totals where a period has one; other periods are summed, or unlabelled.
template <class Quantity>
spec sources_chart(const std::vector<category_series<Quantity>>& categories, const std::vector<series_point<Quantity>>& totals,
                    const display_unit<Quantity>& unit, const chart_text& text, unreported_totals unreported = unreported_totals::summed);

struct population_point {
    period when;
    double persons;
};

// A target's straight-line route drawn over an area's emissions, from its baseline value.
template <class Quantity>
struct area_pathway {
    target goal;
    Quantity baseline_value;
};

// Per person: each sector over the population of the same year, counted in `unit` ("tCO2 per
// person"); the stack then sums to total / population. Years without a population are left out.
template <class Quantity>
struct per_person_view {
    std::vector<population_point> population;
    display_unit<Quantity> unit;
};

// An authority's emissions by sector, with what to draw over them.
template <class Quantity>
struct area_series {
    std::vector<category_series<Quantity>> sectors;
    display_unit<Quantity> unit;
    std::optional<area_pathway<Quantity>> pathway;
    std::optional<per_person_view<Quantity>> per_person;
};

// Stacked areas of the sectors over the years with their total and, in totals only, the target
// pathway. A pathway is a route for total emissions; without a population projection it has no
// per-person form, so a per-person chart leaves it out.
template <class Quantity>
spec area_chart(const area_series<Quantity>& area, const chart_text& text);

struct indicator_value {
    period when;
    double value;
    std::string qualifier;  // a published figure's words before the number: "more than", "about"; or empty
};

// An indicator is not always a physical quantity (trees, per cent, vehicles), so it comes as numbers
// with the unit in words.
struct indicator_series {
    std::string unit_label;  // "trees", "% of consumption"
    std::vector<indicator_value> values;
    bool cumulative = false;  // draw the running total of the values
    std::optional<double> goal;
    std::string goal_label;          // "700,000 trees commitment"
    std::optional<period> goal_by;   // the period the goal is due, marked on the axis
};

spec indicator_chart(const indicator_series& series, const chart_text& text);

}  // namespace carbontrack::chart
