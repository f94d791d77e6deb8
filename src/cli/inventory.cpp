// carbontrack inventory import FILE | add ... | list | summary: the council's own-operations inventory.
#include "cli/commands.hpp"

#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/inventory.hpp"
#include "carbontrack/summary.hpp"
#include "cli/restatement_marks.hpp"
#include "text.hpp"

#include <algorithm>
#include <map>

namespace carbontrack::cli {
namespace {

struct import_options {
    std::string file;
};

struct add_options {
    std::string period;
    int scope = 0;
    std::string source;
    std::string activity;
    std::string factor;
    std::optional<double> tco2e;
    std::string quality;
    std::string note;
    std::string source_url;
    bool not_applicable = false;
    std::string reason;
};

struct list_options {
    std::string period;
    output::format format = output::format::table;
};

struct summary_options {
    std::string by = "scope";
    std::string period;
    output::format format = output::format::table;
};

factor_lookup lookup_in(const store& db) {
    return factor_lookup{[&db](int year, const std::string& name) { return db.factors_named(year, name); }, db.factor_years()};
}

// Costs and stores rows in one transaction; nothing is written unless every row is good.
int store_rows(const std::vector<inventory_input>& rows, const std::string& input_name, context& ctx) {
    store& db = ctx.open_for_change();
    const auto org = ctx.organisation_for(db, true);
    error_collector errors(input_name);
    auto entries = cost_inventory(rows, lookup_in(db), input_name, errors);
    check_duplicate_rows(entries, errors);
    errors.throw_if_any();
    const auto result = db.add_inventory(org.id, entries);
    ctx.out << "Imported " << result.added << " inventory rows for " << org.name << " from " << input_name << "; "
            << result.unchanged << " already stored.\n";
    return ok;
}

int run_import(const import_options& options, context& ctx) {
    return store_rows(read_inventory_csv(options.file), options.file, ctx);
}

// A boundary source that does not occur in the period: recorded so the period can be complete.
int run_not_applicable(const add_options& options, context& ctx) {
    if (text::trim(options.reason).empty()) throw data_error("--not-applicable needs --reason: say why the source does not occur in the period");
    not_applicable_source mark{parse_period(options.period), text::collapse_spaces(options.source), std::string(text::trim(options.reason)), {}};
    if (mark.source.empty()) throw data_error("--source is empty");
    store& db = ctx.open_for_change();
    const auto org = ctx.organisation_for(db, true);
    const auto rows = db.inventory(org.id, mark.when);
    if (std::any_of(rows.begin(), rows.end(), [&](const inventory_entry& e) { return e.source == mark.source; }))
        throw data_error(mark.when.label() + " already has rows for " + mark.source + ", so it is not 'not applicable' (see 'carbontrack inventory list --period " +
                         mark.when.label() + "')");
    const auto boundary = db.boundary(org.id);
    const auto in_force = boundary.in_force(mark.when);
    if (std::find(in_force.begin(), in_force.end(), mark.source) == in_force.end())
        throw data_error("'" + mark.source + "' is not in " + org.name + "'s reporting boundary for " + mark.when.label() +
                         "; only a boundary source can be marked not applicable (see 'carbontrack boundary list')");
    ctx.set_reason(mark.reason);
    if (db.mark_not_applicable(org.id, mark))
        ctx.out << "Recorded " << mark.source << " as not applicable in " << mark.when.label() << " for " << org.name << ": " << mark.reason << "\n";
    else
        ctx.out << mark.source << " is already recorded as not applicable in " << mark.when.label() << " for " << org.name << ".\n";
    return ok;
}

int run_add(const add_options& options, context& ctx) {
    if (options.not_applicable) return run_not_applicable(options, ctx);
    inventory_input row;
    row.when = parse_period(options.period);
    if (options.scope != 0) row.scope = options.scope;
    row.source = options.source;
    if (!options.activity.empty()) {
        auto amount = csv::parse_amount_with_unit(options.activity);
        if (!amount) throw data_error("--activity must be an amount and a unit, such as \"9.2 GWh\", not '" + options.activity + "'");
        if (amount->first < 0) throw data_error("--activity cannot be negative");
        row.activity_amount = amount->first;
        row.activity_unit = amount->second;
    }
    row.factor_name = options.factor;
    row.tco2e = options.tco2e;
    row.quality = parse_quality(options.quality).value_or(quality_flag::unspecified);
    row.note = options.note;
    row.source_url = options.source_url;
    error_collector errors("inventory add");
    validate(row, errors);
    errors.throw_if_any();
    return store_rows({row}, "inventory add", ctx);
}

std::string scope_label(const std::optional<int>& scope) { return scope ? std::to_string(*scope) : std::string(); }

int run_list(const list_options& options, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    std::optional<period> only;
    if (!options.period.empty()) only = parse_period(options.period);
    const auto entries = db.inventory(org.id, only);
    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& e : entries) {
            nlohmann::json row{{"period", e.when.label()},
                               {"scope", e.scope ? nlohmann::json(*e.scope) : nlohmann::json(nullptr)},
                               {"source", e.source},
                               {"tco2e", in(e.emissions, units::tonne_co2e)},
                               {"quality", to_string(e.quality)},
                               {"note", e.note},
                               {"source_url", e.source_url},
                               {"restated", restatement_json(e.restated)}};
            if (e.factor) {
                row["activity"] = *e.activity_amount;
                row["activity_unit"] = e.activity_unit;
                row["factor"] = {{"year", e.factor->year}, {"name", e.factor->name}, {"unit", e.factor->unit},
                                 {"kg_co2e_per_unit", e.factor->kg_co2e_per_unit}, {"source", e.factor->source}};
            }
            list.push_back(row);
        }
        ctx.out << nlohmann::json{{"organisation", org.name}, {"rows", list}}.dump(2) << '\n';
        return ok;
    }
    const bool table = options.format == output::format::table;
    output::table t;
    for (auto [heading, numeric] : {std::pair{"period", false}, {"scope", true}, {"source", false}, {"activity", true}, {"unit", false},
                                    {"factor", false}, {"factor year", true}, {"kg CO2e per unit", true}, {"tCO2e", true},
                                    {"quality", false}, {"note", false}})
        t.add_column(heading, numeric);
    const bool any_restated = std::any_of(entries.begin(), entries.end(), [](const inventory_entry& e) { return e.restated.has_value(); });
    if (any_restated) t.add_column("restated", false);
    for (const auto& e : entries) {
        const double tonnes = in(e.emissions, units::tonne_co2e);
        t.rows.push_back({e.when.label(), scope_label(e.scope), e.source,
                          e.activity_amount ? (table ? output::display_number(*e.activity_amount, 2) : output::exact_number(*e.activity_amount)) : "",
                          e.activity_unit, e.factor ? e.factor->name : "", e.factor ? std::to_string(e.factor->year) : "",
                          e.factor ? output::exact_number(e.factor->kg_co2e_per_unit) : "",
                          table ? output::display_number(tonnes) : output::exact_number(tonnes), std::string(to_string(e.quality)), e.note});
        if (any_restated) t.rows.back().push_back(restatement_label(e.restated));
    }
    if (table) ctx.out << org.name << ": own-operations inventory\n";
    write(ctx.out, options.format, t);
    return ok;
}

std::vector<std::string> breakdown_keys(const std::vector<period_summary>& summaries) {
    std::vector<std::string> keys;
    for (const auto& s : summaries)
        for (const auto& line : s.lines)
            if (std::find(keys.begin(), keys.end(), line.key) == keys.end()) keys.push_back(line.key);
    std::sort(keys.begin(), keys.end());
    return keys;
}

std::string qualities_label(const std::vector<quality_flag>& qualities) {
    std::string label;
    for (auto q : qualities) label += (label.empty() ? "" : ", ") + std::string(to_string(q));
    return label;
}

nlohmann::json summary_json(const organisation& org, breakdown by, const std::vector<period_summary>& summaries,
                            const std::vector<inventory_entry>& entries) {
    auto periods = nlohmann::json::array();
    for (const auto& s : summaries) {
        auto rows = nlohmann::json::array();
        for (const auto& line : s.lines) {
            nlohmann::json row{{"tco2e", in(line.emissions, units::tonne_co2e)}};
            if (by == breakdown::scope) row["scope"] = std::stoi(line.key.substr(6));
            else row["source"] = line.key;
            rows.push_back(row);
        }
        auto unattributed = s.unattributed();
        nlohmann::json qualities = nlohmann::json::array();
        for (auto q : s.qualities) qualities.push_back(to_string(q));
        periods.push_back({{"period", s.when.label()},
                           {"rows", rows},
                           {"components_tco2e", in(s.components_total, units::tonne_co2e)},
                           {"reported_total_tco2e", s.reported_total ? nlohmann::json(in(*s.reported_total, units::tonne_co2e)) : nlohmann::json(nullptr)},
                           {"unattributed_tco2e", unattributed ? nlohmann::json(in(*unattributed, units::tonne_co2e)) : nlohmann::json(nullptr)},
                           {"total_tco2e", s.total() ? nlohmann::json(in(*s.total(), units::tonne_co2e)) : nlohmann::json(nullptr)},
                           {"total_basis", to_string(s.basis())},
                           {"total_basis_text", s.total_basis_text()},
                           {"missing_sources", s.totals.missing_sources},
                           {"quality", qualities},
                           {"restated", period_restatements_json(entries, s.when)}});
    }
    return {{"organisation", org.name}, {"unit", "tCO2e"}, {"by", to_string(by)}, {"periods", periods}};
}

int run_summary(const summary_options& options, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    const breakdown by = options.by == "source" ? breakdown::source : breakdown::scope;
    auto entries = db.inventory(org.id);
    if (!options.period.empty()) {
        const period only = parse_period(options.period);
        std::erase_if(entries, [&](const inventory_entry& e) { return !(e.when == only); });
    }
    const auto boundary = db.boundary(org.id);
    const auto summaries = summarise(entries, by, boundary);
    if (options.format == output::format::json) {
        ctx.out << summary_json(org, by, summaries, entries).dump(2) << '\n';
        return ok;
    }
    const bool table = options.format == output::format::table;
    auto number = [table](units::co2e_mass m) {
        const double tonnes = in(m, units::tonne_co2e);
        return table ? output::display_number(tonnes) : output::exact_number(tonnes);
    };
    const auto keys = breakdown_keys(summaries);
    output::table t;
    t.add_column("period", false);
    for (const auto& key : keys) t.add_column(key + " tCO2e", true);
    t.add_column("unattributed tCO2e", true);
    t.add_column("total tCO2e", true);
    t.add_column("total basis", false);
    t.add_column("quality", false);
    const bool any_restated = std::any_of(entries.begin(), entries.end(), [](const inventory_entry& e) { return e.restated.has_value(); });
    if (any_restated) t.add_column("restated", false);
    const bool any_reported = std::any_of(summaries.begin(), summaries.end(), [](const period_summary& s) { return s.reported_total.has_value(); });
    for (const auto& s : summaries) {
        std::vector<std::string> row{s.when.label()};
        for (const auto& key : keys) {
            auto line = std::find_if(s.lines.begin(), s.lines.end(), [&](const summary_line& l) { return l.key == key; });
            row.push_back(line == s.lines.end() ? (table ? "-" : "") : number(line->emissions));
        }
        auto unattributed = s.unattributed();
        row.push_back(unattributed ? number(*unattributed) : (table ? "-" : ""));
        row.push_back(s.total() ? number(*s.total()) : (table ? "-" : ""));
        row.push_back(s.total_basis_text());
        row.push_back(qualities_label(s.qualities));
        if (any_restated) row.push_back(period_restatements_label(entries, s.when));
        t.rows.push_back(std::move(row));
    }
    if (table) ctx.out << org.name << ": own-operations emissions by " << options.by << " (tCO2e)\n";
    write(ctx.out, options.format, t);
    if (!table) return ok;
    if (any_reported)
        ctx.out << "A published total is the period's figure and the rows beside it are its breakdown ('unattributed' is the\n"
                   "part no row explains).\n";
    if (boundary.declared())
        ctx.out << "Without a published total, a period is complete when every source of the reporting boundary has a row\n"
                   "(see 'carbontrack boundary list'), and partial, with no known total, otherwise.\n";
    else
        ctx.out << "No reporting boundary is declared, so a total is the sum of the period's rows; declare the sources the\n"
                   "inventory covers with 'carbontrack boundary set --source NAME --from PERIOD'.\n";
    ctx.out << "'-' means no data, never zero.\n";
    return ok;
}

}  // namespace

void register_inventory(CLI::App& app, context& ctx) {
    auto* inventory = app.add_subcommand("inventory", "The organisation's own-operations greenhouse-gas inventory");
    inventory->require_subcommand(1);

    auto import_opts = std::make_shared<import_options>();
    auto* import = inventory->add_subcommand("import", "Import an inventory CSV: period,scope,source,activity,unit,factor,tco2e,quality,note[,source_url]");
    import->add_option("FILE", import_opts->file, "Inventory CSV")->required();
    import->callback([import_opts, &ctx] { ctx.action = [import_opts, &ctx] { return run_import(*import_opts, ctx); }; });

    auto add_opts = std::make_shared<add_options>();
    auto* add = inventory->add_subcommand("add", "Add one row: an activity with a factor, or a tCO2e figure");
    add_period_option(*add, add_opts->period, "Financial year (2023/24) or calendar year")->required();
    add->add_option("--scope", add_opts->scope, "GHG Protocol scope 1, 2 or 3 (omit only for a reported Total)")->check(CLI::Range(1, 3));
    add->add_option("--source", add_opts->source, "Emission source, e.g. \"Street lighting and traffic signals\"")->required();
    auto* activity = add->add_option("--activity", add_opts->activity, "Amount with its unit, e.g. \"9.2 GWh\"");
    add->add_option("--factor", add_opts->factor, "DESNZ factor name or level path")->needs(activity);
    add->add_option("--tco2e", add_opts->tco2e, "A published or measured figure in tCO2e")->excludes(activity);
    add->add_option("--quality", add_opts->quality, "measured, estimated or published")
        ->check(CLI::IsMember({"measured", "estimated", "published"}));
    add->add_option("--note", add_opts->note, "Free text shown in reports");
    add->add_option("--source-url", add_opts->source_url, "Where the figure was published");
    auto* not_applicable = add->add_flag("--not-applicable", add_opts->not_applicable,
                                         "The boundary source does not occur in the period (needs --reason); the period can then be complete");
    not_applicable->excludes(activity)->excludes("--tco2e")->excludes("--scope");
    add->add_option("--reason", add_opts->reason, "Why the source is not applicable (kept in the audit log)")->needs(not_applicable);
    add->callback([add_opts, &ctx] { ctx.action = [add_opts, &ctx] { return run_add(*add_opts, ctx); }; });

    auto list_opts = std::make_shared<list_options>();
    auto* list = inventory->add_subcommand("list", "Every stored row with the factor that produced it");
    add_period_option(*list, list_opts->period, "Only this period");
    add_format_option(*list, list_opts->format);
    list->callback([list_opts, &ctx] { ctx.action = [list_opts, &ctx] { return run_list(*list_opts, ctx); }; });

    auto summary_opts = std::make_shared<summary_options>();
    auto* summary = inventory->add_subcommand("summary", "Totals per period by scope or by source");
    summary->add_option("--by", summary_opts->by, "scope or source")->check(CLI::IsMember({"scope", "source"}))->capture_default_str();
    add_period_option(*summary, summary_opts->period, "Only this period");
    add_format_option(*summary, summary_opts->format);
    summary->callback([summary_opts, &ctx] { ctx.action = [summary_opts, &ctx] { return run_summary(*summary_opts, ctx); }; });
}

}  // namespace carbontrack::cli
