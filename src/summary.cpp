// Sums an organisation's rows per period; the total and its basis come from total_of_period alone.
#include "carbontrack/summary.hpp"

#include "carbontrack/error.hpp"

#include <algorithm>
#include <map>

namespace carbontrack {

std::optional<units::co2e_mass> period_summary::unattributed() const {
    if (!reported_total) return std::nullopt;
    return *reported_total - components_total;
}

std::string_view to_string(breakdown b) { return b == breakdown::scope ? "scope" : "source"; }

std::vector<period_summary> summarise(const std::vector<inventory_entry>& entries, breakdown by, const reporting_boundary& boundary) {
    // Keyed by (kind, start year) so periods come out in time order.
    std::map<std::pair<int, int>, period_summary> periods;
    std::map<std::pair<int, int>, std::map<std::string, units::co2e_mass>> lines;
    for (const auto& e : entries) {
        const auto key = std::pair{static_cast<int>(e.when.kind()), e.when.start_year()};
        auto [it, inserted] = periods.try_emplace(key);
        auto& summary = it->second;
        if (inserted) summary.when = e.when;
        if (e.quality != quality_flag::unspecified &&
            std::find(summary.qualities.begin(), summary.qualities.end(), e.quality) == summary.qualities.end())
            summary.qualities.push_back(e.quality);
        if (e.is_reported_total()) {
            summary.reported_total = e.emissions;
            continue;
        }
        const std::string line_key = by == breakdown::scope ? "Scope " + std::to_string(*e.scope) : e.source;
        lines[key][line_key] += e.emissions;
        summary.components_total += e.emissions;
    }
    std::vector<period_summary> result;
    for (auto& [key, summary] : periods) {
        for (const auto& [name, emissions] : lines[key]) summary.lines.push_back({name, emissions});
        std::sort(summary.qualities.begin(), summary.qualities.end());
        summary.totals = total_of_period(summary.when, entries, boundary);
        result.push_back(std::move(summary));
    }
    return result;
}

double percent_change(units::co2e_mass from, units::co2e_mass to) {
    if (from.value() == 0) throw data_error("a change from zero has no percentage");
    return ((to - from) / from).value() * 100.0;
}

}  // namespace carbontrack
