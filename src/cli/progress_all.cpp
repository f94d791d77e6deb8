#include "cli/progress_all.hpp"

#include "carbontrack/all_authorities.hpp"
#include "carbontrack/app/assessment.hpp"
#include "carbontrack/error.hpp"

#include <algorithm>
#include <cstdio>
#include <limits>

namespace carbontrack::cli {
namespace {

using app::progress_view;
using app::view_of;

struct authority_row {
    std::string code;
    std::string name;
    progress_view view;
    std::string problem;
};

// Ascending keys put the authorities closest to net zero first; those without a figure go last.
double sort_key(const authority_row& row, const std::string& sort) {
    constexpr double last = std::numeric_limits<double>::infinity();
    if (!row.problem.empty()) return last;
    const auto& v = row.view;
    if (sort == "required-rate") return v.required_per_year.value_or(last);
    if (sort == "change") return v.change_pct.value_or(last);
    if (sort == "latest") return v.latest_value.value_or(last);
    return v.net_zero_year.value_or(last);
}

std::string year_text(const std::optional<double>& year) {
    if (!year) return "";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", *year);
    return buffer;
}

std::string cell(const std::optional<double>& value, bool table, int decimals = 1) {
    if (!value) return table ? "-" : "";
    return table ? output::display_number(*value, decimals) : output::exact_number(*value);
}

nlohmann::json maybe(const std::optional<double>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }

}  // namespace

int run_all_authorities(const all_authorities_options& options, context& ctx) {
    store db = ctx.open();
    const auto release = db.find_area_release(options.release);
    if (!release) throw data_error("no area release" + (options.release.empty() ? std::string() : " named '" + options.release + "'") +
                                   "; import one with 'carbontrack area import FILE'");
    const auto areas = rankable_areas(db.area_authorities(release->id), db.area_codes(), options.tiers);
    // A sector series needs every sub-sector; a total needs only each authority's yearly sums.
    const auto data = options.series.find(':') == std::string::npos ? db.area_authority_totals(*release)
                                                                     : db.area_figures(*release, {}, std::nullopt);
    const auto assessments = assess_all_authorities(data, areas, options.series, options.net_zero_year, options.baseline);

    std::vector<authority_row> rows;
    for (const auto& a : assessments) rows.push_back({a.code, a.name, a.report ? view_of(*a.report) : progress_view{}, a.problem});
    std::stable_sort(rows.begin(), rows.end(), [&](const authority_row& a, const authority_row& b) {
        const double ka = sort_key(a, options.sort), kb = sort_key(b, options.sort);
        return ka != kb ? ka < kb : a.name < b.name;
    });

    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const auto& r = rows[i];
            const auto& v = r.view;
            list.push_back({{"position", i + 1},
                            {"code", r.code},
                            {"name", r.name},
                            {"series", options.series},
                            {"unit", v.unit},
                            {"baseline_period", v.baseline_period},
                            {"baseline_value", maybe(v.baseline_value)},
                            {"latest_period", v.latest_period},
                            {"latest_value", maybe(v.latest_value)},
                            {"change_vs_baseline_pct", maybe(v.change_pct)},
                            {"pathway_value", maybe(v.pathway_value)},
                            {"trend_slope_per_year", maybe(v.slope)},
                            {"projected_net_zero_year", maybe(v.net_zero_year)},
                            {"projected_net_zero_range", v.net_zero_low || v.net_zero_high ? nlohmann::json{maybe(v.net_zero_low), maybe(v.net_zero_high)}
                                                                                           : nlohmann::json(nullptr)},
                            {"required_rate_per_year", maybe(v.required_per_year)},
                            {"status", v.status.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.status)},
                            {"rag", v.rag.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.rag)},
                            {"problem", r.problem.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.problem)}});
        }
        ctx.out << list.dump(2) << '\n';
        return ok;
    }
    const bool table = options.format == output::format::table;
    const std::string unit = rows.empty() ? std::string() : rows.front().view.unit;
    output::table t;
    t.add_column("#", true);
    t.add_column("code", false);
    t.add_column("authority", false);
    t.add_column("latest", false);
    t.add_column(unit, true);
    t.add_column("change %", true);
    t.add_column("trend " + unit + "/yr", true);
    t.add_column("net zero at trend", true);
    t.add_column("required " + unit + "/yr", true);
    t.add_column("status", false);
    t.add_column("RAG", false);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        const auto& v = r.view;
        t.rows.push_back({std::to_string(i + 1), r.code, r.name, v.latest_period, cell(v.latest_value, table), cell(v.change_pct, table),
                          cell(v.slope, table), r.problem.empty() ? (v.net_zero_year ? year_text(v.net_zero_year) : "none at trend") : "",
                          cell(v.required_per_year, table), r.problem.empty() ? v.status : r.problem, v.rag});
    }
    if (table)
        ctx.out << "Every authority against net zero by " << options.net_zero_year << " (" << options.series << ", release " << release->name
                << ")\n";
    write(ctx.out, options.format, t);
    if (table) ctx.out << '\n' << status_rule() << '\n' << rag_rule() << '\n';
    return ok;
}

}  // namespace carbontrack::cli
