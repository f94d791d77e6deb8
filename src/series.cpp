#include "carbontrack/series.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/summary.hpp"

#include <algorithm>

namespace carbontrack {
namespace {

const display_unit<units::co2e_mass> tonnes_co2e{units::tonne_co2e, "tCO2e"};
const display_unit<units::co2e_mass> kilotonnes_co2e{units::kilotonne_co2e, "kt CO2e"};
const display_unit<units::co2_mass> kilotonnes_co2{units::kilotonne_co2, "kt CO2"};

struct area_series_name {
    area_measure measure;
    std::string sector;  // empty for the total
};

area_series_name parse_area_series_name(const std::string& name) {
    const auto colon = name.find(':');
    const std::string measure = name.substr(0, colon);
    area_series_name parsed{area_measure::within_scope, colon == std::string::npos ? std::string() : name.substr(colon + 1)};
    if (measure == "territorial") parsed.measure = area_measure::territorial;
    else if (measure != "within-scope")
        throw data_error("unknown area series '" + name + "'; use " + std::string(area_series_names()));
    return parsed;
}

// Sector totals come from the sector summary; a year without the sector's figure is absent.
std::vector<std::pair<int, units::gas_mass>> area_points(const area_data& data, const area_selection& selection, const area_series_name& name) {
    std::vector<std::pair<int, units::gas_mass>> points;
    if (name.sector.empty()) return area_yearly_totals(data, {selection}, name.measure).front();
    const auto summary = summarise_area(data, selection, name.measure, area_breakdown::sector, false);
    const auto column = std::find(summary.columns.begin(), summary.columns.end(), name.sector);
    if (column == summary.columns.end()) {
        std::string known;
        for (const auto& c : summary.columns) known += (known.empty() ? "" : ", ") + c;
        throw data_error("no sector '" + name.sector + "' in this release (sectors: " + known + ")");
    }
    const auto index = static_cast<std::size_t>(column - summary.columns.begin());
    for (const auto& line : summary.years)
        if (index < line.parts.size() && line.parts[index]) points.emplace_back(line.year, *line.parts[index]);
    return points;
}

template <class Quantity>
tracked_series<Quantity> typed_area_series(const std::string& name, const display_unit<Quantity>& unit,
                                           const std::vector<std::pair<int, units::gas_mass>>& points) {
    std::vector<series_point<Quantity>> typed;
    for (const auto& [year, mass] : points) typed.push_back({calendar_year{year}, std::get<Quantity>(mass)});
    return tracked_series<Quantity>(name, unit, std::move(typed));
}

}  // namespace

std::string_view own_operations_series_names() { return "total, scope-1, scope-2, scope-3 or source:NAME"; }
std::string_view area_series_names() { return "within-scope or territorial, optionally with :SECTOR (within-scope:Domestic)"; }

tracked_series<units::co2e_mass> own_operations_series(const std::vector<inventory_entry>& entries, const reporting_boundary& boundary,
                                                       const std::string& name) {
    std::vector<series_point<units::co2e_mass>> points;
    if (name == "total") {
        for (const auto& s : summarise(entries, breakdown::scope, boundary))
            if (auto total = s.total()) points.push_back({s.when, *total});
        return tracked_series<units::co2e_mass>(name, tonnes_co2e, std::move(points));
    }
    std::string key;
    breakdown by = breakdown::scope;
    if (name == "scope-1" || name == "scope-2" || name == "scope-3") {
        key = "Scope " + name.substr(6);
    } else if (name.starts_with("source:") && name.size() > 7) {
        key = name.substr(7);
        by = breakdown::source;
    } else {
        throw data_error("unknown own-operations series '" + name + "'; use " + std::string(own_operations_series_names()));
    }
    for (const auto& s : summarise(entries, by, boundary))
        for (const auto& line : s.lines)
            if (line.key == key) points.push_back({s.when, line.emissions});
    return tracked_series<units::co2e_mass>(name, tonnes_co2e, std::move(points));
}

any_series area_series(const area_data& data, const area_selection& selection, const std::string& name) {
    const auto points = area_points(data, selection, parse_area_series_name(name));
    if (data.basis == area_basis::co2) return typed_area_series(name, kilotonnes_co2, points);
    return typed_area_series(name, kilotonnes_co2e, points);
}

std::vector<any_series> area_series_for_each(const area_data& data, const std::vector<area_selection>& selections, const std::string& name) {
    const auto parsed = parse_area_series_name(name);
    std::vector<any_series> result;
    result.reserve(selections.size());
    if (!parsed.sector.empty()) {
        for (const auto& selection : selections) result.push_back(area_series(data, selection, name));
        return result;
    }
    const auto totals = area_yearly_totals(data, selections, parsed.measure);
    for (const auto& points : totals) {
        if (data.basis == area_basis::co2) result.push_back(typed_area_series(name, kilotonnes_co2, points));
        else result.push_back(typed_area_series(name, kilotonnes_co2e, points));
    }
    return result;
}

const std::string& series_name(const any_series& series) {
    return std::visit([](const auto& s) -> const std::string& { return s.name(); }, series);
}

std::size_t series_size(const any_series& series) {
    return std::visit([](const auto& s) { return s.points().size(); }, series);
}

}  // namespace carbontrack
