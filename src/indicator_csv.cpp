// The indicator CSV: each row names an indicator and defines it (kind, unit, direction, goal...),
// records one value (period, value...), or both. Every field is checked before anything is stored.
#include "carbontrack/indicator.hpp"

#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "io/csv_reader.hpp"
#include "text.hpp"

#include <cmath>

namespace carbontrack {
namespace {

constexpr std::array<std::string_view, 16> indicator_columns{
    "indicator", "period",   "value",    "area",     "basis",    "quality",   "source",    "note",
    "kind",      "unit",     "direction", "goal",    "deadline", "baseline",  "numerator", "denominator"};
enum column : std::size_t {
    indicator_col, period_col, value_col, area_col, basis_col, quality_col, source_col, note_col,
    kind_col, unit_col, direction_col, goal_col, deadline_col, baseline_col, numerator_col, denominator_col
};
constexpr std::size_t required_columns = 3;
// Indicators count trees, vehicles, MWh or percentages; a figure beyond 1e15 in any of them is an
// export or typing error, and refusing it keeps sums and ratios far from overflow.
constexpr double max_magnitude = 1e15;
constexpr std::array definition_columns{kind_col, unit_col, direction_col, goal_col, deadline_col, baseline_col, numerator_col, denominator_col};

class row_reader {
public:
    row_reader(const csv::table_reader<16>& reader, const csv::table_reader<16>::row& cells, std::size_t line, error_collector& errors)
        : reader_(reader), cells_(cells), line_(line), errors_(errors) {}

    std::string text(column c) const { return reader_.has(c) ? text::collapse_spaces(cells_[c]) : std::string(); }
    bool blank(column c) const { return text(c).empty(); }
    void problem(column c, std::string message) const { errors_.add(line_, std::move(message), std::string(indicator_columns[c])); }

    std::optional<double> number(column c) const {
        if (blank(c)) return std::nullopt;
        auto value = csv::parse_number(cells_[c]);
        if (!value) problem(c, csv::number_problem(cells_[c]));
        else if (std::abs(*value) > max_magnitude) {
            problem(c, csv::magnitude_problem(cells_[c], indicator_columns[c], max_magnitude, "beyond any real indicator"));
            return std::nullopt;
        }
        return value;
    }

    std::optional<period> when(column c) const {
        if (blank(c)) return std::nullopt;
        auto parsed = try_parse_period(text(c));
        if (!parsed) problem(c, period_problem(text(c)));
        return parsed;
    }

    template <class Parse>
    auto parsed(column c, Parse parse, std::string_view accepted) const -> decltype(parse(std::string_view{})) {
        auto result = parse(text(c));
        if (!result) problem(c, std::string(indicator_columns[c]) + " must be " + std::string(accepted) + ", not '" + text(c) + "'");
        return result;
    }

private:
    const csv::table_reader<16>& reader_;
    const csv::table_reader<16>::row& cells_;
    std::size_t line_;
    error_collector& errors_;
};

indicator_definition read_definition(const row_reader& row, std::size_t line) {
    indicator_definition d;
    d.name = row.text(indicator_col);
    d.input_line = line;
    d.source = row.text(source_col);
    d.note = row.text(note_col);
    if (row.blank(kind_col)) row.problem(kind_col, "a row that defines an indicator needs its kind: flow, level or ratio");
    else if (auto kind = row.parsed(kind_col, parse_indicator_kind, "flow, level or ratio")) d.kind = *kind;
    d.unit = row.text(unit_col);
    if (d.kind == indicator_kind::ratio && d.unit.empty()) d.unit = "%";
    if (row.blank(direction_col)) row.problem(direction_col, "a row that defines an indicator needs its direction: up or down");
    else if (auto direction = row.parsed(direction_col, parse_direction, "up or down")) d.direction = *direction;
    d.numerator = row.text(numerator_col);
    d.denominator = row.text(denominator_col);
    auto deadline = row.when(deadline_col);
    auto baseline = row.when(baseline_col);
    if (auto goal = row.number(goal_col)) d.goal = indicator_goal{*goal, deadline, baseline};
    else if (row.blank(goal_col) && (deadline || baseline)) row.problem(goal_col, "a deadline or baseline needs a goal value");
    return d;
}

indicator_value read_value(const row_reader& row, std::size_t line, const std::string& file) {
    indicator_value v;
    v.indicator = row.text(indicator_col);
    v.area = row.text(area_col);
    v.input_file = file;
    v.input_line = line;
    v.source = row.text(source_col);
    v.note = row.text(note_col);
    if (auto when = row.when(period_col)) v.when = *when;
    if (row.blank(value_col)) row.problem(value_col, "the value is missing; a period with no figure is left out, never recorded as zero");
    else if (auto amount = row.number(value_col)) v.amount = *amount;
    if (auto basis = row.parsed(basis_col, parse_value_basis, "period or running-total")) v.basis = *basis;
    if (auto quality = row.parsed(quality_col, parse_value_quality,
                                  "measured, estimated, published, more-than, at-least, about or almost"))
        v.quality = *quality;
    return v;
}

}  // namespace

indicator_batch read_indicator_csv(const std::filesystem::path& file) {
    csv::table_reader<16> reader(file, indicator_columns, required_columns);
    indicator_batch batch;
    batch.input_file = reader.file_name();
    error_collector errors(reader.file_name());
    csv::table_reader<16>::row cells;
    std::size_t rows = 0;
    while (reader.next(cells, errors)) {
        ++rows;
        const std::size_t line = reader.line();
        const row_reader row(reader, cells, line, errors);
        const std::size_t before = errors.size();
        if (row.blank(indicator_col)) {
            row.problem(indicator_col, "the indicator name is empty");
            continue;
        }
        const bool defines = std::any_of(definition_columns.begin(), definition_columns.end(), [&](column c) { return !row.blank(c); });
        const bool records = !row.blank(period_col) || !row.blank(value_col);
        if (!defines && !records) {
            errors.add(line, "the row neither defines '" + row.text(indicator_col) + "' (kind, unit, direction) nor records a value (period, value)");
            continue;
        }
        std::optional<indicator_definition> definition;
        if (defines) definition = read_definition(row, line);
        if (definition && errors.size() == before) validate(*definition, errors);
        if (definition) batch.definitions.push_back(std::move(*definition));
        if (!records) {
            if (!row.blank(area_col) || !row.blank(basis_col) || !row.blank(quality_col))
                errors.add(line, "area, basis and quality belong to a value, but the row has no period or value");
            continue;
        }
        if (row.blank(period_col)) row.problem(period_col, "a value needs its period");
        batch.values.push_back(read_value(row, line, batch.input_file));
    }
    if (rows == 0 && errors.empty()) errors.add(1, "the file has a header but no rows");
    errors.throw_if_any();
    return batch;
}

}  // namespace carbontrack
