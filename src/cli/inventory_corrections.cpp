// carbontrack inventory correct ID ... | remove ID | rename-source OLD NEW, each with --reason: the only
// ways a stored row changes. The previous version stays in the history and the reason in the audit log.
#include "cli/commands.hpp"

#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/inventory.hpp"
#include "text.hpp"

namespace carbontrack::cli {
namespace {

struct correct_options {
    std::int64_t id = 0;
    std::optional<std::string> activity;
    std::optional<double> tco2e;
    std::string period;  // empty: unchanged
    std::optional<std::string> source;
    std::optional<int> scope;
    std::optional<std::string> factor;
    std::optional<std::string> site;
    std::optional<std::string> quality;
    std::optional<std::string> note;
    std::string reason;
};

struct remove_options {
    std::int64_t id = 0;
    std::string reason;
};

struct rename_options {
    std::string from;
    std::string to;
    std::string reason;
};

std::string required_reason(const std::string& reason) {
    const std::string trimmed(text::trim(reason));
    if (trimmed.empty()) throw data_error("--reason is empty; say why the figure changes (it is kept in the audit log)");
    return trimmed;
}

stored_inventory_row row_to_change(const store& db, const organisation& org, std::int64_t id) {
    auto row = db.inventory_row(org.id, id);
    if (!row) throw data_error("no inventory row " + std::to_string(id) + " for " + org.name + " (see 'carbontrack inventory list')");
    if (row->removed())
        throw data_error("row " + std::to_string(id) + " was removed on " + row->removed_at.substr(0, 10) + " (" + row->removed_reason + ")");
    return *row;
}

std::string describe(const inventory_entry& e) {
    return e.when.label() + (e.scope ? " scope " + std::to_string(*e.scope) : std::string()) + " " + e.source +
           (e.site.empty() ? std::string() : " at " + e.site) + (e.factor ? " (" + e.factor->name + ")" : "");
}

std::string tonnes_text(const inventory_entry& e) { return output::display_number(in(e.emissions, units::tonne_co2e)) + " tCO2e"; }

// The stored row as a user would type it, so a correction goes through the same checks and costing as an import.
inventory_input as_input(const inventory_entry& e) {
    inventory_input row;
    row.when = e.when;
    row.scope = e.scope;
    row.source = e.source;
    row.site = e.site;
    if (e.factor) {
        row.activity_amount = e.activity_amount;
        row.activity_unit = e.activity_unit;
        row.factor_name = e.factor->name;
    } else {
        row.tco2e = in(e.emissions, units::tonne_co2e);
    }
    row.quality = e.quality;
    row.note = e.note;
    row.source_url = e.source_url;
    return row;
}

int run_correct(const correct_options& options, context& ctx) {
    const std::string reason = required_reason(options.reason);
    store& db = ctx.open_for_change(store::open_mode::must_exist);
    const auto org = ctx.organisation_for(db, false);
    const auto before = row_to_change(db, org, options.id).entry;

    inventory_input row = as_input(before);
    // Only a change to what the figure is computed from recosts it; a note or a source name keeps the
    // stored factor (which a restatement may have set) and the figure.
    const bool recost = options.activity || options.tco2e || !options.period.empty() || options.factor;
    if (options.activity) {
        auto amount = csv::parse_amount_with_unit(*options.activity);
        if (!amount) throw data_error("--activity must be an amount and a unit, such as \"5.4 GWh\", not '" + *options.activity + "'");
        row.activity_amount = amount->first;
        row.activity_unit = amount->second;
        row.tco2e.reset();
        if (row.factor_name.empty() && !options.factor)
            throw data_error("row " + std::to_string(options.id) + " is a tCO2e figure; give --factor with --activity");
    }
    if (options.tco2e) {
        row.tco2e = *options.tco2e;
        row.activity_amount.reset();
        row.activity_unit.clear();
        row.factor_name.clear();
    }
    if (!options.period.empty()) row.when = parse_period(options.period);
    if (options.source) row.source = text::collapse_spaces(*options.source);
    if (options.scope) row.scope = *options.scope;
    if (options.factor) row.factor_name = text::collapse_spaces(*options.factor);
    if (options.site) row.site = text::collapse_spaces(*options.site);
    if (options.quality) row.quality = parse_quality(*options.quality).value_or(quality_flag::unspecified);
    if (options.note) row.note = *options.note;

    error_collector errors("inventory correct " + std::to_string(options.id));
    validate(row, errors);
    errors.throw_if_any();
    inventory_entry after = before;
    if (recost) {
        auto costed = cost_inventory({row}, factor_lookup{[&db](int year, const std::string& name) { return db.factors_named(year, name); }, db.factor_years()},
                                     before.input_file, errors);
        errors.throw_if_any();
        after = costed.front();
        after.input_line = before.input_line;
    } else {
        after.scope = row.scope;
        after.source = row.source;
        after.site = row.site;
        after.quality = row.quality;
        after.note = row.note;
    }
    after.id = before.id;
    if (after.same_content(before) && after.note == before.note && after.site == before.site)
        throw data_error("row " + std::to_string(options.id) + " already holds these figures; nothing to correct");
    db.correct_inventory_row(org.id, options.id, after, reason);
    ctx.set_reason(reason);
    ctx.out << "Corrected row " << options.id << " of " << org.name << ": " << describe(before) << " " << tonnes_text(before) << " -> "
            << describe(after) << " " << tonnes_text(after) << ". Reason: " << reason << "\n";
    return ok;
}

int run_remove(const remove_options& options, context& ctx) {
    const std::string reason = required_reason(options.reason);
    store& db = ctx.open_for_change(store::open_mode::must_exist);
    const auto org = ctx.organisation_for(db, false);
    const auto before = row_to_change(db, org, options.id).entry;
    db.remove_inventory_row(org.id, options.id, reason);
    ctx.set_reason(reason);
    ctx.out << "Removed row " << options.id << " of " << org.name << " (" << describe(before) << ", " << tonnes_text(before)
            << "); it stays in the history ('carbontrack history " << options.id << "') and a re-import will not bring it back. Reason: " << reason
            << "\n";
    return ok;
}

int run_rename(const rename_options& options, context& ctx) {
    const std::string reason = required_reason(options.reason);
    const std::string from = text::collapse_spaces(options.from);
    const std::string to = text::collapse_spaces(options.to);
    if (to.empty()) throw data_error("the new source name is empty");
    if (text::lower(to) == "total" || text::lower(from) == "total") throw data_error("'Total' marks a reported total and cannot be renamed");
    if (from == to) throw data_error("the old and new source names are the same");
    store& db = ctx.open_for_change(store::open_mode::must_exist);
    const auto org = ctx.organisation_for(db, false);
    const auto renamed = db.rename_inventory_source(org.id, from, to, reason);
    if (renamed == 0) throw data_error(org.name + " has no rows with source '" + from + "' (see 'carbontrack inventory list')");
    ctx.set_reason(reason);
    ctx.out << "Renamed source '" << from << "' to '" << to << "' in " << renamed << (renamed == 1 ? " row" : " rows") << " of " << org.name
            << ". Reason: " << reason << "\n";
    return ok;
}

}  // namespace

void register_inventory_corrections(CLI::App& inventory, context& ctx) {
    auto correct_opts = std::make_shared<correct_options>();
    auto* correct = inventory.add_subcommand("correct", "Correct a stored row (give what changes); the old version is kept in the history");
    correct->add_option("ID", correct_opts->id, "Row id, as 'inventory list' shows it")->required();
    correct->add_option("--activity", correct_opts->activity, "New amount with its unit, e.g. \"5.4 GWh\"");
    correct->add_option("--tco2e", correct_opts->tco2e, "New tCO2e figure (the row becomes a tCO2e figure)")->excludes("--activity");
    add_period_option(*correct, correct_opts->period, "New period");
    correct->add_option("--source", correct_opts->source, "New source name");
    correct->add_option("--scope", correct_opts->scope, "New scope 1, 2 or 3")->check(CLI::Range(1, 3));
    correct->add_option("--factor", correct_opts->factor, "New DESNZ factor name or level path");
    correct->add_option("--site", correct_opts->site, "New site (empty for none)");
    correct->add_option("--quality", correct_opts->quality, "measured, estimated or published")->check(CLI::IsMember({"measured", "estimated", "published"}));
    correct->add_option("--note", correct_opts->note, "New note");
    correct->add_option("--reason", correct_opts->reason, "Why (kept in the audit log and shown with the row)")->required();
    correct->callback([correct_opts, &ctx] { ctx.action = [correct_opts, &ctx] { return run_correct(*correct_opts, ctx); }; });

    auto remove_opts = std::make_shared<remove_options>();
    auto* remove = inventory.add_subcommand("remove", "Remove a stored row; it stays in the history and a re-import skips it");
    remove->add_option("ID", remove_opts->id, "Row id, as 'inventory list' shows it")->required();
    remove->add_option("--reason", remove_opts->reason, "Why (kept in the audit log)")->required();
    remove->callback([remove_opts, &ctx] { ctx.action = [remove_opts, &ctx] { return run_remove(*remove_opts, ctx); }; });

    auto rename_opts = std::make_shared<rename_options>();
    auto* rename = inventory.add_subcommand("rename-source", "Rename a source in every period, in one transaction");
    rename->add_option("OLD", rename_opts->from, "Source name as stored")->required();
    rename->add_option("NEW", rename_opts->to, "New source name")->required();
    rename->add_option("--reason", rename_opts->reason, "Why (kept in the audit log)")->required();
    rename->callback([rename_opts, &ctx] { ctx.action = [rename_opts, &ctx] { return run_rename(*rename_opts, ctx); }; });
}

}  // namespace carbontrack::cli
