// The standard charts drawn from what a store holds: a target's trajectory, the inventory by source
// or scope, an authority's sectors, an indicator, and the sets `plot all` and `--all-authorities` draw.
#pragma once

#include "carbontrack/area.hpp"
#include "carbontrack/chart.hpp"
#include "carbontrack/indicator.hpp"
#include "carbontrack/store.hpp"
#include "carbontrack/summary.hpp"
#include "carbontrack/target.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack::plot {

// A chart with the file name it is written under, without its extension.
struct named_chart {
    std::string name;
    chart::spec chart;
};

// A file name from any text (an authority code, a target's name): ASCII letters and digits kept,
// lower-cased; every other run of characters becomes one '-'. Never empty, never starts with '.' or '-'.
std::string file_stem(std::string_view text);

// Numbers repeated names ("e06000001", "e06000001-2") so no chart of a set overwrites another.
void make_names_unique(std::vector<named_chart>& charts);

// A stored target of the organisation against its series; area series come from `release` (newest
// when empty). Throws data_error (or missing_baseline) when the target cannot be assessed.
chart::spec trajectory(const store& db, const organisation& org, const target& goal, const std::string& release);

// The organisation's own-operations emissions per period, stacked by source or by scope, with each
// period's total (a reported total stands; the unattributed remainder is its own band).
chart::spec sources(const store& db, const organisation& org, breakdown by);
// The same chart from periods already summarised (the report draws its last five); each bar's total
// is the one total rule's, and a partial period has none.
chart::spec sources_chart(const std::vector<period_summary>& summaries, const std::string& organisation_name, breakdown by);

// How the pathway drawn over an authority's sectors is chosen: the organisation's own target for that
// authority and measure when it has one, else net zero by `net_zero_year` from the first year.
struct area_request {
    std::string authority;  // a code or name, as area summary --la takes it
    bool per_person = false;
    std::string release;    // empty: the newest
    area_measure measure = area_measure::within_scope;
    int net_zero_year = 2045;
};
chart::spec area(const store& db, const organisation& org, const area_request& request);

// One of the organisation's indicators for its whole area (or its areas summed): a flow's running
// total, a level's values, against the goal. Throws data_error when it has no values to draw.
chart::spec indicator(const store& db, const organisation& org, const std::string& name);

// The chart of one built series of an indicator (what `indicator` draws, and the report too): a
// flow's running total or the values, the goal, a published qualifier ("more than") kept with the
// latest figure, and the source named by its publisher's site rather than a full web address.
chart::spec indicator_chart(const indicator_definition& definition, const indicator_series& series, const std::string& where,
                            const std::vector<std::string>& sources);

// Every district and unitary of a release (or every council of `tiers`) against net zero by
// `net_zero_year` from its first year, one chart each named by its authority code. An authority that
// cannot be charted is left out and listed in `skipped` as "CODE: why".
std::vector<named_chart> every_authority(const store& db, const std::string& series, int net_zero_year, const std::string& release,
                                         const std::vector<area_tier>& tiers, std::vector<std::string>& skipped);

// The standard set for the organisation: each target's trajectory, its sources, the county area
// (the entity of its area target, else E10000018 when the release holds it) and each indicator with
// data. What cannot be drawn is left out and listed in `skipped` with the reason.
std::vector<named_chart> standard_set(const store& db, const organisation& org, const std::string& release,
                                      std::vector<std::string>& skipped);

}  // namespace carbontrack::plot
