// A target follows one series from a baseline period through milestones of per cent reduction; a
// milestone's level is L = B x (1 - r). Targets store explicit periods, all of the baseline's kind.
#pragma once

#include "carbontrack/period.hpp"
#include "carbontrack/units.hpp"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack {

// How the path runs between milestones: straight lines, or a constant per cent cut per year.
enum class pathway_kind { linear, constant_rate };

std::string_view to_string(pathway_kind kind);  // "linear" or "constant-rate"
// Accepts "linear" and "constant-rate"; throws data_error naming the text otherwise.
pathway_kind parse_pathway_kind(std::string_view text);

struct milestone {
    period when;
    double reduction_pct;  // below the baseline, 0-100; net zero is 100

    friend bool operator==(const milestone&, const milestone&) = default;
};

// "2024/25:64%", the form parse_milestone accepts.
std::string to_string(const milestone& m);

// Parses "PERIOD:PCT%" ("2024/25:64%", "2029/30:100%", "2045:100%"; the % sign is optional).
// Throws data_error naming the text when the period is not one or the per cent is outside 0-100.
milestone parse_milestone(std::string_view text);

// Parses each text and checks the list against the baseline as check_milestones does.
std::vector<milestone> parse_milestones(period baseline, std::span<const std::string> texts);

// Throws data_error, naming the offending milestone, unless there is at least one milestone, each
// is of the baseline's period kind, the first comes after the baseline and each after the one before.
void check_milestones(period baseline, const std::vector<milestone>& milestones);

// "By 2025" names the period of `kind` that ends in 2025: 2024/25 for financial years, 2025 for
// calendar years. Reports print this convention next to any "by YEAR" figure.
period period_ending_in(int year, period_kind kind);

// The milestone's level for a baseline value B: B x (1 - r/100).
template <class Quantity>
constexpr Quantity milestone_level(Quantity baseline_value, double reduction_pct) {
    return baseline_value * (1.0 - reduction_pct / 100.0);
}

// A cumulative allowance of emissions counted from the start of `from` onwards. The amount carries
// its gas (CO2e or CO2-only) and must match the series it is used with.
struct carbon_budget {
    units::gas_mass amount;
    period from;
};

struct target_definition {
    std::string name;
    std::string entity;  // "council" or an authority code such as E10000018
    std::string series;  // the name of the series the target follows
    period baseline;
    std::vector<milestone> milestones;
    pathway_kind pathway = pathway_kind::linear;
    std::optional<carbon_budget> budget;
    // Used instead of the series' own value when the data does not hold the baseline period.
    std::optional<units::gas_mass> baseline_value;
};

// A target whose definition has been checked: names given, milestones as check_milestones requires,
// and any budget positive and of the baseline's period kind.
class target {
public:
    explicit target(target_definition definition);

    const std::string& name() const noexcept { return definition_.name; }
    const std::string& entity() const noexcept { return definition_.entity; }
    const std::string& series() const noexcept { return definition_.series; }
    period baseline() const noexcept { return definition_.baseline; }
    const std::vector<milestone>& milestones() const noexcept { return definition_.milestones; }
    pathway_kind pathway() const noexcept { return definition_.pathway; }
    const std::optional<carbon_budget>& budget() const noexcept { return definition_.budget; }
    const std::optional<units::gas_mass>& baseline_value() const noexcept { return definition_.baseline_value; }
    const target_definition& definition() const noexcept { return definition_; }

private:
    target_definition definition_;
};

// A typed greenhouse-gas mass as a user writes it: "11,663 tCO2e", "150 kt CO2". Throws data_error.
units::gas_mass parse_gas_mass(std::string_view text);

// Targets as shipped data: name,entity,series,baseline,milestones,pathway,baseline_value,budget,budget_from
// with milestones separated by ';' ("2024/25:64%;2029/30:100%"). Every bad row is reported
// (import_errors); the last four columns may be blank (pathway defaults to linear).
struct target_row {
    std::size_t line = 0;
    target value;
};
std::vector<target_row> read_targets_csv(const std::filesystem::path& file);

}  // namespace carbontrack
