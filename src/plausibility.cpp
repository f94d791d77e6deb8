// The three plausibility rules of issue 13, each a warning with the figures that raised it.
#include "carbontrack/plausibility.hpp"

#include "carbontrack/output.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

namespace carbontrack {
namespace {

using period_key = std::pair<int, int>;  // (kind, start year): time order within a kind

period_key key_of(const period& p) { return {static_cast<int>(p.kind()), p.start_year()}; }

std::string where(const std::string& source, const std::string& site) { return site.empty() ? source : source + " at " + site; }

bool names_td_losses(const std::string& factor) {
    return factor.find("td_losses") != std::string::npos || factor.find("T&D") != std::string::npos ||
           factor.find("transmission and distribution") != std::string::npos;
}

bool names_electricity(const std::string& factor) {
    return !names_td_losses(factor) && (factor.find("electricity_generated") != std::string::npos || factor.find("Electricity generated") != std::string::npos);
}

std::optional<double> kwh_of(const inventory_entry& e) {
    if (!e.activity_amount) return std::nullopt;
    const auto unit = units::parse_unit(e.activity_unit);
    if (!unit || unit->kind != units::activity_kind::by_energy) return std::nullopt;
    return *e.activity_amount * unit->canonical_per_unit / 3.6e6;
}

std::string tonnes(double t) { return output::display_number(t) + " tCO2e"; }

}  // namespace

std::vector<std::string> plausibility_warnings(const std::vector<inventory_entry>& entries, const std::vector<period>& periods) {
    auto reported = [&](const period& p) { return periods.empty() || std::find(periods.begin(), periods.end(), p) != periods.end(); };
    std::map<period_key, period> labels;
    std::map<std::tuple<std::string, std::string>, std::map<period_key, double>> by_place;  // (source, site) -> period -> tCO2e
    std::map<std::tuple<period_key, std::string, std::string>, std::pair<double, double>> kwh;  // electricity, T&D
    std::map<period_key, std::pair<bool, bool>> scopes;  // has component rows, has scope 2
    for (const auto& e : entries) {
        if (e.is_reported_total()) continue;
        const auto k = key_of(e.when);
        labels.emplace(k, e.when);
        by_place[{e.source, e.site}][k] += in(e.emissions, units::tonne_co2e);
        auto& s = scopes[k];
        s.first = true;
        s.second = s.second || e.scope == 2;
        if (e.factor) {
            if (const auto amount = kwh_of(e)) {
                if (names_electricity(e.factor->name)) kwh[{k, e.source, e.site}].first += *amount;
                else if (names_td_losses(e.factor->name)) kwh[{k, e.source, e.site}].second += *amount;
            }
        }
    }
    std::vector<std::pair<period_key, std::string>> found;
    for (const auto& [place, series] : by_place) {
        for (auto it = series.begin(); it != series.end(); ++it) {
            if (it == series.begin()) continue;
            const auto previous = std::prev(it);
            // Only consecutive periods of one kind compare; a gap is not a year-on-year change.
            if (previous->first.first != it->first.first || previous->first.second + 1 != it->first.second) continue;
            const double before = previous->second;
            const double now = it->second;
            if (before <= 0 || now <= 0) continue;
            const double ratio = now > before ? now / before : before / now;
            if (ratio > implausible_change_factor)
                found.push_back({it->first, labels.at(it->first).label() + " " + where(std::get<0>(place), std::get<1>(place)) + ": " + tonnes(now) +
                                                 " against " + tonnes(before) + " in " + labels.at(previous->first).label() + ", a change of more than " +
                                                 output::display_number(implausible_change_factor, 0) + " times; check the amount and its unit"});
        }
    }
    for (const auto& [place, amounts] : kwh) {
        const auto& [k, source, site] = place;
        const auto [electricity, losses] = amounts;
        if (losses == 0) continue;
        if (std::abs(electricity - losses) <= 1e-6 * std::max(electricity, losses)) continue;
        found.push_back({k, labels.at(k).label() + " " + where(source, site) + ": transmission and distribution losses are on " +
                                output::display_number(losses, 0) + " kWh but the electricity is " + output::display_number(electricity, 0) +
                                " kWh; T&D losses apply to the same electricity"});
    }
    for (const auto& [k, s] : scopes)
        if (s.first && !s.second)
            found.push_back({k, labels.at(k).label() + ": no scope 2 row (purchased electricity); a council's own operations almost always have some"});
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> warnings;
    for (const auto& [k, text] : found)
        if (reported(labels.at(k))) warnings.push_back(text);
    return warnings;
}

}  // namespace carbontrack
