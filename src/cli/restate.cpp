// carbontrack restate --factors-year Y [--periods P,...] --reason TEXT [--apply] [--format F]: recompute
// the organisation's figures of one factor year with the factors now stored for it. Without --apply it
// only previews old vs new; with it, it writes the new figures and keeps the old ones with the reason.
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/restate.hpp"

namespace carbontrack::cli {
namespace {

struct restate_options {
    int factor_year = 0;
    std::vector<std::string> periods;
    std::string reason;
    bool apply = false;
    output::format format = output::format::table;
};

struct baseline {
    period when;
    std::string label;  // which targets measure from it
};

double tonnes(units::co2e_mass m) { return in(m, units::tonne_co2e); }

std::optional<double> percent(units::co2e_mass before, units::co2e_mass after) {
    if (tonnes(before) == 0) return std::nullopt;
    return percent_change(before, after);
}

// Own-operations targets measure from their baselines; without one, the first period stands in.
std::vector<baseline> baselines_of(const store& db, const organisation& org, const std::vector<inventory_entry>& entries) {
    std::vector<baseline> found;
    for (const auto& t : db.targets(org.id)) {
        if (t.entity() != "council") continue;
        auto same = std::find_if(found.begin(), found.end(), [&](const baseline& b) { return b.when == t.baseline(); });
        if (same == found.end()) found.push_back({t.baseline(), "target '" + t.name() + "'"});
        else same->label += ", '" + t.name() + "'";
    }
    if (found.empty() && !entries.empty()) {
        auto first = std::min_element(entries.begin(), entries.end(),
                                      [](const inventory_entry& a, const inventory_entry& b) { return earlier(a.when, b.when); });
        found.push_back({first->when, "first period (no own-operations target)"});
    }
    return found;
}

std::string basis_label(const period_change& c) {
    return c.total_known() ? "reported or summed total" : "components (no known total)";
}

nlohmann::json change_json(const period_change& c) {
    const auto pct = percent(c.figure_before(), c.figure_after());
    return {{"period", c.when.label()},
            {"total_before_tco2e", c.total_before ? nlohmann::json(tonnes(*c.total_before)) : nlohmann::json(nullptr)},
            {"total_after_tco2e", c.total_after ? nlohmann::json(tonnes(*c.total_after)) : nlohmann::json(nullptr)},
            {"components_before_tco2e", tonnes(c.components_before)},
            {"components_after_tco2e", tonnes(c.components_after)},
            {"change_pct", pct ? nlohmann::json(*pct) : nlohmann::json(nullptr)}};
}

void print_json(const restate_options& options, const organisation& org, const restatement_plan& plan, const std::vector<baseline>& baselines,
                std::optional<std::int64_t> restatement_id, std::ostream& out) {
    auto rows = nlohmann::json::array();
    for (const auto& r : plan.rows)
        rows.push_back({{"period", r.before.when.label()},
                        {"scope", r.before.scope ? nlohmann::json(*r.before.scope) : nlohmann::json(nullptr)},
                        {"source", r.before.source},
                        {"factor", r.before.factor->name},
                        {"activity", *r.before.activity_amount},
                        {"activity_unit", r.before.activity_unit},
                        {"factor_unit", r.before.factor->unit},
                        {"kg_co2e_per_unit_before", r.before.factor->kg_co2e_per_unit},
                        {"kg_co2e_per_unit_after", r.factor.kg_per_unit},
                        {"factor_source_after", r.factor.source},
                        {"tco2e_before", tonnes(r.before.emissions)},
                        {"tco2e_after", tonnes(r.after)}});
    auto periods = nlohmann::json::array();
    for (const auto& c : plan.periods) periods.push_back(change_json(c));
    auto bases = nlohmann::json::array();
    for (const auto& b : baselines) {
        auto j = change_json(plan.change_in(b.when));
        j["measured_by"] = b.label;
        bases.push_back(j);
    }
    out << nlohmann::json{{"organisation", org.name},
                          {"factor_year", plan.factor_year},
                          {"reason", options.reason},
                          {"applied", restatement_id.has_value()},
                          {"restatement_id", restatement_id ? nlohmann::json(*restatement_id) : nlohmann::json(nullptr)},
                          {"rows", rows},
                          {"periods", periods},
                          {"baselines", bases}}
               .dump(2)
        << '\n';
}

void print_tables(const restate_options& options, const organisation& org, const restatement_plan& plan, const std::vector<baseline>& baselines,
                  std::ostream& out) {
    const bool table = options.format == output::format::table;
    auto number = [table](double value, int decimals) { return table ? output::display_number(value, decimals) : output::exact_number(value); };
    auto pct_cell = [&](units::co2e_mass before, units::co2e_mass after) {
        const auto pct = percent(before, after);
        return pct ? number(*pct, 1) + (table ? "%" : "") : std::string(table ? "-" : "");
    };
    output::table rows;
    for (auto [heading, numeric] : {std::pair{"period", false}, {"scope", true}, {"source", false}, {"factor", false}, {"activity", true},
                                    {"unit", false}, {"kg CO2e per unit before", true}, {"after", true}, {"tCO2e before", true},
                                    {"tCO2e after", true}, {"change tCO2e", true}, {"change %", true}})
        rows.add_column(heading, numeric);
    for (const auto& r : plan.rows)
        rows.rows.push_back({r.before.when.label(), r.before.scope ? std::to_string(*r.before.scope) : "", r.before.source, r.before.factor->name,
                             number(*r.before.activity_amount, 2), r.before.activity_unit, output::exact_number(r.before.factor->kg_co2e_per_unit),
                             output::exact_number(r.factor.kg_per_unit), number(tonnes(r.before.emissions), 2), number(tonnes(r.after), 2),
                             number(tonnes(r.after - r.before.emissions), 2), pct_cell(r.before.emissions, r.after)});
    if (table) out << org.name << ": figures costed with " << plan.factor_year << " factors, before and after restating\n";
    write(out, options.format, rows);
    if (!table) return;

    output::table periods;
    for (auto [heading, numeric] : {std::pair{"period", false}, {"total before", true}, {"total after", true}, {"components before", true},
                                    {"components after", true}, {"change %", true}, {"compared", false}})
        periods.add_column(heading, numeric);
    auto period_row = [&](const period_change& c, const std::string& first_cell) {
        return std::vector<std::string>{first_cell, c.total_before ? number(tonnes(*c.total_before), 1) : "-",
                                        c.total_after ? number(tonnes(*c.total_after), 1) : "-", number(tonnes(c.components_before), 1),
                                        number(tonnes(c.components_after), 1), pct_cell(c.figure_before(), c.figure_after()), basis_label(c)};
    };
    for (const auto& c : plan.periods) periods.rows.push_back(period_row(c, c.when.label()));
    for (const auto& b : baselines) periods.rows.push_back(period_row(plan.change_in(b.when), "baseline " + b.when.label()));
    out << "\nBy period (tCO2e; a reported total is published and stays as published)\n";
    write(out, options.format, periods);
    for (const auto& b : baselines) out << "Baseline " << b.when.label() << " is the baseline of " << b.label << ".\n";
}

std::vector<period> parse_periods(const std::vector<std::string>& texts) {
    std::vector<period> periods;
    for (const auto& text : texts) periods.push_back(parse_period(text));
    return periods;
}

int run(const restate_options& options, context& ctx) {
    // A preview reads only; an applied restatement is one audited change.
    std::optional<store> reading;
    store& db = options.apply ? ctx.open_for_change(store::open_mode::must_exist) : reading.emplace(ctx.open());
    const auto org = ctx.organisation_for(db, false);
    const auto plan = plan_restatement(db.inventory(org.id), db.boundary(org.id), options.factor_year, parse_periods(options.periods),
                                       [&db](int year, const std::string& name, const std::string& unit) { return db.current_factor(year, name, unit); });
    const auto baselines = baselines_of(db, org, plan.entries_before);
    if (plan.rows.empty()) {
        ctx.out << "Nothing to restate: every " << org.name << " figure costed with " << options.factor_year
                << " factors already uses the factors now stored for " << options.factor_year
                << " (load a revised set with 'carbontrack factors import FILE --as-revision NAME').\n";
        return ok;
    }
    std::optional<std::int64_t> restatement_id;
    if (options.apply) {
        std::string periods;
        for (const auto& p : options.periods) periods += (periods.empty() ? "" : ",") + p;
        restatement_id = db.apply_restatement(org.id, plan, periods, options.reason);
    }
    if (options.format == output::format::json) {
        print_json(options, org, plan, baselines, restatement_id, ctx.out);
        return ok;
    }
    print_tables(options, org, plan, baselines, ctx.out);
    if (options.format != output::format::table) return ok;
    if (restatement_id)
        ctx.out << "\nRestated " << plan.rows.size() << (plan.rows.size() == 1 ? " figure" : " figures") << " (restatement " << *restatement_id
                << "): " << options.reason << "\nThe figures first reported are kept; 'inventory list' marks the restated rows.\n";
    else
        ctx.out << "\nPreview only: nothing was written. Run again with --apply to restate, recording the reason.\n";
    return ok;
}

}  // namespace

void register_restate(CLI::App& app, context& ctx) {
    auto options = std::make_shared<restate_options>();
    auto* command = app.add_subcommand(
        "restate", "Recompute figures of one factor year with the factors now stored for it: a preview, then --apply with a reason");
    command->add_option("--factors-year", options->factor_year, "The factor year whose figures to recompute")->required()->check(CLI::Range(1990, 2100));
    command->add_option("--periods", options->periods, "Only these periods, comma-separated")
        ->delimiter(',')
        ->check(CLI::Validator([](std::string& text) { return period_problem(text); }, "PERIOD", "period"));
    command->add_option("--reason", options->reason, "Why the figures are restated (kept with them)")
        ->required()
        ->check(CLI::Validator(
            [](std::string& text) { return text.find_first_not_of(" \t") == std::string::npos ? std::string("the reason is empty") : std::string(); },
            "TEXT", "reason"));
    command->add_flag("--apply", options->apply, "Write the new figures (without it, only preview)");
    add_format_option(*command, options->format);
    command->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });
}

}  // namespace carbontrack::cli
