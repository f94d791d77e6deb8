#include "report/parts.hpp"

#include "carbontrack/output.hpp"

#include <array>

namespace carbontrack::report {
namespace {

// A typographic minus reads as one in print; the workbook and tests use the cell's value.
constexpr std::string_view minus = "\u2212";

}  // namespace

std::string number_text(double value, int decimals) {
    const std::string shown = output::display_number(value, decimals);
    return shown.starts_with('-') ? std::string(minus) + shown.substr(1) : shown;
}

std::string signed_number_text(double value, int decimals) {
    const std::string shown = number_text(value, decimals);
    return shown.find_first_not_of("0.,") == std::string::npos || shown.starts_with(minus) ? shown : "+" + shown;
}

std::string signed_percent_text(double value) { return signed_number_text(value, 1) + "%"; }

cell text_cell(std::string text) { return {std::move(text), std::nullopt}; }

cell number_cell(std::optional<double> value, int decimals, std::string missing) {
    if (!value) return text_cell(std::move(missing));
    return {number_text(*value, decimals), value};
}

cell signed_cell(std::optional<double> value, int decimals, std::string missing) {
    if (!value) return text_cell(std::move(missing));
    return {signed_number_text(*value, decimals), value};
}

cell percent_cell(std::optional<double> value, std::string missing) {
    if (!value) return text_cell(std::move(missing));
    return {signed_percent_text(*value), value};
}

double tonnes(units::co2e_mass mass) { return units::in(mass, units::tonne_co2e); }

std::string long_date(date::year_month_day day) {
    static constexpr std::array<std::string_view, 12> months{"January", "February", "March",     "April",   "May",      "June",
                                                             "July",    "August",   "September", "October", "November", "December"};
    return std::to_string(static_cast<unsigned>(day.day())) + " " + std::string(months[static_cast<unsigned>(day.month()) - 1]) + " " +
           std::to_string(static_cast<int>(day.year()));
}

}  // namespace carbontrack::report
