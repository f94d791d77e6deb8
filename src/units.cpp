#include "carbontrack/units.hpp"

#include "carbontrack/error.hpp"
#include "text.hpp"

#include <array>
#include <type_traits>
#include <utility>

namespace carbontrack::units {
namespace {

struct unit_label {
    std::string_view label;  // lower case, single spaces
    activity_kind kind;
    double canonical_per_unit;
};

// Spellings seen in DESNZ files and council spreadsheets. Canonical units are J, m3, m, kg, kg.m.
constexpr std::array known_units{
    unit_label{"kwh", activity_kind::by_energy, 3.6e6},
    unit_label{"mwh", activity_kind::by_energy, 3.6e9},
    unit_label{"gwh", activity_kind::by_energy, 3.6e12},
    unit_label{"twh", activity_kind::by_energy, 3.6e15},
    unit_label{"mj", activity_kind::by_energy, 1e6},
    unit_label{"gj", activity_kind::by_energy, 1e9},
    unit_label{"therms", activity_kind::by_energy, 105.505585e6},
    unit_label{"litres", activity_kind::by_volume, 1e-3},
    unit_label{"litre", activity_kind::by_volume, 1e-3},
    unit_label{"liters", activity_kind::by_volume, 1e-3},
    unit_label{"l", activity_kind::by_volume, 1e-3},
    unit_label{"million litres", activity_kind::by_volume, 1e3},
    unit_label{"megalitres", activity_kind::by_volume, 1e3},
    unit_label{"cubic metres", activity_kind::by_volume, 1.0},
    unit_label{"cubic metre", activity_kind::by_volume, 1.0},
    unit_label{"m3", activity_kind::by_volume, 1.0},
    unit_label{"km", activity_kind::by_distance, 1e3},
    unit_label{"kilometres", activity_kind::by_distance, 1e3},
    unit_label{"miles", activity_kind::by_distance, 1609.344},
    unit_label{"mile", activity_kind::by_distance, 1609.344},
    unit_label{"kg", activity_kind::by_mass, 1.0},
    unit_label{"tonnes", activity_kind::by_mass, 1e3},
    unit_label{"tonne", activity_kind::by_mass, 1e3},
    unit_label{"tonne.km", activity_kind::by_freight, 1e6},
    unit_label{"tonne km", activity_kind::by_freight, 1e6},
    unit_label{"passenger.km", activity_kind::by_passenger_distance, 1e3},
    unit_label{"passenger km", activity_kind::by_passenger_distance, 1e3},
};

struct gas_label {
    std::string_view label;  // lower case, spaces removed
    bool is_co2e;
    double kilograms_per_unit;
};

constexpr std::array known_gas_units{
    gas_label{"kgco2e", true, 1.0},   gas_label{"tco2e", true, 1e3},   gas_label{"tonnesco2e", true, 1e3},
    gas_label{"ktco2e", true, 1e6},   gas_label{"kgco2", false, 1.0},  gas_label{"tco2", false, 1e3},
    gas_label{"tonnesco2", false, 1e3}, gas_label{"ktco2", false, 1e6},
};

template <class... Ts>
struct overloaded : Ts... {
    using Ts::operator()...;
};

template <class Quantity>
constexpr activity_kind kind_of_quantity() {
    if constexpr (std::is_same_v<Quantity, energy>) return activity_kind::by_energy;
    else if constexpr (std::is_same_v<Quantity, volume>) return activity_kind::by_volume;
    else if constexpr (std::is_same_v<Quantity, distance>) return activity_kind::by_distance;
    else if constexpr (std::is_same_v<Quantity, material_mass>) return activity_kind::by_mass;
    else if constexpr (std::is_same_v<Quantity, freight>) return activity_kind::by_freight;
    else return activity_kind::by_passenger_distance;
}

// Builds the variant alternative for `kind` from a canonical value. The alternatives of activity and
// any_emission_factor are listed in activity_kind order, so one template serves both.
template <class Variant, std::size_t I = 0>
Variant from_canonical(activity_kind kind, double canonical) {
    if constexpr (I < std::variant_size_v<Variant>) {
        if (static_cast<std::size_t>(kind) == I) return std::variant_alternative_t<I, Variant>::from_value(canonical);
        return from_canonical<Variant, I + 1>(kind, canonical);
    } else {
        throw data_error("unknown activity kind");
    }
}

}  // namespace

std::string_view to_string(activity_kind kind) {
    switch (kind) {
        case activity_kind::by_energy: return "energy";
        case activity_kind::by_volume: return "volume";
        case activity_kind::by_distance: return "distance";
        case activity_kind::by_mass: return "mass";
        case activity_kind::by_freight: return "freight (mass x distance)";
        case activity_kind::by_passenger_distance: return "passenger distance";
    }
    return "unknown";
}

std::optional<unit_spec> parse_unit(std::string_view label) {
    std::string text = text::lower(text::collapse_spaces(label));
    calorific_basis basis = calorific_basis::unspecified;
    if (text::strip_suffix(text, " (gross cv)")) basis = calorific_basis::gross;
    else if (text::strip_suffix(text, " (net cv)")) basis = calorific_basis::net;
    for (const auto& known : known_units) {
        if (known.label == text) {
            if (basis != calorific_basis::unspecified && known.kind != activity_kind::by_energy) return std::nullopt;
            return unit_spec{known.kind, known.canonical_per_unit, basis};
        }
    }
    return std::nullopt;
}

activity make_activity(double amount, const unit_spec& unit) {
    return from_canonical<activity>(unit.kind, amount * unit.canonical_per_unit);
}

activity_kind kind_of(const activity& a) {
    return std::visit([](const auto& q) { return kind_of_quantity<std::decay_t<decltype(q)>>(); }, a);
}

double amount_in(const activity& a, const unit_spec& unit) {
    if (kind_of(a) != unit.kind) throw data_error("activity is not measured in a unit of " + std::string(to_string(unit.kind)));
    return std::visit([&](const auto& q) { return q.value() / unit.canonical_per_unit; }, a);
}

any_emission_factor make_factor(double kg_co2e_per_unit, const unit_spec& unit) {
    return from_canonical<any_emission_factor>(unit.kind, kg_co2e_per_unit / unit.canonical_per_unit);
}

activity_kind kind_of(const any_emission_factor& f) {
    return static_cast<activity_kind>(f.index());
}

co2e_mass emissions(const activity& a, const any_emission_factor& f) {
    return std::visit(
        [](const auto& amount, const auto& factor) -> co2e_mass {
            using product = decltype(amount * factor);
            if constexpr (std::is_same_v<product, co2e_mass>) {
                return amount * factor;
            } else {
                throw data_error("an activity measured as " +
                                 std::string(to_string(kind_of_quantity<std::decay_t<decltype(amount)>>())) +
                                 " cannot be multiplied by a factor per unit of another dimension");
            }
        },
        a, f);
}

bool fits(const unit_spec& activity_unit, const unit_spec& factor_unit) {
    if (activity_unit.kind != factor_unit.kind) return false;
    return activity_unit.basis == calorific_basis::unspecified || activity_unit.basis == factor_unit.basis;
}

std::optional<gas_mass> parse_gas_mass_unit(double amount, std::string_view label) {
    std::string text = text::lower(text::remove_spaces(label));
    for (const auto& known : known_gas_units) {
        if (known.label != text) continue;
        double kilograms = amount * known.kilograms_per_unit;
        if (known.is_co2e) return gas_mass{co2e_mass::from_value(kilograms)};
        return gas_mass{co2_mass::from_value(kilograms)};
    }
    return std::nullopt;
}

}  // namespace carbontrack::units
