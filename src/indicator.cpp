#include "carbontrack/indicator.hpp"

#include "carbontrack/error.hpp"
#include "text.hpp"

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace carbontrack {
namespace {

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}); }

std::string normalised(std::string_view text) { return text::lower(text::collapse_spaces(text)); }

std::string_view dimension_name(const indicator_measure& measure) {
    switch (measure.index()) {
        case 0: return "a count or share";
        case 1: return "energy";
        case 2: return "mass";
        default: return "power";
    }
}

}  // namespace

std::string_view to_string(indicator_kind kind) {
    switch (kind) {
        case indicator_kind::flow: return "flow";
        case indicator_kind::level: return "level";
        case indicator_kind::ratio: return "ratio";
    }
    return "";
}

std::optional<indicator_kind> parse_indicator_kind(std::string_view text) {
    const auto key = normalised(text);
    if (key == "flow") return indicator_kind::flow;
    if (key == "level") return indicator_kind::level;
    if (key == "ratio") return indicator_kind::ratio;
    return std::nullopt;
}

std::string_view to_string(desired_direction direction) { return direction == desired_direction::up ? "up" : "down"; }

std::optional<desired_direction> parse_direction(std::string_view text) {
    const auto key = normalised(text);
    if (key == "up") return desired_direction::up;
    if (key == "down") return desired_direction::down;
    return std::nullopt;
}

std::string_view to_string(value_quality quality) {
    switch (quality) {
        case value_quality::unspecified: return "";
        case value_quality::measured: return "measured";
        case value_quality::estimated: return "estimated";
        case value_quality::published: return "published";
        case value_quality::more_than: return "more-than";
        case value_quality::at_least: return "at-least";
        case value_quality::about: return "about";
        case value_quality::almost: return "almost";
    }
    return "";
}

std::optional<value_quality> parse_value_quality(std::string_view text) {
    std::string key = normalised(text);
    std::replace(key.begin(), key.end(), '-', ' ');
    if (key.empty()) return value_quality::unspecified;
    if (key == "measured") return value_quality::measured;
    if (key == "estimated") return value_quality::estimated;
    if (key == "published") return value_quality::published;
    if (key == "more than" || key == "over") return value_quality::more_than;
    if (key == "at least") return value_quality::at_least;
    if (key == "about" || key == "approximately" || key == "around") return value_quality::about;
    if (key == "almost" || key == "nearly" || key == "just under") return value_quality::almost;
    return std::nullopt;
}

std::string_view qualifier_words(value_quality quality) {
    switch (quality) {
        case value_quality::more_than: return "more than";
        case value_quality::at_least: return "at least";
        case value_quality::about: return "about";
        case value_quality::almost: return "almost";
        default: return "";
    }
}

bool is_qualified(value_quality quality) { return !qualifier_words(quality).empty(); }

std::string_view to_string(value_basis basis) { return basis == value_basis::period_amount ? "period" : "running-total"; }

std::optional<value_basis> parse_value_basis(std::string_view text) {
    std::string key = normalised(text);
    std::replace(key.begin(), key.end(), '-', ' ');
    if (key.empty() || key == "period") return value_basis::period_amount;
    if (key == "running total" || key == "cumulative") return value_basis::running_total;
    return std::nullopt;
}

indicator_unit parse_indicator_unit(std::string_view label) {
    const std::string symbol = text::collapse_spaces(label);
    const std::string key = text::lower(symbol);
    if (key.empty()) throw data_error("the unit is empty");
    if (key == "%" || key == "percent" || key == "per cent") return {"%", units::percent, true, false};
    if (key == "w") return {symbol, units::watt};
    if (key == "kw") return {symbol, units::kilowatt};
    if (key == "mw") return {symbol, units::megawatt};
    if (auto spec = units::parse_unit(symbol)) {
        if (spec->kind == units::activity_kind::by_energy) return {symbol, units::energy::from_value(spec->canonical_per_unit)};
        if (spec->kind == units::activity_kind::by_mass) return {symbol, units::material_mass::from_value(spec->canonical_per_unit)};
        throw data_error("the unit '" + symbol + "' (" + std::string(units::to_string(spec->kind)) +
                         ") is not one an indicator can count in; use a count (trees, vehicles), %, kWh/MWh/GWh, kg/tonnes or kW/MW");
    }
    const bool noun = std::all_of(symbol.begin(), symbol.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || (static_cast<unsigned char>(c) & 0x80);
    });
    if (!noun) throw data_error("unknown unit '" + symbol + "'; use a count (trees, vehicles), %, kWh/MWh/GWh, kg/tonnes or kW/MW");
    return {symbol, units::whole_one, false, true};
}

void check_share_parts(const indicator_unit& part, const indicator_unit& whole) {
    const std::string both = "'" + part.symbol + "' / '" + whole.symbol + "'";
    if (part.is_percentage || whole.is_percentage)
        throw data_error(both + " cannot divide to a share: a part of a ratio is an amount, not a percentage");
    if (part.is_count != whole.is_count || (part.is_count && text::lower(part.symbol) != text::lower(whole.symbol)))
        throw data_error(both + " cannot divide to a share: both parts must count the same thing");
    std::visit(
        [&](auto p, auto w) {
            if constexpr (!units::divides_to_share<decltype(p), decltype(w)>) {
                throw data_error(both + " cannot divide to a share: " + std::string(dimension_name(part.one)) + " divided by " +
                                 std::string(dimension_name(whole.one)) + " is not dimensionless");
            }
        },
        part.one, whole.one);
}

units::share share_of(double part, const indicator_unit& part_unit, double whole, const indicator_unit& whole_unit) {
    check_share_parts(part_unit, whole_unit);
    return std::visit(
        [&](auto p, auto w) -> units::share {
            if constexpr (units::divides_to_share<decltype(p), decltype(w)>) {
                if (!(whole > 0.0)) throw data_error("a share needs a whole greater than zero");
                return (part * p) / (whole * w);
            } else {
                throw data_error("'" + part_unit.symbol + "' / '" + whole_unit.symbol + "' cannot divide to a share");
            }
        },
        part_unit.one, whole_unit.one);
}

bool indicator_definition::same_content(const indicator_definition& other) const {
    const auto same_goal = [](const std::optional<indicator_goal>& a, const std::optional<indicator_goal>& b) {
        if (a.has_value() != b.has_value()) return false;
        return !a || (near(a->value, b->value) && a->deadline == b->deadline && a->baseline == b->baseline);
    };
    return name == other.name && kind == other.kind && unit == other.unit && direction == other.direction &&
           numerator == other.numerator && denominator == other.denominator && same_goal(goal, other.goal);
}

bool indicator_value::same_identity(const indicator_value& other) const {
    return indicator == other.indicator && area == other.area && when == other.when;
}

bool indicator_value::same_content(const indicator_value& other) const {
    return same_identity(other) && near(amount, other.amount) && basis == other.basis && quality == other.quality;
}

indicator_catalogue::indicator_catalogue(std::vector<indicator_definition> definitions, std::vector<indicator_value> values)
    : definitions_(std::move(definitions)), values_(std::move(values)) {
    std::sort(definitions_.begin(), definitions_.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
}

const indicator_definition* indicator_catalogue::find(std::string_view name) const {
    auto it = std::find_if(definitions_.begin(), definitions_.end(), [&](const auto& d) { return d.name == name; });
    return it == definitions_.end() ? nullptr : &*it;
}

std::vector<indicator_value> indicator_catalogue::values_of(std::string_view name) const {
    std::vector<indicator_value> found;
    std::copy_if(values_.begin(), values_.end(), std::back_inserter(found), [&](const auto& v) { return v.indicator == name; });
    return found;
}

std::vector<std::string> indicator_catalogue::sources_of(std::string_view name) const {
    std::vector<std::string> sources;
    const auto add = [&sources](const std::string& s) {
        if (!s.empty() && std::find(sources.begin(), sources.end(), s) == sources.end()) sources.push_back(s);
    };
    // A ratio's parts are read one level down only, so no definition can lead round in a circle.
    const auto own = [&](std::string_view indicator) {
        const auto* d = find(indicator);
        if (d && !d->source.empty()) return add(d->source);
        for (const auto& v : values_)
            if (v.indicator == indicator) add(v.source);
    };
    own(name);
    const auto* definition = find(name);
    if (sources.empty() && definition && definition->kind == indicator_kind::ratio) {
        own(definition->numerator);
        own(definition->denominator);
    }
    return sources;
}

}  // namespace carbontrack
