#include "carbontrack/csv.hpp"
#include "carbontrack/output.hpp"

#include "text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace carbontrack::csv {
namespace {

// "11,663" and "1,234,567.5" are numbers; "1,2" and "12,34" are not (they look like decimal commas).
bool valid_grouping(std::string_view integer_part) {
    auto first_comma = integer_part.find(',');
    if (first_comma == std::string_view::npos) return true;
    if (first_comma == 0 || first_comma > 3) return false;
    for (std::size_t i = first_comma; i < integer_part.size(); i += 4) {
        if (integer_part[i] != ',' || i + 4 > integer_part.size()) return false;
        for (std::size_t j = i + 1; j < i + 4; ++j)
            if (integer_part[j] < '0' || integer_part[j] > '9') return false;
    }
    return true;
}

}  // namespace

std::optional<double> parse_number(std::string_view raw) {
    std::string_view text = text::trim(raw);
    if (text.empty()) return std::nullopt;
    std::string digits;
    if (text.find(',') != std::string_view::npos) {
        std::string_view unsigned_part = text;
        if (unsigned_part.front() == '-' || unsigned_part.front() == '+') unsigned_part.remove_prefix(1);
        auto integer_end = unsigned_part.find_first_of(".eE");
        if (!valid_grouping(unsigned_part.substr(0, integer_end))) return std::nullopt;
        if (integer_end != std::string_view::npos && unsigned_part.substr(integer_end).find(',') != std::string_view::npos)
            return std::nullopt;
        for (char c : text)
            if (c != ',') digits += c;
        text = digits;
    }
    if (text.front() == '+') text.remove_prefix(1);
    double value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

std::optional<std::pair<double, std::string>> parse_amount_with_unit(std::string_view raw) {
    std::string_view text = text::trim(raw);
    auto split = text.find(' ');
    if (split == std::string_view::npos)
        split = text.find_first_not_of("0123456789.,+-");
    if (split == std::string_view::npos) return std::nullopt;
    auto amount = parse_number(text.substr(0, split));
    std::string unit = text::collapse_spaces(text.substr(split));
    if (!amount || unit.empty()) return std::nullopt;
    return std::pair{*amount, unit};
}

std::string number_problem(std::string_view raw) {
    std::string_view text = text::trim(raw);
    if (text.empty()) return "a number is required but the cell is empty";
    std::string lowered = text::lower(std::string(text));
    if (lowered.find("nan") != std::string::npos || lowered.find("inf") != std::string::npos)
        return "'" + std::string(text) + "' is not a finite number";
    return "'" + std::string(text) + "' is not a number";
}

std::string magnitude_problem(std::string_view text, std::string_view what, double limit, std::string_view why) {
    const std::string shown = output::format_number(limit, output::number_style::shortest);
    return "'" + std::string(text::trim(text)) + "' is too large for " + std::string(what) + " (the limit is " + shown + ": " +
           std::string(why) + ")";
}

}  // namespace carbontrack::csv
