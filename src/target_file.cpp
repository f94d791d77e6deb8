// Reading targets from a CSV file and typed masses from text: the input boundary for targets.
#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/target.hpp"
#include "io/csv_reader.hpp"
#include "text.hpp"

#include <set>
#include <variant>

namespace carbontrack {
namespace {

constexpr std::array<std::string_view, 9> target_columns{"name",     "entity",         "series", "baseline",   "milestones",
                                                         "pathway",  "baseline_value", "budget", "budget_from"};

std::vector<std::string> split_milestones(std::string_view text) {
    std::vector<std::string> parts;
    std::string current;
    for (char c : text) {
        if (c == ';') {
            parts.push_back(std::string(text::trim(current)));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!text::trim(current).empty() || parts.empty()) parts.push_back(std::string(text::trim(current)));
    return parts;
}

}  // namespace

units::gas_mass parse_gas_mass(std::string_view text) {
    const auto amount = csv::parse_amount_with_unit(text);
    if (!amount) throw data_error("'" + std::string(text) + "' is not an amount with a unit such as \"11,663 tCO2e\" or \"150 kt CO2\"");
    if (amount->first <= 0) throw data_error("'" + std::string(text) + "' must be more than zero");
    auto mass = units::parse_gas_mass_unit(amount->first, amount->second);
    if (!mass) throw data_error("unknown unit '" + amount->second + "'; use tCO2e, kt CO2e, tCO2 or kt CO2");
    // A baseline or budget above 1 Gt (more than twice the UK's yearly emissions) is an error in the
    // figure or its unit; refusing it also keeps the progress maths far from overflow.
    constexpr double max_tonnes = 1e9;
    const double tonnes = std::holds_alternative<units::co2e_mass>(*mass) ? in(std::get<units::co2e_mass>(*mass), units::tonne_co2e)
                                                                           : in(std::get<units::co2_mass>(*mass), units::tonne_co2);
    if (tonnes > max_tonnes) throw data_error(csv::magnitude_problem(text, "a baseline or budget", max_tonnes, "tonnes, more than twice the UK's yearly emissions"));
    return *mass;
}

std::vector<target_row> read_targets_csv(const std::filesystem::path& file) {
    csv::table_reader<9> reader(file, target_columns, 5);
    error_collector errors(reader.file_name());
    std::vector<target_row> rows;
    std::set<std::string> names;
    csv::table_reader<9>::row cells;
    while (reader.next(cells, errors)) {
        const auto line = reader.line();
        try {
            const auto baseline = parse_period(cells[3]);
            target_definition d{std::string(text::trim(cells[0])), std::string(text::trim(cells[1])), std::string(text::trim(cells[2])),
                                baseline, parse_milestones(baseline, split_milestones(cells[4])), pathway_kind::linear, std::nullopt,
                                std::nullopt};
            if (reader.has(5) && !text::trim(cells[5]).empty()) d.pathway = parse_pathway_kind(text::trim(cells[5]));
            if (reader.has(6) && !text::trim(cells[6]).empty()) d.baseline_value = parse_gas_mass(cells[6]);
            const bool has_budget = reader.has(7) && !text::trim(cells[7]).empty();
            const bool has_budget_from = reader.has(8) && !text::trim(cells[8]).empty();
            if (has_budget != has_budget_from) throw data_error("a budget needs both 'budget' and 'budget_from'");
            if (has_budget) d.budget = carbon_budget{parse_gas_mass(cells[7]), parse_period(cells[8])};
            if (!names.insert(d.name).second) throw data_error("the target '" + d.name + "' appears twice");
            rows.push_back({line, target(std::move(d))});
        } catch (const data_error& e) {
            errors.add(line, e.what());
        }
    }
    if (rows.empty() && errors.empty()) errors.add(1, "the file has a header but no targets");
    errors.throw_if_any();
    return rows;
}

}  // namespace carbontrack
