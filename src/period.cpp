#include "carbontrack/period.hpp"

#include "carbontrack/error.hpp"
#include "text.hpp"

#include <charconv>
#include <cstdio>

namespace carbontrack {
namespace {

constexpr std::string_view accepted_forms = "use 2016/17, 2016-17, FY2016/17 or 2016/2017 for a financial year, 2016 for a calendar year";

std::optional<int> parse_digits(std::string_view s, std::size_t count) {
    if (s.size() != count) return std::nullopt;
    int value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size()) return std::nullopt;
    return value;
}

struct parsed {
    std::optional<period> value;
    std::string problem;
};

parsed parse(std::string_view raw) {
    std::string_view text = text::trim(raw);
    if (text.empty()) return {std::nullopt, "the period is empty"};
    if (text.size() >= 2 && (text[0] == 'F' || text[0] == 'f') && (text[1] == 'Y' || text[1] == 'y')) {
        text.remove_prefix(2);
        text = text::trim(text);
    }
    auto separator = text.find_first_of("/-");
    if (separator == std::string_view::npos) {
        auto year = parse_digits(text, 4);
        if (!year) return {std::nullopt, "'" + std::string(raw) + "' is not a period; " + std::string(accepted_forms)};
        calendar_year cy{*year};
        if (!cy.ok()) return {std::nullopt, "year " + std::to_string(*year) + " is out of range (1900-2199)"};
        return {period{cy}, {}};
    }
    auto first = parse_digits(text.substr(0, separator), 4);
    auto rest = text.substr(separator + 1);
    auto second = rest.size() == 2 ? parse_digits(rest, 2) : parse_digits(rest, 4);
    if (!first || !second) return {std::nullopt, "'" + std::string(raw) + "' is not a period; " + std::string(accepted_forms)};
    financial_year fy{*first};
    int expected_end = rest.size() == 2 ? (*first + 1) % 100 : *first + 1;
    if (*second != expected_end) {
        return {std::nullopt, "'" + std::string(raw) + "' is not a financial year: a financial year runs April to March, so " +
                                  std::to_string(*first) + " is followed by " + fy.label()};
    }
    if (!fy.ok()) return {std::nullopt, "year " + std::to_string(*first) + " is out of range (1900-2199)"};
    return {period{fy}, {}};
}

void require_same_kind(period a, period b) {
    if (a.kind() != b.kind()) {
        throw data_error("cannot compare " + a.label() + " (" + std::string(to_string(a.kind())) + ") with " + b.label() +
                         " (" + std::string(to_string(b.kind())) + ")");
    }
}

}  // namespace

std::string financial_year::label() const {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d/%02d", start_year_, (start_year_ + 1) % 100);
    return buffer;
}

std::string calendar_year::label() const { return std::to_string(year_); }

std::string_view to_string(period_kind kind) {
    return kind == period_kind::financial_year ? "financial year" : "calendar year";
}

date::year_month_day period::first_day() const noexcept {
    return kind_ == period_kind::financial_year ? financial_year{start_year_}.first_day() : calendar_year{start_year_}.first_day();
}

date::year_month_day period::last_day() const noexcept {
    return kind_ == period_kind::financial_year ? financial_year{start_year_}.last_day() : calendar_year{start_year_}.last_day();
}

std::string period::label() const {
    return kind_ == period_kind::financial_year ? financial_year{start_year_}.label() : calendar_year{start_year_}.label();
}

int period::factor_year() const {
    // Count the period's days in each calendar year it touches and take the larger share.
    const date::sys_days first{first_day()};
    const date::sys_days last{last_day()};
    const date::year_month_day first_ymd{first};
    const date::sys_days start_year_end{first_ymd.year() / date::December / date::day{31}};
    if (last <= start_year_end) return static_cast<int>(first_ymd.year());
    const auto days_in_first_year = (start_year_end - first).count() + 1;
    const auto days_after = (last - start_year_end).count();
    return days_in_first_year >= days_after ? static_cast<int>(first_ymd.year()) : static_cast<int>(first_ymd.year()) + 1;
}

date::years years_between(period from, period to) {
    require_same_kind(from, to);
    return date::years{to.start_year() - from.start_year()};
}

double years(period from, period to) { return static_cast<double>(years_between(from, to).count()); }

bool earlier(period a, period b) {
    require_same_kind(a, b);
    return a.start_year() < b.start_year();
}

std::optional<period> try_parse_period(std::string_view text) { return parse(text).value; }

period parse_period(std::string_view text) {
    auto result = parse(text);
    if (!result.value) throw data_error(result.problem);
    return *result.value;
}

std::string period_problem(std::string_view text) { return parse(text).problem; }

}  // namespace carbontrack
