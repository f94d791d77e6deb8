// carbontrack target add | import | list | remove: the organisation's targets.
#include "cli/commands.hpp"

#include "carbontrack/app/target_check.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/output.hpp"
#include "carbontrack/series.hpp"
#include "carbontrack/target.hpp"

namespace carbontrack::cli {
namespace {

struct add_options {
    std::string name;
    std::string entity;
    std::string series;
    std::string baseline;
    std::vector<std::string> milestones;
    std::string pathway = "linear";
    std::string budget;
    std::string budget_from;
    std::string baseline_value;
    bool replace = false;
};

struct import_options {
    std::string file;
    bool replace = false;
};

struct list_options {
    output::format format = output::format::table;
};

struct remove_options {
    std::string name;
};

std::string mass_label(const units::gas_mass& mass) {
    if (const auto* co2e = std::get_if<units::co2e_mass>(&mass)) return output::display_number(in(*co2e, units::tonne_co2e)) + " tCO2e";
    return output::display_number(in(std::get<units::co2_mass>(mass), units::tonne_co2)) + " tCO2";
}

std::string milestones_label(const target& t) {
    std::string label;
    for (const auto& m : t.milestones()) label += (label.empty() ? "" : "; ") + to_string(m);
    return label;
}

// A problem with a target is worded as the flag, or the CSV column, that holds it.
std::string flag_of(app::target_field field) {
    switch (field) {
        case app::target_field::entity: return "--entity";
        case app::target_field::series: return "--series";
        case app::target_field::baseline: return "--baseline";
    }
    return "--series";
}

std::string column_of(app::target_field field) { return flag_of(field).substr(2); }

int report_added(bool added, const target& t, const organisation& org, context& ctx) {
    ctx.out << (added ? "Added target '" : "Target already stored: '") << t.name() << "' for " << org.name << ".\n";
    return ok;
}

int run_add(const add_options& options, context& ctx) {
    const auto baseline = parse_period(options.baseline);
    target_definition d{options.name, options.entity, options.series, baseline, parse_milestones(baseline, options.milestones),
                        parse_pathway_kind(options.pathway), std::nullopt, std::nullopt};
    if (!options.baseline_value.empty()) d.baseline_value = parse_gas_mass(options.baseline_value);
    if (!options.budget.empty()) d.budget = carbon_budget{parse_gas_mass(options.budget), parse_period(options.budget_from)};
    const target t(std::move(d));
    store& db = ctx.open_for_change();
    if (const auto problem = app::check_target(db, t)) throw data_error(flag_of(problem->field) + ": " + problem->message);
    const auto org = ctx.organisation_for(db, true);
    return report_added(db.add_target(org.id, t, options.replace), t, org, ctx);
}

int run_import(const import_options& options, context& ctx) {
    const auto rows = read_targets_csv(options.file);
    store& db = ctx.open_for_change();
    const auto org = ctx.organisation_for(db, true);
    store::transaction tx(db);
    error_collector errors(options.file);
    std::size_t added = 0;
    for (const auto& row : rows) {
        if (const auto problem = app::check_target(db, row.value)) {
            errors.add(row.line, problem->message, column_of(problem->field));
            continue;
        }
        try {
            if (db.add_target(org.id, row.value, options.replace)) ++added;
        } catch (const data_error& e) {
            errors.add(row.line, e.what());
        }
    }
    errors.throw_if_any();
    tx.commit();
    ctx.out << "Imported " << added << " targets for " << org.name << " from " << options.file << "; " << rows.size() - added
            << " already stored.\n";
    return ok;
}

int run_list(const list_options& options, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    const auto targets = db.targets(org.id);
    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& t : targets) {
            auto milestones = nlohmann::json::array();
            for (const auto& m : t.milestones()) milestones.push_back({{"period", m.when.label()}, {"reduction_pct", m.reduction_pct}});
            list.push_back({{"target", t.name()},
                            {"entity", t.entity()},
                            {"series", t.series()},
                            {"baseline_period", t.baseline().label()},
                            {"baseline_value", t.baseline_value() ? nlohmann::json(mass_label(*t.baseline_value())) : nlohmann::json(nullptr)},
                            {"milestones", milestones},
                            {"pathway", to_string(t.pathway())},
                            {"budget", t.budget() ? nlohmann::json(mass_label(t.budget()->amount)) : nlohmann::json(nullptr)},
                            {"budget_from", t.budget() ? nlohmann::json(t.budget()->from.label()) : nlohmann::json(nullptr)}});
        }
        ctx.out << nlohmann::json{{"organisation", org.name}, {"targets", list}}.dump(2) << '\n';
        return ok;
    }
    output::table t;
    for (const char* heading : {"target", "entity", "series", "baseline", "milestones", "pathway", "budget"}) t.add_column(heading, false);
    for (const auto& target : targets)
        t.rows.push_back({target.name(), target.entity(), target.series(),
                          target.baseline().label() + (target.baseline_value() ? " = " + mass_label(*target.baseline_value()) : ""),
                          milestones_label(target), std::string(to_string(target.pathway())),
                          target.budget() ? mass_label(target.budget()->amount) + " from " + target.budget()->from.label() : ""});
    if (options.format == output::format::table) ctx.out << org.name << ": targets\n";
    write(ctx.out, options.format, t);
    return ok;
}

int run_remove(const remove_options& options, context& ctx) {
    store& db = ctx.open_for_change(store::open_mode::must_exist);
    const auto org = ctx.organisation_for(db, false);
    if (!db.remove_target(org.id, options.name)) throw data_error("no target named '" + options.name + "' for " + org.name);
    ctx.out << "Removed target '" << options.name << "' from " << org.name << ".\n";
    return ok;
}

}  // namespace

void register_target(CLI::App& app, context& ctx) {
    auto* target = app.add_subcommand("target", "Reduction targets: baseline, milestones, pathway and optional carbon budget");
    target->require_subcommand(1);

    auto add_opts = std::make_shared<add_options>();
    auto* add = target->add_subcommand("add", "Add a target");
    add->add_option("NAME", add_opts->name, "Target name")->required();
    add->add_option("--entity", add_opts->entity, "council (own operations) or an authority code or name such as E10000018")->required();
    add->add_option("--series", add_opts->series,
                    std::string("Series: for council ") + std::string(own_operations_series_names()) + "; for an authority " +
                        std::string(area_series_names()))
        ->required();
    add_period_option(*add, add_opts->baseline, "Baseline period, e.g. 2016/17 or 2005", "--baseline")->required();
    add->add_option("--milestone", add_opts->milestones, "PERIOD:PCT below the baseline, e.g. 2024/25:64% (repeat for each)")->required();
    add->add_option("--pathway", add_opts->pathway, "linear (default) or constant-rate")->check(CLI::IsMember({"linear", "constant-rate"}));
    auto* budget = add->add_option("--budget", add_opts->budget, "Carbon budget, e.g. \"20,000 tCO2e\"");
    auto* from = add_period_option(*add, add_opts->budget_from, "First period the budget counts", "--from");
    budget->needs(from);
    from->needs(budget);
    add->add_option("--baseline-value", add_opts->baseline_value, "Baseline figure when the data does not hold it, e.g. \"14,957.9 tCO2e\"");
    add->add_flag("--replace", add_opts->replace, "Replace a target of the same name");
    add->callback([add_opts, &ctx] { ctx.action = [add_opts, &ctx] { return run_add(*add_opts, ctx); }; });

    auto import_opts = std::make_shared<import_options>();
    auto* import = target->add_subcommand("import", "Import targets: name,entity,series,baseline,milestones,pathway,baseline_value,budget,budget_from");
    import->add_option("FILE", import_opts->file, "Targets CSV")->required();
    import->add_flag("--replace", import_opts->replace, "Replace targets of the same name");
    import->callback([import_opts, &ctx] { ctx.action = [import_opts, &ctx] { return run_import(*import_opts, ctx); }; });

    auto list_opts = std::make_shared<list_options>();
    auto* list = target->add_subcommand("list", "List the organisation's targets");
    add_format_option(*list, list_opts->format);
    list->callback([list_opts, &ctx] { ctx.action = [list_opts, &ctx] { return run_list(*list_opts, ctx); }; });

    auto remove_opts = std::make_shared<remove_options>();
    auto* remove = target->add_subcommand("remove", "Remove a target");
    remove->add_option("NAME", remove_opts->name, "Target name")->required();
    remove->callback([remove_opts, &ctx] { ctx.action = [remove_opts, &ctx] { return run_remove(*remove_opts, ctx); }; });
}

}  // namespace carbontrack::cli
