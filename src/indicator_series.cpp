// From recorded values to series: one per area, running totals for flows, ratios computed from
// their parts, and the whole area's figure from its parts where that is sound.
#include "carbontrack/indicator.hpp"

#include "carbontrack/error.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace carbontrack {
namespace {

std::string in_quotes(std::string_view name) { return "'" + std::string(name) + "'"; }

const indicator_definition& require(const indicator_catalogue& catalogue, std::string_view name) {
    if (const auto* d = catalogue.find(name)) return *d;
    std::string known;
    for (const auto& d : catalogue.definitions()) known += (known.empty() ? "" : ", ") + in_quotes(d.name);
    throw data_error("no indicator named " + in_quotes(name) + (known.empty() ? std::string(" (none defined)") : " (known: " + known + ")"));
}

bool before(const indicator_point& a, const indicator_point& b) { return a.when.start_year() < b.when.start_year(); }

// A sum is a lower bound when its qualified parts are lower bounds, else approximate.
value_quality combined_quality(value_quality a, value_quality b) {
    if (!is_qualified(a)) return b;
    if (!is_qualified(b)) return a;
    const auto lower_bound = [](value_quality q) { return q == value_quality::more_than || q == value_quality::at_least; };
    return lower_bound(a) && lower_bound(b) ? value_quality::at_least : value_quality::about;
}

// A share from qualified parts is only approximate: a lower bound on top and bottom bounds nothing.
value_quality ratio_quality(value_quality a, value_quality b) {
    return is_qualified(a) || is_qualified(b) ? value_quality::about : value_quality::unspecified;
}

std::vector<indicator_point> running_totals(const std::vector<indicator_value>& values, std::vector<std::string>& notes) {
    std::map<int, const indicator_value*> amounts;
    std::map<int, const indicator_value*> totals;
    for (const auto& v : values) (v.basis == value_basis::running_total ? totals : amounts)[v.when.start_year()] = &v;
    std::set<int> years;
    for (const auto& [year, v] : amounts) years.insert(year);
    for (const auto& [year, v] : totals) years.insert(year);

    std::vector<indicator_point> result;
    std::optional<indicator_point> current;
    for (int year : years) {
        if (auto total = totals.find(year); total != totals.end()) {
            current = indicator_point{total->second->when, total->second->amount, total->second->quality};
        } else {
            const auto& amount = *amounts.at(year);
            if (!current && result.empty()) {
                current = indicator_point{amount.when, amount.amount, amount.quality};
            } else if (current && current->when.start_year() + 1 == year) {
                current = indicator_point{amount.when, current->amount + amount.amount, combined_quality(current->quality, amount.quality)};
            } else {
                if (current)
                    notes.push_back("the running total is unknown after " + current->when.label() + ": the period after it has no value");
                current.reset();
                continue;
            }
        }
        result.push_back(*current);
    }
    return result;
}

std::vector<indicator_point> points_of(const std::vector<indicator_value>& values) {
    std::vector<indicator_point> points;
    for (const auto& v : values)
        if (v.basis == value_basis::period_amount) points.push_back({v.when, v.amount, v.quality});
    std::sort(points.begin(), points.end(), before);
    return points;
}

std::map<std::string, std::vector<indicator_value>> by_area(std::vector<indicator_value> values) {
    std::map<std::string, std::vector<indicator_value>> areas;
    for (auto& v : values) areas[v.area].push_back(std::move(v));
    return areas;
}

// The % share per area and period where both parts have a period value.
std::vector<indicator_series> ratio_series(const indicator_catalogue& catalogue, const indicator_definition& d) {
    const auto& numerator = require(catalogue, d.numerator);
    const auto& denominator = require(catalogue, d.denominator);
    const auto top_unit = parse_indicator_unit(numerator.unit);
    const auto bottom_unit = parse_indicator_unit(denominator.unit);
    auto tops = by_area(catalogue.values_of(numerator.name));
    auto bottoms = by_area(catalogue.values_of(denominator.name));
    std::set<std::string> areas;
    for (const auto& [area, values] : tops) areas.insert(area);
    for (const auto& [area, values] : bottoms) areas.insert(area);

    std::vector<indicator_series> result;
    for (const auto& area : areas) {
        indicator_series s{d.name, area, false, {}, {}, {}};
        const auto top_points = points_of(tops[area]);
        const auto bottom_points = points_of(bottoms[area]);
        for (const auto& top : top_points) {
            auto bottom = std::find_if(bottom_points.begin(), bottom_points.end(), [&](const auto& b) { return b.when == top.when; });
            if (bottom == bottom_points.end()) continue;
            if (!(bottom->amount > 0.0)) {
                s.notes.push_back(top.when.label() + ": " + in_quotes(denominator.name) + " is zero, so no share");
                continue;
            }
            const auto share = share_of(top.amount, top_unit, bottom->amount, bottom_unit);
            s.values.push_back({top.when, in(share, units::percent), ratio_quality(top.quality, bottom->quality)});
        }
        if (s.values.empty())
            s.notes.push_back("no period has both " + in_quotes(numerator.name) + " (" + std::to_string(top_points.size()) + " values) and " +
                              in_quotes(denominator.name) + " (" + std::to_string(bottom_points.size()) + " values): the share cannot be computed");
        result.push_back(std::move(s));
    }
    if (result.empty())
        result.push_back({d.name, "", false, {}, {}, {"neither " + in_quotes(numerator.name) + " nor " + in_quotes(denominator.name) +
                                                        " has any value: the share cannot be computed"}});
    return result;
}

struct part_sum {
    double numerator = 0;
    double denominator = 0;
    value_quality quality = value_quality::unspecified;
    std::size_t areas = 0;
};

}  // namespace

std::vector<indicator_series> build_series(const indicator_catalogue& catalogue, std::string_view name) {
    const auto& d = require(catalogue, name);
    if (d.kind == indicator_kind::ratio) return ratio_series(catalogue, d);
    std::vector<indicator_series> result;
    for (auto& [area, values] : by_area(catalogue.values_of(d.name))) {
        indicator_series s{d.name, area, false, points_of(values), {}, {}};
        if (d.kind == indicator_kind::flow) s.running_total = running_totals(values, s.notes);
        result.push_back(std::move(s));
    }
    if (result.empty()) result.push_back({d.name, "", false, {}, {}, {"no values recorded"}});
    return result;
}

area_combination combine_areas(const indicator_catalogue& catalogue, std::string_view name) {
    const auto& d = require(catalogue, name);
    const bool ratio = d.kind == indicator_kind::ratio;
    const auto numerator_values = by_area(catalogue.values_of(ratio ? d.numerator : d.name));
    const auto denominator_values = ratio ? by_area(catalogue.values_of(d.denominator)) : decltype(numerator_values){};
    std::set<std::string> areas;
    for (const auto& [area, values] : numerator_values)
        if (!area.empty()) areas.insert(area);
    for (const auto& [area, values] : denominator_values)
        if (!area.empty()) areas.insert(area);
    if (areas.empty()) return {std::nullopt, in_quotes(d.name) + " has no values for named areas"};
    if (!ratio && parse_indicator_unit(d.unit).is_percentage)
        return {std::nullopt, "only percentages are recorded for the areas of " + in_quotes(d.name) +
                                  ": a figure for the whole needs the amounts behind them (an average of percentages would weigh every "
                                  "area alike); record the amounts as two indicators and define a ratio of them"};

    std::map<int, part_sum> sums;
    std::optional<period_kind> kind;
    const auto add = [&](const std::map<std::string, std::vector<indicator_value>>& source, bool top) {
        for (const auto& area : areas) {
            auto found = source.find(area);
            if (found == source.end()) continue;
            for (const auto& p : points_of(found->second)) {
                kind = p.when.kind();
                auto& sum = sums[p.when.start_year()];
                (top ? sum.numerator : sum.denominator) += p.amount;
                sum.quality = combined_quality(sum.quality, p.quality);
                if (top) ++sum.areas;
            }
        }
    };
    add(numerator_values, true);
    add(denominator_values, false);

    indicator_series s{d.name, "", true, {}, {}, {}};
    const auto top_unit = parse_indicator_unit(ratio ? require(catalogue, d.numerator).unit : d.unit);
    std::size_t incomplete = 0;
    for (const auto& [year, sum] : sums) {
        const period when = period::from_key(*kind, year);
        bool complete = sum.areas == areas.size();
        if (ratio) {
            const auto& bottoms = denominator_values;
            complete = complete && std::all_of(areas.begin(), areas.end(), [&](const std::string& area) {
                auto found = bottoms.find(area);
                if (found == bottoms.end()) return false;
                const auto points = points_of(found->second);
                return std::any_of(points.begin(), points.end(), [&](const auto& p) { return p.when == when; });
            });
        }
        if (!complete) {
            ++incomplete;
            continue;
        }
        if (ratio) {
            if (!(sum.denominator > 0.0)) continue;
            const auto share = share_of(sum.numerator, top_unit, sum.denominator, parse_indicator_unit(require(catalogue, d.denominator).unit));
            s.values.push_back({when, in(share, units::percent), is_qualified(sum.quality) ? value_quality::about : value_quality::unspecified});
        } else {
            s.values.push_back({when, sum.numerator, sum.quality});
        }
    }
    if (incomplete > 0)
        s.notes.push_back(std::to_string(incomplete) + " period(s) left out because not every one of the " + std::to_string(areas.size()) +
                          " areas has a figure in them");
    if (s.values.empty()) return {std::nullopt, "no period has a figure for every one of the " + std::to_string(areas.size()) + " areas of " + in_quotes(d.name)};
    if (d.kind == indicator_kind::flow) {
        std::vector<indicator_value> sums_as_values;
        for (const auto& p : s.values) sums_as_values.push_back({d.name, "", p.when, p.amount, value_basis::period_amount, p.quality, {}, {}, {}, 0, 0, {}});
        s.running_total = running_totals(sums_as_values, s.notes);
    }
    return {std::move(s), {}};
}

}  // namespace carbontrack
