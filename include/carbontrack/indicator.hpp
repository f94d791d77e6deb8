// An indicator is a named series of values with a unit, a kind and a desired direction, checked
// against an optional goal. A missing period is absent, never zero; a ratio is always computed.
#pragma once

#include "carbontrack/correction.hpp"
#include "carbontrack/indicator_units.hpp"
#include "carbontrack/period.hpp"
#include "carbontrack/progress.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace carbontrack {

class error_collector;

// flow: an amount per period (trees planted this year), judged on its running total;
// level: a value per period (recycling %, vehicles licensed);
// ratio: numerator / denominator of two other indicators, as a % share.
enum class indicator_kind { flow, level, ratio };
std::string_view to_string(indicator_kind kind);
std::optional<indicator_kind> parse_indicator_kind(std::string_view text);

// Which way is better: up for trees planted, down for waste landfilled.
enum class desired_direction { up, down };
std::string_view to_string(desired_direction direction);
std::optional<desired_direction> parse_direction(std::string_view text);

// How firm a figure is. A published statement's qualifier ("more than 356,000", "about 10,000",
// "almost 75%") is kept as the value's quality rather than dropped.
enum class value_quality { unspecified, measured, estimated, published, more_than, at_least, about, almost };
std::string_view to_string(value_quality quality);  // "more-than", "at-least", ...
// Also accepts the words statements use: "more than", "over", "at least", "approximately",
// "around", "nearly", "just under". nullopt for anything else.
std::optional<value_quality> parse_value_quality(std::string_view text);
// The words put before a number when it is shown: "more than", "about"; empty when unqualified.
std::string_view qualifier_words(value_quality quality);
bool is_qualified(value_quality quality);

// A flow's value is the amount in its period, or the running total at the period's end as
// published ("more than 356,000 trees planted so far").
enum class value_basis { period_amount, running_total };
std::string_view to_string(value_basis basis);  // "period" or "running-total"
std::optional<value_basis> parse_value_basis(std::string_view text);

// The unit an indicator is counted in, understood at the input boundary.
using indicator_measure = std::variant<units::share, units::energy, units::material_mass, units::power>;

struct indicator_unit {
    std::string symbol;     // as shown: "trees", "%", "MWh"
    indicator_measure one;  // what one of these is
    bool is_percentage = false;
    bool is_count = false;  // a plain noun counted: trees, vehicles
};

// "%" (or "percent"); kWh, MWh, GWh; kg, tonnes; W, kW, MW; otherwise a plural noun counted
// ("trees", "vehicles"). Throws data_error for units with no place here (litres, miles, "").
indicator_unit parse_indicator_unit(std::string_view label);

// Throws data_error, naming both units, unless part / whole is a share: the same dimension by the
// unit types (MWh / kWh), counts of the same thing, and neither already a percentage.
void check_share_parts(const indicator_unit& part, const indicator_unit& whole);
// part / whole, each in its unit; the unit types decide whether they divide to a share.
units::share share_of(double part, const indicator_unit& part_unit, double whole, const indicator_unit& whole_unit);

struct indicator_goal {
    double value = 0;                // in the indicator's unit; a % for a ratio
    std::optional<period> deadline;  // "by 2021" on a financial-year series is 2020/21
    std::optional<period> baseline;  // where the pathway starts; the series' first period when absent

    friend bool operator==(const indicator_goal&, const indicator_goal&) = default;
};

struct indicator_definition {
    std::string name;
    indicator_kind kind = indicator_kind::level;
    std::string unit;  // as typed; always "%" for a ratio
    desired_direction direction = desired_direction::up;
    std::string numerator;    // ratio only: the indicator divided
    std::string denominator;  // ratio only: the indicator divided by
    std::optional<indicator_goal> goal;
    std::string source;
    std::string note;
    std::size_t input_line = 0;

    // What a re-import must repeat exactly; source and note may differ.
    bool same_content(const indicator_definition& other) const;
};

struct indicator_value {
    std::string indicator;
    std::string area;  // empty: the indicator's whole area; otherwise one part of it (a district)
    period when = calendar_year{1900};
    double amount = 0;  // in the indicator's unit
    value_basis basis = value_basis::period_amount;
    value_quality quality = value_quality::unspecified;
    std::string source;
    std::string note;
    std::string input_file;
    std::size_t input_line = 0;
    std::int64_t id = 0;  // the stored value's stable id; 0 before it is stored
    std::optional<correction_mark> corrected;  // set only on a value a user corrected

    bool same_identity(const indicator_value& other) const;
    bool same_content(const indicator_value& other) const;
};

// What one input (a CSV file, or one define or record command) brings.
struct indicator_batch {
    std::string input_file;
    std::vector<indicator_definition> definitions;
    std::vector<indicator_value> values;
};

// Reads the indicator CSV (see README "Indicators"), checking each row's fields; throws import_errors
// listing every bad line. A row defines an indicator (kind, unit, direction, goal...), records a
// value (period, value...), or both.
indicator_batch read_indicator_csv(const std::filesystem::path& file);

// Checks one definition on its own: unit, kind rules, goal periods. Problems go to `errors`.
void validate(const indicator_definition& definition, error_collector& errors);

// Checks `incoming` against itself and what the organisation already holds: definitions repeated
// differently, values for unknown indicators or for ratios, ratio parts that are missing or cannot
// divide to a share, a series mixing period kinds, a value given twice or changed. Each problem is
// added to `errors` at its line.
void check_indicator_batch(const indicator_batch& incoming, const std::vector<indicator_definition>& stored_definitions,
                           const std::vector<indicator_value>& stored_values, error_collector& errors);

// An organisation's indicators and their values, for building series.
class indicator_catalogue {
public:
    indicator_catalogue(std::vector<indicator_definition> definitions, std::vector<indicator_value> values);

    const std::vector<indicator_definition>& definitions() const noexcept { return definitions_; }
    const indicator_definition* find(std::string_view name) const;
    std::vector<indicator_value> values_of(std::string_view name) const;
    // Where an indicator's figures come from, for a chart's source line: its definition's source,
    // else the distinct sources of its values in the order recorded, else (a ratio) its parts'.
    std::vector<std::string> sources_of(std::string_view name) const;

private:
    std::vector<indicator_definition> definitions_;
    std::vector<indicator_value> values_;
};

struct indicator_point {
    period when;
    double amount;  // in the indicator's unit (% for a ratio)
    value_quality quality;
};

// One area's series of an indicator, oldest first.
struct indicator_series {
    std::string indicator;
    std::string area;                     // empty: the whole area
    bool combined = false;                // computed from the areas' series
    std::vector<indicator_point> values;  // period amounts, levels, or computed %
    // Flows only: the running total wherever it is known. It counts from the first recorded period
    // unless a running total is recorded; a missing period breaks it until the next recorded total.
    std::vector<indicator_point> running_total;
    std::vector<std::string> notes;  // what could not be computed, and why
};

// The indicator's series, one per area (the whole area first); a ratio's values are computed per
// area and period where both parts have one. Throws data_error for an unknown indicator.
std::vector<indicator_series> build_series(const indicator_catalogue& catalogue, std::string_view name);

// The figure for the whole, from the named areas' series: a sum of amounts, or for a ratio the sum
// of numerators over the sum of denominators (weighted, never an average of percentages). A period
// counts only when every area has its figure. `series` is empty with `reason` set when it cannot be
// computed (only percentages recorded, an area missing in every period, no named areas).
struct area_combination {
    std::optional<indicator_series> series;
    std::string reason;
};
area_combination combine_areas(const indicator_catalogue& catalogue, std::string_view name);

// Everything `indicator progress` prints for one series, in the indicator's unit.
struct indicator_progress {
    std::string indicator;
    std::string area;
    bool combined = false;
    indicator_kind kind = indicator_kind::level;
    desired_direction direction = desired_direction::up;
    std::string unit;

    std::optional<indicator_point> latest;         // the latest recorded (or computed) value
    std::optional<indicator_point> running_total;  // flows: the latest known running total
    std::optional<indicator_goal> goal;

    // A = the running total for a flow, else the latest value; G = the goal; B = the baseline.
    // Up: A / G x 100. Down: (B - A) / (B - G) x 100, the share of the way from baseline to goal.
    std::optional<double> goal_pct;
    std::optional<double> years_to_deadline;  // t - y
    std::optional<double> required_per_year;  // (G - A) / (t - y): negative when the goal is a cut
    std::optional<double> trend_per_year;     // Theil-Sen slope over the last 6 periods (at least 3)
    std::optional<double> trend_p25_per_year;
    std::optional<double> trend_p75_per_year;
    std::optional<period> baseline_period;
    std::optional<double> baseline_value;
    std::optional<double> pathway_value;          // straight line from (b, B) to (t, G), at y
    std::optional<double> projected_at_deadline;  // A + slope x (t - y)
    std::optional<progress_status> status;
    std::optional<rag_rating> rag;
    std::vector<std::string> notes;
};

// Evaluates one series against its indicator's goal with the emissions targets' rules, mirrored for
// direction up: within the margin means no more than 5% below the pathway, and the projection meets
// the goal when it reaches it.
indicator_progress evaluate(const indicator_definition& definition, const indicator_series& series);

// The RAG rule for direction up, printed under rag_rule().
std::string_view rag_rule_for_up();

}  // namespace carbontrack
