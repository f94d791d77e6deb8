#include "carbontrack/target.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/output.hpp"
#include "text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace carbontrack {
namespace {

std::string in_quotes(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string format_pct(double pct) { return output::format_number(pct, output::number_style::shortest) + "%"; }

double parse_pct(std::string_view raw, std::string_view whole) {
    std::string_view text = text::trim(raw);
    if (text.ends_with('%')) text = text::trim(text.substr(0, text.size() - 1));
    double value = 0.0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(value)) {
        throw data_error("milestone " + in_quotes(whole) + ": " + in_quotes(raw) + " is not a per cent reduction such as 64%");
    }
    if (value < 0.0 || value > 100.0) {
        throw data_error("milestone " + in_quotes(whole) + ": a reduction must be between 0% and 100%, not " + format_pct(value));
    }
    return value;
}

// A calendar year written against a financial-year baseline is nearly always "by YEAR" shorthand,
// so the message shows the period that convention gives.
std::string kind_hint(const milestone& m, period baseline) {
    if (m.when.kind() == period_kind::calendar_year && baseline.kind() == period_kind::financial_year) {
        return "; 'by " + m.when.label() + "' on a financial-year series is " +
               period_ending_in(m.when.start_year(), period_kind::financial_year).label();
    }
    return {};
}

}  // namespace

std::string_view to_string(pathway_kind kind) { return kind == pathway_kind::linear ? "linear" : "constant-rate"; }

pathway_kind parse_pathway_kind(std::string_view text) {
    const std::string folded = text::lower(std::string(text::trim(text)));
    if (folded == "linear") return pathway_kind::linear;
    if (folded == "constant-rate") return pathway_kind::constant_rate;
    throw data_error("pathway " + in_quotes(text) + " is not one of: linear, constant-rate");
}

std::string to_string(const milestone& m) { return m.when.label() + ":" + format_pct(m.reduction_pct); }

milestone parse_milestone(std::string_view text) {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        throw data_error("milestone " + in_quotes(text) + " is not PERIOD:PCT, for example 2024/25:64%");
    }
    const std::string_view period_text = text.substr(0, colon);
    const std::string problem = period_problem(period_text);
    if (!problem.empty()) throw data_error("milestone " + in_quotes(text) + ": " + problem);
    return milestone{parse_period(period_text), parse_pct(text.substr(colon + 1), text)};
}

std::vector<milestone> parse_milestones(period baseline, std::span<const std::string> texts) {
    std::vector<milestone> result;
    result.reserve(texts.size());
    for (const auto& text : texts) result.push_back(parse_milestone(text));
    check_milestones(baseline, result);
    return result;
}

void check_milestones(period baseline, const std::vector<milestone>& milestones) {
    if (milestones.empty()) throw data_error("a target needs at least one milestone, for example 2029/30:100%");
    for (std::size_t i = 0; i < milestones.size(); ++i) {
        const milestone& m = milestones[i];
        if (m.when.kind() != baseline.kind()) {
            throw data_error("milestone " + in_quotes(to_string(m)) + " is a " + std::string(to_string(m.when.kind())) +
                             " but the baseline " + baseline.label() + " is a " + std::string(to_string(baseline.kind())) +
                             kind_hint(m, baseline));
        }
        if (m.reduction_pct < 0.0 || m.reduction_pct > 100.0 || !std::isfinite(m.reduction_pct)) {
            throw data_error("milestone " + in_quotes(to_string(m)) + ": a reduction must be between 0% and 100%");
        }
        if (!earlier(baseline, m.when)) {
            throw data_error("milestone " + in_quotes(to_string(m)) + " must come after the baseline " + baseline.label());
        }
        if (i > 0 && !earlier(milestones[i - 1].when, m.when)) {
            throw data_error("milestone " + in_quotes(to_string(m)) + " must come after the milestone before it, " +
                             in_quotes(to_string(milestones[i - 1])) + ": list milestones in increasing order");
        }
    }
}

period period_ending_in(int year, period_kind kind) {
    return kind == period_kind::financial_year ? period{financial_year{year - 1}} : period{calendar_year{year}};
}

target::target(target_definition definition) : definition_(std::move(definition)) {
    const auto& d = definition_;
    if (text::trim(d.name).empty()) throw data_error("a target needs a name");
    if (text::trim(d.entity).empty()) throw data_error("target '" + d.name + "' needs an entity (council or an authority code)");
    if (text::trim(d.series).empty()) throw data_error("target '" + d.name + "' needs a series to follow");
    check_milestones(d.baseline, d.milestones);
    const auto positive = [](const units::gas_mass& m) { return std::visit([](auto q) { return q.value() > 0.0; }, m); };
    if (d.budget) {
        if (!positive(d.budget->amount)) throw data_error("target '" + d.name + "': a carbon budget must be more than zero");
        if (d.budget->from.kind() != d.baseline.kind()) {
            throw data_error("target '" + d.name + "': the budget starts in " + d.budget->from.label() + ", a " +
                             std::string(to_string(d.budget->from.kind())) + ", but the baseline " + d.baseline.label() +
                             " is a " + std::string(to_string(d.baseline.kind())));
        }
    }
    if (d.baseline_value && !positive(*d.baseline_value)) {
        throw data_error("target '" + d.name + "': a baseline value must be more than zero");
    }
    if (d.budget && d.baseline_value && d.budget->amount.index() != d.baseline_value->index()) {
        throw data_error("target '" + d.name + "': the budget and the baseline value must be the same gas (both CO2e or both CO2)");
    }
}

}  // namespace carbontrack
