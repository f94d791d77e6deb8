// A UK financial year runs 1 April - 31 March: 2016/17 is financial_year{2016}. A calendar year is
// January - December. Periods are points on a time axis: they subtract to years and never add.
#pragma once

#include <date/date.h>

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace carbontrack {

class financial_year {
public:
    constexpr explicit financial_year(int start_year) noexcept : start_year_(start_year) {}

    constexpr int start_year() const noexcept { return start_year_; }
    constexpr bool ok() const noexcept { return start_year_ >= 1900 && start_year_ < 2200; }

    constexpr date::year_month_day first_day() const noexcept {
        return date::year{start_year_} / date::April / date::day{1};
    }
    constexpr date::year_month_day last_day() const noexcept {
        return date::year{start_year_ + 1} / date::March / date::day{31};
    }
    bool contains(date::sys_days day) const noexcept {
        return date::sys_days{first_day()} <= day && day <= date::sys_days{last_day()};
    }

    std::string label() const;  // "2016/17"

    constexpr financial_year operator+(date::years n) const noexcept {
        return financial_year{start_year_ + static_cast<int>(n.count())};
    }
    constexpr financial_year operator-(date::years n) const noexcept {
        return financial_year{start_year_ - static_cast<int>(n.count())};
    }
    friend constexpr date::years operator-(financial_year a, financial_year b) noexcept {
        return date::years{a.start_year_ - b.start_year_};
    }
    friend constexpr auto operator<=>(financial_year, financial_year) = default;

private:
    int start_year_;
};

class calendar_year {
public:
    constexpr explicit calendar_year(int year) noexcept : year_(year) {}

    constexpr int year() const noexcept { return year_; }
    constexpr bool ok() const noexcept { return year_ >= 1900 && year_ < 2200; }
    constexpr date::year_month_day first_day() const noexcept { return date::year{year_} / date::January / date::day{1}; }
    constexpr date::year_month_day last_day() const noexcept { return date::year{year_} / date::December / date::day{31}; }
    bool contains(date::sys_days day) const noexcept {
        return date::sys_days{first_day()} <= day && day <= date::sys_days{last_day()};
    }

    std::string label() const;  // "2016"

    constexpr calendar_year operator+(date::years n) const noexcept { return calendar_year{year_ + static_cast<int>(n.count())}; }
    constexpr calendar_year operator-(date::years n) const noexcept { return calendar_year{year_ - static_cast<int>(n.count())}; }
    friend constexpr date::years operator-(calendar_year a, calendar_year b) noexcept { return date::years{a.year_ - b.year_}; }
    friend constexpr auto operator<=>(calendar_year, calendar_year) = default;

private:
    int year_;
};

enum class period_kind { financial_year, calendar_year };

std::string_view to_string(period_kind kind);

// A reporting period of either kind, as stored and as a series holds it. A series has one kind, so
// comparing or subtracting periods of different kinds is a data_error, never a silent answer.
class period {
public:
    constexpr period(financial_year fy) noexcept : kind_(period_kind::financial_year), start_year_(fy.start_year()) {}
    constexpr period(calendar_year cy) noexcept : kind_(period_kind::calendar_year), start_year_(cy.year()) {}
    static constexpr period from_key(period_kind kind, int start_year) noexcept {
        return kind == period_kind::financial_year ? period{financial_year{start_year}} : period{calendar_year{start_year}};
    }

    constexpr period_kind kind() const noexcept { return kind_; }
    // The calendar year the period starts in: its storage key within a kind.
    constexpr int start_year() const noexcept { return start_year_; }
    date::year_month_day first_day() const noexcept;
    date::year_month_day last_day() const noexcept;
    std::string label() const;

    // DESNZ factor-year rule: the calendar year holding most of the period (2019/20 -> 2019).
    int factor_year() const;

    // The period `n` years later or earlier, of the same kind.
    constexpr period operator+(date::years n) const noexcept { return from_key(kind_, start_year_ + static_cast<int>(n.count())); }
    constexpr period operator-(date::years n) const noexcept { return from_key(kind_, start_year_ - static_cast<int>(n.count())); }

    friend constexpr bool operator==(period, period) = default;

private:
    period_kind kind_;
    int start_year_;
};

// Years from `from` to `to`; throws data_error when the kinds differ.
date::years years_between(period from, period to);
// The same as a plain number, for the curve arithmetic of pathways, trends and interpolation.
double years(period from, period to);
// Strict ordering within one kind; throws data_error when the kinds differ.
bool earlier(period a, period b);

// Accepts "2016/17", "2016-17", "FY2016/17", "FY 2016/17", "2016/2017" and "2016-2017" as financial
// years and "2016" as a calendar year. Returns nullopt for anything else, including "2016/18".
std::optional<period> try_parse_period(std::string_view text);
// As try_parse_period, but throws data_error naming the text and the accepted forms.
period parse_period(std::string_view text);
// Why `text` is not a period (empty when it is one); used to build precise messages.
std::string period_problem(std::string_view text);

}  // namespace carbontrack
