#include "carbontrack/report_decomposition.hpp"

#include <map>
#include <tuple>

namespace carbontrack {
namespace {

// A row that can be split: its activity and the factor that costed it, both typed.
struct costed {
    units::activity amount;
    units::any_emission_factor factor;
};

std::optional<costed> typed_row(const inventory_entry& e) {
    if (!e.activity_amount || !e.factor) return std::nullopt;
    const auto activity_unit = units::parse_unit(e.activity_unit);
    const auto factor_unit = units::parse_unit(e.factor->unit);
    if (!activity_unit || !factor_unit) return std::nullopt;
    return costed{units::make_activity(*e.activity_amount, *activity_unit), units::make_factor(e.factor->kg_co2e_per_unit, *factor_unit)};
}

std::string scope_label(const inventory_entry& e) { return e.scope ? "scope " + std::to_string(*e.scope) + " " : std::string(); }

std::string describe(const inventory_entry& e) {
    return scope_label(e) + e.source + (e.factor ? " (" + e.factor->name + ")" : std::string());
}

using row_key = std::tuple<int, std::string, std::string>;  // scope, source, factor name

row_key key_of(const inventory_entry& e) { return {e.scope.value_or(0), e.source, e.factor ? e.factor->name : std::string()}; }

}  // namespace

std::vector<source_change> split_change(const std::vector<inventory_entry>& from, const std::vector<inventory_entry>& to) {
    // Rows by key in each period; a key repeated within one period cannot be paired and goes to other.
    std::map<row_key, std::pair<std::vector<const inventory_entry*>, std::vector<const inventory_entry*>>> rows;
    std::map<std::string, source_change> sources;
    auto add = [&](const std::vector<inventory_entry>& entries, bool earlier) {
        for (const auto& e : entries) {
            if (e.is_reported_total()) continue;
            auto& side = earlier ? rows[key_of(e)].first : rows[key_of(e)].second;
            side.push_back(&e);
            auto& s = sources[e.source];
            s.source = e.source;
            auto& sum = earlier ? s.from : s.to;
            sum = sum.value_or(units::co2e_mass{}) + e.emissions;
        }
    };
    add(from, true);
    add(to, false);

    for (auto& [key, pair] : rows) {
        const auto& [before, after] = pair;
        auto& s = sources[std::get<1>(key)];
        const auto first = before.size() == 1 ? typed_row(*before.front()) : std::nullopt;
        const auto second = after.size() == 1 ? typed_row(*after.front()) : std::nullopt;
        if (first && second && units::kind_of(first->amount) == units::kind_of(second->amount)) {
            // (a1 - a0)(f0 + f1)/2 and (f1 - f0)(a0 + a1)/2, written with activity x factor products only
            // so every term stays a typed CO2e mass.
            const auto a0f0 = units::emissions(first->amount, first->factor);
            const auto a0f1 = units::emissions(first->amount, second->factor);
            const auto a1f0 = units::emissions(second->amount, first->factor);
            const auto a1f1 = units::emissions(second->amount, second->factor);
            s.activity_effect += ((a1f0 - a0f0) + (a1f1 - a0f1)) / 2.0;
            s.factor_effect += ((a0f1 - a0f0) + (a1f1 - a1f0)) / 2.0;
            // The stored figures were costed the same way; any last-bit difference stays visible in other.
            s.other += (after.front()->emissions - before.front()->emissions) - (a1f1 - a0f0);
            continue;
        }
        for (const auto* e : before) {
            s.other -= e->emissions;
            s.other_reasons.push_back(describe(*e) + (typed_row(*e) ? ": only in the earlier period" : ": given in tCO2e"));
        }
        for (const auto* e : after) {
            s.other += e->emissions;
            s.other_reasons.push_back(describe(*e) + (typed_row(*e) ? ": only in the later period" : ": given in tCO2e"));
        }
    }

    std::vector<source_change> result;
    for (auto& [name, s] : sources) {
        s.change = s.to.value_or(units::co2e_mass{}) - s.from.value_or(units::co2e_mass{});
        result.push_back(std::move(s));
    }
    return result;
}

}  // namespace carbontrack
