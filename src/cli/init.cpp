// carbontrack init [--org NAME]: create or migrate the database and set its default organisation.
#include "cli/commands.hpp"

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
    const auto chosen = db.default_organisation();
    ctx.out << (existed ? "Opened " : "Created ") << path.string() << " (schema version " << db.schema_version()
            << "); default organisation: " << chosen.name << '\n';
    return ok;
}

}  // namespace

void register_init(CLI::App& app, context& ctx) {
    auto options = std::make_shared<init_options>();
    auto* command = app.add_subcommand("init", "Create the database (or bring an old one up to date)");
    command->add_option("--org", options->organisation, "Make this organisation the database's default");
    command->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });
}

}  // namespace carbontrack::cli
