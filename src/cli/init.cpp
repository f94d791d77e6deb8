// carbontrack init [--org NAME]: create or migrate the database and set its default organisation;
// carbontrack org rename OLD NEW.
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"

namespace carbontrack::cli {
namespace {

struct init_options {
    std::string organisation;
};

int run(const init_options& options, context& ctx) {
    const auto path = ctx.database_path();
    const bool existed = std::filesystem::exists(path);
    store& db = ctx.open_for_change();
    std::string name = !options.organisation.empty() ? options.organisation : ctx.org_option;
    if (!name.empty()) db.set_default_organisation(name);
    const bool had_organisation = !db.organisations().empty();
    const auto chosen = db.default_organisation();
    ctx.out << (existed ? "Opened " : "Created ") << path.string() << " (schema version " << db.schema_version()
            << "); default organisation: " << chosen.name << '\n';
    if (name.empty() && !had_organisation)
        ctx.out << "No --org was given, so carbontrack created the default organisation '" << chosen.name << "'. Rename it with\n"
                << "  carbontrack org rename \"" << chosen.name << "\" \"NEW NAME\"\n(the rename is recorded in the audit log).\n";
    return ok;
}

struct rename_options {
    std::string from;
    std::string to;
};

int run_rename(const rename_options& options, context& ctx) {
    store& db = ctx.open_for_change(store::open_mode::must_exist);
    if (options.to.find_first_not_of(" \t") == std::string::npos) throw data_error("the new organisation name is empty");
    db.rename_organisation(options.from, options.to);
    ctx.out << "Renamed organisation '" << options.from << "' to '" << options.to << "'.\n";
    return ok;
}

}  // namespace

void register_init(CLI::App& app, context& ctx) {
    auto options = std::make_shared<init_options>();
    auto* command = app.add_subcommand("init", "Create the database (or bring an old one up to date)");
    command->add_option("--org", options->organisation, "Make this organisation the database's default");
    command->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });

    auto* org = app.add_subcommand("org", "Organisations in the database");
    org->require_subcommand(1);
    auto rename_opts = std::make_shared<rename_options>();
    auto* rename = org->add_subcommand("rename", "Rename an organisation (kept in the audit log)");
    rename->add_option("OLD", rename_opts->from, "Current name")->required();
    rename->add_option("NEW", rename_opts->to, "New name")->required();
    rename->callback([rename_opts, &ctx] { ctx.action = [rename_opts, &ctx] { return run_rename(*rename_opts, ctx); }; });
}

}  // namespace carbontrack::cli
