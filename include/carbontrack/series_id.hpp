// A target's series, parsed once from the text users type: for own operations "total", "scope-1".."scope-3"
// or "source:NAME" (tCO2e, financial years); for an area "within-scope" or "territorial", optionally ":SECTOR" (calendar years).
#pragma once

#include "carbontrack/area.hpp"
#include "carbontrack/period.hpp"

#include <string>
#include <string_view>

namespace carbontrack {

class series_id {
public:
    enum class family { own_total, own_scope, own_source, area };

    // Each throws data_error naming the text and the names that are known.
    static series_id parse_own_operations(std::string_view text);
    static series_id parse_area(std::string_view text);
    // For a target's entity: "council" (own operations) or an authority.
    static series_id parse_for(std::string_view entity, std::string_view text);

    family which() const noexcept { return family_; }
    bool own_operations() const noexcept { return family_ != family::area; }
    int scope() const noexcept { return scope_; }                   // own_scope: 1, 2 or 3
    const std::string& part() const noexcept { return part_; }      // own_source: the source; area: the sector, empty for the total
    area_measure measure() const noexcept { return measure_; }      // area only
    // Own operations are kept by financial year, area statistics by calendar year.
    period_kind periods() const noexcept { return own_operations() ? period_kind::financial_year : period_kind::calendar_year; }
    const std::string& text() const noexcept { return text_; }      // as stored: "scope-2", "within-scope:Domestic"

private:
    series_id(family f, std::string text) : family_(f), text_(std::move(text)) {}

    family family_;
    std::string text_;
    int scope_ = 0;
    std::string part_;
    area_measure measure_ = area_measure::within_scope;
};

}  // namespace carbontrack
