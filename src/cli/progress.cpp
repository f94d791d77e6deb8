// carbontrack progress [NAME...] [--explain] [--check]: are we on track? One report per target, from
// the progress engine; numbers leave the type system here, in each series' display unit.
#include "cli/commands.hpp"
#include "cli/progress_all.hpp"

#include "carbontrack/app/assessment.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/series.hpp"

#include <cmath>

namespace carbontrack::cli {
namespace {

using app::progress_view;

struct progress_options {
    std::vector<std::string> names;
    output::format format = output::format::table;
    std::string release;
    bool explain = false;
    bool check = false;
    bool all_authorities = false;
    all_authorities_options national;
};

std::string with_unit(const std::optional<double>& value, const std::string& unit) {
    return value ? output::display_number(*value) + " " + unit : "-";
}

std::string signed_percent(const std::optional<double>& value) {
    if (!value) return "-";
    return (*value > 0 ? "+" : "") + output::display_number(*value) + "%";
}

// What to type to give a target its baseline: the command line's wording of a missing baseline.
std::string how_to_record(const target& t) {
    const std::string p = t.baseline().label();
    if (t.entity() == own_operations_entity) {
        return "Record the " + p + " figure with 'carbontrack inventory add --period " + p + " --source Total --tco2e N --quality published' " +
               "(or its activity rows), or give the target its baseline with 'carbontrack target add \"" + t.name() + "\" ... --baseline-value \"N tCO2e\" --replace'.";
    }
    return "Import an area release that covers " + p + ", or give the target its baseline with --baseline-value.";
}

nlohmann::json json_number(const std::optional<double>& value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }
nlohmann::json json_text(const std::string& text) { return text.empty() ? nlohmann::json(nullptr) : nlohmann::json(text); }

nlohmann::json to_json(const progress_view& v) {
    nlohmann::json range = nullptr;
    if (v.net_zero_low || v.net_zero_high) range = {json_number(v.net_zero_low), json_number(v.net_zero_high)};
    nlohmann::json budget = nullptr;
    if (v.budget) {
        budget = {{"amount", v.budget->amount},
                  {"from", v.budget->from},
                  {"used", v.budget->used},
                  {"remaining", v.budget->remaining},
                  {"runs_out", json_text(v.budget->runs_out)},
                  {"exhausted", v.budget->exhausted},
                  {"interpolated_periods", v.budget->interpolated_periods},
                  {"constant_rate_pct", json_number(v.budget->constant_rate_pct)}};
    }
    return {{"target", v.target},
            {"entity", v.entity},
            {"entity_label", v.entity_label},
            {"series", v.series},
            {"unit", v.unit},
            {"source", v.source},
            {"pathway", v.pathway},
            {"baseline_period", v.baseline_period},
            {"baseline_value", json_number(v.baseline_value)},
            {"baseline_value_from", json_text(v.baseline_from)},
            {"latest_period", json_text(v.latest_period)},
            {"latest_value", json_number(v.latest_value)},
            {"change_vs_baseline_pct", json_number(v.change_pct)},
            {"pathway_value", json_number(v.pathway_value)},
            {"gap_to_pathway", json_number(v.gap)},
            {"status", json_text(v.status)},
            {"rag", json_text(v.rag)},
            {"next_milestone_period", json_text(v.next_milestone_period)},
            {"next_milestone_value", json_number(v.next_milestone_value)},
            {"required_rate_per_year", json_number(v.required_per_year)},
            {"required_rate_pct", json_number(v.required_pct)},
            {"trend_slope_per_year", json_number(v.slope)},
            {"trend_slope_range", v.slope ? nlohmann::json{json_number(v.slope_p25), json_number(v.slope_p75)} : nlohmann::json(nullptr)},
            {"trend_note", json_text(v.no_trend_reason)},
            {"projected_at_next_milestone", json_number(v.projected_at_next)},
            {"projected_net_zero_year", json_number(v.net_zero_year)},
            {"projected_net_zero_range", range},
            {"carbon_budget", budget},
            {"error", v.error ? nlohmann::json(*v.error) : nlohmann::json(nullptr)}};
}

std::string net_zero_label(const progress_view& v) {
    if (!v.slope) return "-";
    if (!v.net_zero_year) return "not at current trend";
    std::string label = v.period_label_of(*v.net_zero_year);
    if (v.net_zero_low || v.net_zero_high)
        label += " (range " + (v.net_zero_low ? v.period_label_of(*v.net_zero_low) : std::string("none")) + " to " +
                 (v.net_zero_high ? v.period_label_of(*v.net_zero_high) : std::string("not at that trend")) + ")";
    return label;
}

std::string budget_label(const progress_view& v) {
    if (!v.budget) return "";
    const auto& b = *v.budget;
    std::string label = output::display_number(b.used) + " of " + output::display_number(b.amount) + " used since " + b.from;
    if (b.exhausted) return label + "; exhausted in " + b.runs_out;
    label += "; " + output::display_number(b.remaining) + " left";
    label += b.runs_out.empty() ? ", lasts at trend" : ", runs out " + b.runs_out + " at trend";
    if (b.constant_rate_pct) label += "; " + output::display_number(*b.constant_rate_pct) + "% a year keeps within";
    if (b.interpolated_periods > 0) label += " (" + std::to_string(b.interpolated_periods) + " gap(s) interpolated)";
    return label;
}

// What a target says about itself, shown even when it cannot be assessed.
bool always_known(const std::string& label) { return label == "entity" || label == "series" || label == "baseline"; }

void write_table(std::ostream& out, const std::vector<progress_view>& views) {
    output::table t;
    t.add_column("", false);
    for (const auto& v : views) t.add_column(v.target, false);
    auto row = [&](const std::string& label, auto&& cell) {
        std::vector<std::string> cells{label};
        for (const auto& v : views) cells.push_back(v.error && !always_known(label) ? (label == "status" ? "cannot assess" : "-") : cell(v));
        t.rows.push_back(std::move(cells));
    };
    row("entity", [](const progress_view& v) { return v.entity_label; });
    row("series", [](const progress_view& v) { return v.series + (v.unit.empty() ? std::string() : " (" + v.unit + ")"); });
    row("baseline", [](const progress_view& v) {
        return v.baseline_period + " " + with_unit(v.baseline_value, v.unit) + (v.baseline_from == "target" ? " (given by the target)" : "");
    });
    row("latest", [](const progress_view& v) { return v.latest_period + " " + with_unit(v.latest_value, v.unit); });
    row("change vs baseline", [](const progress_view& v) { return signed_percent(v.change_pct); });
    row("pathway at latest", [](const progress_view& v) { return with_unit(v.pathway_value, v.unit) + " (" + v.pathway + ")"; });
    row("gap to pathway", [](const progress_view& v) { return with_unit(v.gap, v.unit); });
    row("status", [](const progress_view& v) { return v.status; });
    row("RAG", [](const progress_view& v) { return v.rag.empty() ? std::string("-") : v.rag; });
    row("next milestone", [](const progress_view& v) {
        return v.next_milestone_period.empty() ? std::string("all met") : v.next_milestone_period + " " + with_unit(v.next_milestone_value, v.unit);
    });
    row("required cut (linear)", [](const progress_view& v) { return v.required_per_year ? with_unit(v.required_per_year, v.unit) + " a year" : "-"; });
    row("required cut (constant)", [](const progress_view& v) {
        if (v.required_pct) return output::display_number(*v.required_pct) + "% a year";
        return std::string(v.next_milestone_value && *v.next_milestone_value == 0 ? "n/a (net zero)" : "-");
    });
    row("trend (Theil-Sen)", [](const progress_view& v) {
        if (!v.slope) return v.no_trend_reason;
        return with_unit(v.slope, v.unit) + " a year (25-75%: " + output::display_number(*v.slope_p25) + " to " +
               output::display_number(*v.slope_p75) + ")";
    });
    row("projected at next milestone", [](const progress_view& v) { return with_unit(v.projected_at_next, v.unit); });
    row("net zero at trend", [](const progress_view& v) { return net_zero_label(v); });
    if (std::any_of(views.begin(), views.end(), [](const progress_view& v) { return v.budget.has_value(); }))
        row("carbon budget", [](const progress_view& v) { return budget_label(v); });
    output::write_table(out, t);
    out << '\n' << status_rule() << '\n' << rag_rule() << '\n'
        << "Milestones name explicit periods: 'by 2025' on a financial-year series is 2024/25. Rates are cuts per year.\n";
    for (const auto& v : views)
        if (v.error) out << "\n" << v.target << ": cannot assess: " << *v.error << '\n';
}

void write_csv(std::ostream& out, const std::vector<progress_view>& views) {
    output::table t;
    const std::vector<std::string> keys{"target", "entity", "series", "unit", "baseline_period", "baseline_value", "latest_period", "latest_value",
                                        "change_vs_baseline_pct", "pathway_value", "gap_to_pathway", "status", "rag", "next_milestone_period",
                                        "next_milestone_value", "required_rate_per_year", "required_rate_pct", "trend_slope_per_year",
                                        "projected_net_zero_year", "error"};
    for (const auto& key : keys) t.add_column(key, false);
    for (const auto& v : views) {
        auto json = to_json(v);
        std::vector<std::string> cells;
        for (const auto& key : keys) {
            const auto& value = json[key];
            cells.push_back(value.is_null() ? "" : value.is_string() ? value.get<std::string>() : output::exact_number(value.get<double>()));
        }
        t.rows.push_back(std::move(cells));
    }
    output::write_csv(out, t);
}

void write_explanation(std::ostream& out, const std::vector<progress_view>& views) {
    for (const auto& v : views) {
        out << "== " << v.target << " (" << v.entity_label << ", " << v.series << ", " << v.unit << ")\n";
        out << "Source: " << v.source << "\n";
        if (v.error) {
            out << "Cannot assess: " << *v.error << "\n\n";
            continue;
        }
        for (std::size_t i = 0; i < v.explanation.size(); ++i) {
            const auto& step = v.explanation[i];
            out << i + 1 << ". " << step.title << "\n   " << step.formula << "\n   " << step.working << '\n';
        }
        out << '\n';
    }
    out << status_rule() << '\n' << rag_rule() << '\n';
}

int run(progress_options options, context& ctx) {
    if (options.all_authorities) {
        options.national.release = options.release;
        options.national.format = options.format;
        return run_all_authorities(options.national, ctx);
    }
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    auto targets = db.targets(org.id);
    if (targets.empty()) throw data_error(org.name + " has no targets; add one with 'carbontrack target add' or 'target import'");
    for (const auto& name : options.names)
        if (std::none_of(targets.begin(), targets.end(), [&](const target& t) { return t.name() == name; }))
            throw data_error("no target named '" + name + "' for " + org.name);
    if (!options.names.empty())
        std::erase_if(targets, [&](const target& t) { return std::find(options.names.begin(), options.names.end(), t.name()) == options.names.end(); });

    std::vector<progress_view> views;
    for (const auto& t : targets) {
        auto a = app::assess(db, org, t, {options.release});
        if (a.missing_baseline) *a.view.error += ". " + how_to_record(t);
        views.push_back(std::move(a.view));
    }

    if (options.explain) write_explanation(ctx.out, views);
    else if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& v : views) list.push_back(to_json(v));
        ctx.out << list.dump(2) << '\n';
    } else if (options.format == output::format::csv) {
        write_csv(ctx.out, views);
    } else {
        ctx.out << org.name << ": progress against targets\n";
        write_table(ctx.out, views);
    }
    if (options.check && std::any_of(views.begin(), views.end(), [](const progress_view& v) { return v.error || v.rag == "red"; }))
        return failed;
    return ok;
}

}  // namespace

void register_progress(CLI::App& app, context& ctx) {
    auto options = std::make_shared<progress_options>();
    auto* progress = app.add_subcommand("progress", "Progress against targets: status, RAG, required rate, trend and net-zero year");
    progress->add_option("NAME", options->names, "Targets to assess (default: all of the organisation's)");
    add_format_option(*progress, options->format);
    progress->add_option("--release", options->release, "Area release for area targets (default: the newest)");
    progress->add_flag("--explain", options->explain, "Print every input and step of the calculation");
    progress->add_flag("--check", options->check, "Exit 1 when a target is red or cannot be assessed");
    auto* all = progress->add_flag("--all-authorities", options->all_authorities,
                                   "Assess every district and unitary (or --tier) of the area release against one net-zero year");
    progress->add_option("--series", options->national.series, "With --all-authorities: within-scope (default) or territorial, optionally :SECTOR")
        ->needs(all);
    progress->add_option("--net-zero-year", options->national.net_zero_year, "With --all-authorities: the net-zero year (default 2045)")
        ->check(CLI::Range(2000, 2100))
        ->needs(all);
    progress->add_option("--baseline", options->national.baseline, "With --all-authorities: baseline year (default: each authority's first)")
        ->check(CLI::Range(1990, 2100))
        ->needs(all);
    add_tier_option(*progress, options->national.tiers)->needs(all);
    progress->add_option("--sort", options->national.sort, "With --all-authorities: net-zero-year (default), required-rate, change or latest")
        ->check(CLI::IsMember({"net-zero-year", "required-rate", "change", "latest"}))
        ->needs(all);
    progress->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });
}

}  // namespace carbontrack::cli
