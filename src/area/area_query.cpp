// Summaries, rankings and release differences over stored area figures. Arithmetic happens on typed
// masses of the release's basis (CO2 or CO2e, chosen once per query), never on bare kilotonnes.
#include "carbontrack/area.hpp"
#include "carbontrack/percent_change.hpp"

#include "carbontrack/error.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace carbontrack {
namespace {

template <class Mass>
Mass kilotonne();
template <>
units::co2_mass kilotonne<units::co2_mass>() { return units::kilotonne_co2; }
template <>
units::co2e_mass kilotonne<units::co2e_mass>() { return units::kilotonne_co2e; }

// Runs `f` with a value of the release's mass type, so one template serves CO2 and CO2e releases.
template <class F>
auto for_basis(area_basis basis, F&& f) {
    return basis == area_basis::co2 ? f(units::co2_mass{}) : f(units::co2e_mass{});
}

const std::optional<double>& measured(const area_cell& cell, area_measure measure) {
    return measure == area_measure::territorial ? cell.territorial_kt : cell.within_scope_kt;
}

std::uint64_t key(std::int64_t authority_id, int year) {
    return (static_cast<std::uint64_t>(authority_id) << 16) | static_cast<std::uint64_t>(year);
}

template <class Mass>
void add_to(std::optional<Mass>& sum, Mass amount) {
    sum = sum ? *sum + amount : amount;
}

// One release's cells and populations by authority and year.
class area_index {
public:
    explicit area_index(const area_data& data) {
        for (const auto& cell : data.cells) {
            cells_[key(cell.authority_id, cell.year)].push_back(&cell);
            years_.insert(cell.year);
        }
        for (const auto& p : data.populations)
            if (p.population_thousands) population_[key(p.authority_id, p.year)] = *p.population_thousands;
    }

    const std::vector<const area_cell*>& cells(std::int64_t authority_id, int year) const {
        static const std::vector<const area_cell*> none;
        auto it = cells_.find(key(authority_id, year));
        return it == cells_.end() ? none : it->second;
    }

    std::optional<double> population_thousands(const area_selection& selection, int year) const {
        double sum = 0;
        for (auto id : selection.authority_ids) {
            auto it = population_.find(key(id, year));
            if (it == population_.end()) return std::nullopt;
            sum += it->second;
        }
        return sum;
    }

    const std::set<int>& years() const { return years_; }

private:
    std::unordered_map<std::uint64_t, std::vector<const area_cell*>> cells_;
    std::unordered_map<std::uint64_t, double> population_;
    std::set<int> years_;
};

// Sums the selection's figures for one year, column by column through `column_of` (an index, or
// nothing to count only in the total). Missing when an authority of the selection has no figure.
template <class Mass, class ColumnOf>
std::optional<Mass> sum_year(const area_index& index, const area_selection& selection, int year, area_measure measure,
                             ColumnOf&& column_of, std::vector<std::optional<Mass>>* parts) {
    std::optional<Mass> total;
    for (auto id : selection.authority_ids) {
        bool any = false;
        for (const auto* cell : index.cells(id, year)) {
            const auto& kt = measured(*cell, measure);
            if (!kt) continue;
            any = true;
            const Mass amount = *kt * kilotonne<Mass>();
            add_to(total, amount);
            if (parts) add_to((*parts)[column_of(cell->subsector_id)], amount);
        }
        if (!any) return std::nullopt;
    }
    return total;
}

template <class Mass>
std::optional<Mass> total_of(const area_index& index, const area_selection& selection, int year, area_measure measure) {
    return sum_year<Mass>(index, selection, year, measure, [](std::int64_t) { return std::size_t{0}; }, nullptr);
}

template <class Mass>
std::optional<Mass> per_person_of(const area_index& index, const area_selection& selection, int year, area_measure measure) {
    auto total = total_of<Mass>(index, selection, year, measure);
    auto people = index.population_thousands(selection, year);
    if (!total || !people) return std::nullopt;
    return *total / (*people * 1000.0);
}

template <class Mass>
std::optional<units::gas_mass> as_gas(const std::optional<Mass>& mass) {
    return mass ? std::optional<units::gas_mass>(*mass) : std::nullopt;
}

// Column of each sub-sector: itself, or its sector, in the order the sub-sectors were first stored.
struct column_layout {
    std::vector<std::string> names;
    std::unordered_map<std::int64_t, std::size_t> of_subsector;
};

column_layout columns_for(const std::vector<area_subsector_entry>& subsectors, area_breakdown by) {
    column_layout layout;
    std::map<std::string, std::size_t> sector_column;
    for (const auto& s : subsectors) {
        if (by == area_breakdown::subsector) {
            layout.of_subsector[s.id] = layout.names.size();
            layout.names.push_back(s.subsector);
            continue;
        }
        auto [it, inserted] = sector_column.emplace(s.sector, layout.names.size());
        if (inserted) layout.names.push_back(s.sector);
        layout.of_subsector[s.id] = it->second;
    }
    return layout;
}

template <class Mass>
area_summary summarise_typed(const area_data& data, const area_selection& selection, area_measure measure, area_breakdown by,
                             bool per_person) {
    const area_index index(data);
    const auto layout = columns_for(data.subsectors, by);
    auto column_of = [&](std::int64_t subsector_id) { return layout.of_subsector.at(subsector_id); };

    area_summary summary{data.basis(measure), measure, per_person, {}, {}};
    std::vector<bool> used(layout.names.size(), false);
    struct typed_line {
        int year;
        std::vector<std::optional<Mass>> parts;
        std::optional<Mass> total;
        std::optional<double> people;
    };
    std::vector<typed_line> lines;
    for (int year : index.years()) {
        bool any = false;
        for (auto id : selection.authority_ids) any = any || !index.cells(id, year).empty();
        if (!any) continue;
        typed_line line{year, std::vector<std::optional<Mass>>(layout.names.size()), std::nullopt, index.population_thousands(selection, year)};
        line.total = sum_year<Mass>(index, selection, year, measure, column_of, &line.parts);
        if (!line.total) std::fill(line.parts.begin(), line.parts.end(), std::nullopt);
        for (std::size_t c = 0; c < used.size(); ++c) used[c] = used[c] || line.parts[c].has_value();
        lines.push_back(std::move(line));
    }
    // Columns with no figure in any year (territorial-only sectors in a within-scope query) are noise.
    for (std::size_t c = 0; c < used.size(); ++c)
        if (used[c]) summary.columns.push_back(layout.names[c]);
    for (auto& line : lines) {
        area_year_line out;
        out.year = line.year;
        out.population_thousands = line.people;
        auto scale = [&](const std::optional<Mass>& mass) -> std::optional<Mass> {
            if (!per_person) return mass;
            if (!mass || !line.people) return std::nullopt;
            return *mass / (*line.people * 1000.0);
        };
        for (std::size_t c = 0; c < used.size(); ++c)
            if (used[c]) out.parts.push_back(as_gas(scale(line.parts[c])));
        out.total = as_gas(scale(line.total));
        summary.years.push_back(std::move(out));
    }
    return summary;
}

template <class Mass>
std::vector<area_rank_entry> rank_typed(const area_data& data, const std::vector<area_selection>& among, int year, area_metric metric,
                                        std::optional<int> since, area_measure measure) {
    const area_index index(data);
    std::vector<area_rank_entry> entries;
    std::vector<std::optional<double>> keys;
    for (const auto& selection : among) {
        area_rank_entry entry;
        entry.code = selection.code;
        entry.name = selection.label;
        std::optional<double> sort_key;
        if (metric == area_metric::change_since) {
            auto then = total_of<Mass>(index, selection, *since, measure);
            auto now = total_of<Mass>(index, selection, year, measure);
            if (then && now) entry.change_pct = area_percent_change(*then, *now);
            sort_key = entry.change_pct;
        } else {
            auto mass = metric == area_metric::total ? total_of<Mass>(index, selection, year, measure)
                                                     : per_person_of<Mass>(index, selection, year, measure);
            entry.emissions = as_gas(mass);
            if (mass) sort_key = in_kilotonnes(*entry.emissions);
        }
        entries.push_back(std::move(entry));
        keys.push_back(sort_key);
    }
    std::vector<std::size_t> order(entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (keys[a].has_value() != keys[b].has_value()) return keys[a].has_value();
        return keys[a] && *keys[a] < *keys[b];
    });
    const auto ranked = static_cast<std::size_t>(std::count_if(keys.begin(), keys.end(), [](const auto& k) { return k.has_value(); }));
    std::vector<area_rank_entry> result;
    for (std::size_t i = 0; i < order.size(); ++i) {
        auto entry = entries[order[i]];
        if (i < ranked) {
            // Ties share the better position (1, 2, 2, 4).
            const bool tie = i > 0 && *keys[order[i]] == *keys[order[i - 1]];
            entry.position = tie ? result.back().position : static_cast<int>(i + 1);
            entry.quartile = 1 + static_cast<int>(4 * static_cast<std::size_t>(entry.position - 1) / ranked);
        }
        result.push_back(std::move(entry));
    }
    return result;
}

struct diff_key {
    int year;
    std::string sector;
    std::string subsector;
    auto operator<=>(const diff_key&) const = default;
};

template <class Mass>
std::map<diff_key, Mass> figures_by(const area_data& data, const area_selection& selection, area_measure measure,
                                    std::optional<area_breakdown> by) {
    const area_index index(data);
    std::unordered_map<std::int64_t, const area_subsector_entry*> subsector;
    for (const auto& s : data.subsectors) subsector[s.id] = &s;
    std::map<diff_key, Mass> figures;
    for (int year : index.years()) {
        if (!by) {
            if (auto total = total_of<Mass>(index, selection, year, measure)) figures.emplace(diff_key{year, {}, {}}, *total);
            continue;
        }
        std::map<diff_key, Mass> year_figures;
        bool complete = true;
        for (auto id : selection.authority_ids) {
            bool any = false;
            for (const auto* cell : index.cells(id, year)) {
                const auto& kt = measured(*cell, measure);
                if (!kt) continue;
                any = true;
                const auto* s = subsector.at(cell->subsector_id);
                diff_key k{year, s->sector, *by == area_breakdown::subsector ? s->subsector : std::string()};
                auto [it, inserted] = year_figures.emplace(k, *kt * kilotonne<Mass>());
                if (!inserted) it->second = it->second + *kt * kilotonne<Mass>();
            }
            complete = complete && any;
        }
        if (complete) figures.merge(year_figures);
    }
    return figures;
}

template <class Mass>
std::vector<area_diff_line> diff_typed(const area_data& from, const area_selection& from_selection, const area_data& to,
                                       const area_selection& to_selection, area_measure measure, std::optional<area_breakdown> by) {
    const auto before = figures_by<Mass>(from, from_selection, measure, by);
    const auto after = figures_by<Mass>(to, to_selection, measure, by);
    std::set<diff_key> keys;
    for (const auto& [k, v] : before) keys.insert(k);
    for (const auto& [k, v] : after) keys.insert(k);
    std::vector<area_diff_line> lines;
    for (const auto& k : keys) {
        auto b = before.find(k);
        auto a = after.find(k);
        std::optional<Mass> old_value = b == before.end() ? std::nullopt : std::optional<Mass>(b->second);
        std::optional<Mass> new_value = a == after.end() ? std::nullopt : std::optional<Mass>(a->second);
        // DESNZ prints kt to six decimals, so a county summed from a few dozen rounded district figures
        // can differ from a full-precision county row by some kg; under 10 kg is rounding, not a restatement.
        const bool changed = old_value.has_value() != new_value.has_value() ||
                             (old_value && std::abs(in(*new_value - *old_value, kilotonne<Mass>())) >
                                               std::max(1e-5, 1e-9 * std::abs(in(*old_value, kilotonne<Mass>()))));
        if (by && !changed) continue;
        lines.push_back({k.year, k.sector, k.subsector, as_gas(old_value), as_gas(new_value)});
    }
    return lines;
}

}  // namespace

const area_release& newest_release_for(const std::vector<area_release>& releases, area_measure measure, bool needs_sectors) {
    const area_release* best = nullptr;
    for (const auto& r : releases) {
        if (!r.carries(measure) || (needs_sectors && r.detail != area_detail::sectors)) continue;
        // Releases come oldest import first, so a later import of the same years wins.
        if (!best || r.last_year >= best->last_year) best = &r;
    }
    if (best) return *best;
    if (releases.empty()) throw data_error("no area release is stored; import one with 'carbontrack area import FILE'");
    std::string known;
    for (const auto& r : releases)
        known += (known.empty() ? "" : ", ") + r.name + " (" + std::string(to_string(r.detail)) +
                 (r.has_within_scope ? ", within-scope" : "") + (r.has_territorial ? ", territorial" : "") + ")";
    throw data_error("no stored area release has " + std::string(needs_sectors ? "sectors with " : "") + std::string(series_word(measure)) +
                     " figures (stored: " + known + ")");
}

void require_sectors(const area_release& release, const std::vector<area_release>& releases) {
    if (release.detail == area_detail::sectors) return;
    std::string with_sectors;
    int newest = 0;
    for (const auto& r : releases)
        if (r.detail == area_detail::sectors && r.last_year >= newest) {
            with_sectors = r.name;
            newest = r.last_year;
        }
    throw data_error("release " + release.name + " has totals only; " +
                     (with_sectors.empty() ? std::string("no stored release has sectors (import one, e.g. datasets/area/mysociety_local_authority_emissions_2005_2020.csv)")
                                           : "sectors come from " + with_sectors));
}

const area_release& choose_release(const std::vector<area_release>& releases, std::string_view name, area_measure measure, bool needs_sectors) {
    if (name.empty()) return newest_release_for(releases, measure, needs_sectors);
    const auto found = std::find_if(releases.begin(), releases.end(), [&](const area_release& r) { return r.name == name; });
    if (found == releases.end()) {
        std::string known;
        for (const auto& r : releases) known += (known.empty() ? "" : ", ") + r.name;
        throw data_error("no area release named '" + std::string(name) + "'" + (known.empty() ? std::string() : " (known: " + known + ")"));
    }
    if (needs_sectors) require_sectors(*found, releases);
    return *found;
}

units::gas_mass kilotonnes(area_basis basis, double kt) {
    if (basis == area_basis::co2) return kt * units::kilotonne_co2;
    return kt * units::kilotonne_co2e;
}

double in_kilotonnes(const units::gas_mass& mass) {
    if (auto co2 = std::get_if<units::co2_mass>(&mass)) return units::in(*co2, units::kilotonne_co2);
    return units::in(std::get<units::co2e_mass>(mass), units::kilotonne_co2e);
}

double in_tonnes(const units::gas_mass& mass) {
    if (auto co2 = std::get_if<units::co2_mass>(&mass)) return units::in(*co2, units::tonne_co2);
    return units::in(std::get<units::co2e_mass>(mass), units::tonne_co2e);
}

std::optional<double> area_percent_change(const units::gas_mass& from, const units::gas_mass& to) {
    if (from.index() != to.index()) throw data_error("cannot compare a CO2 figure with a CO2e figure");
    return std::visit(
        [&](const auto& before) -> std::optional<double> {
            using mass = std::decay_t<decltype(before)>;
            const auto& after = std::get<mass>(to);
            return percent_change(before, after);
        },
        from);
}

std::optional<units::gas_mass> area_change(const area_diff_line& line) {
    if (!line.from || !line.to) return std::nullopt;
    if (line.from->index() != line.to->index()) throw data_error("cannot compare a CO2 figure with a CO2e figure");
    return std::visit(
        [&](const auto& before) -> units::gas_mass {
            using mass = std::decay_t<decltype(before)>;
            return std::get<mass>(*line.to) - before;
        },
        *line.from);
}

area_summary summarise_area(const area_data& data, const area_selection& selection, area_measure measure, area_breakdown by,
                            bool per_person) {
    return for_basis(data.basis(measure), [&](auto mass) { return summarise_typed<decltype(mass)>(data, selection, measure, by, per_person); });
}

std::optional<units::gas_mass> area_total(const area_data& data, const area_selection& selection, int year, area_measure measure) {
    const area_index index(data);
    return for_basis(data.basis(measure), [&](auto mass) { return as_gas(total_of<decltype(mass)>(index, selection, year, measure)); });
}

std::optional<units::gas_mass> area_per_person(const area_data& data, const area_selection& selection, int year, area_measure measure) {
    const area_index index(data);
    return for_basis(data.basis(measure), [&](auto mass) { return as_gas(per_person_of<decltype(mass)>(index, selection, year, measure)); });
}

std::vector<area_rank_entry> rank_areas(const area_data& data, const std::vector<area_selection>& among, int year, area_metric metric,
                                        std::optional<int> since, area_measure measure) {
    if (metric == area_metric::change_since && !since) throw data_error("the change-since metric needs a baseline year");
    return for_basis(data.basis(measure), [&](auto mass) { return rank_typed<decltype(mass)>(data, among, year, metric, since, measure); });
}

std::vector<area_diff_line> diff_area(const area_data& from, const area_selection& from_selection, const area_data& to,
                                      const area_selection& to_selection, area_measure measure, std::optional<area_breakdown> by) {
    if (from.basis(measure) != to.basis(measure))
        throw data_error("one release is " + std::string(to_string(from.basis(measure))) + " and the other " +
                         std::string(to_string(to.basis(measure))) + "; CO2 and CO2e figures are not comparable");
    return for_basis(from.basis(measure), [&](auto mass) { return diff_typed<decltype(mass)>(from, from_selection, to, to_selection, measure, by); });
}

std::vector<std::vector<std::pair<int, units::gas_mass>>> area_yearly_totals(const area_data& data, const std::vector<area_selection>& selections,
                                                                             area_measure measure) {
    const area_index index(data);
    return for_basis(data.basis(measure), [&](auto mass) {
        using Mass = decltype(mass);
        std::vector<std::vector<std::pair<int, units::gas_mass>>> result;
        result.reserve(selections.size());
        for (const auto& selection : selections) {
            std::vector<std::pair<int, units::gas_mass>> points;
            for (int year : index.years())
                if (auto total = total_of<Mass>(index, selection, year, measure)) points.emplace_back(year, units::gas_mass{*total});
            result.push_back(std::move(points));
        }
        return result;
    });
}

}  // namespace carbontrack
