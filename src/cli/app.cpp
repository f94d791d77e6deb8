// Builds the command line, runs the chosen command and maps failures to exit codes and messages:
// 0 ok, 1 bad data or failed check, 2 usage error. Errors read "carbontrack: FILE:LINE: what is wrong".
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"

namespace carbontrack::cli {
namespace {

constexpr std::size_t max_errors_shown = 50;

void report(std::ostream& err, const import_errors& e) {
    const auto& errors = e.errors();
    for (std::size_t i = 0; i < errors.size() && i < max_errors_shown; ++i) err << "carbontrack: " << errors[i].what() << '\n';
    if (errors.size() > max_errors_shown) err << "carbontrack: ... and " << errors.size() - max_errors_shown << " more errors\n";
    err << "carbontrack: nothing was changed (" << errors.size() << (errors.size() == 1 ? " error" : " errors") << ")\n";
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    context ctx(out, err);
    CLI::App app{"carbontrack: greenhouse-gas inventory, area emissions and progress to net zero", "carbontrack"};
    app.set_version_flag("--version", std::string("carbontrack ") + CARBONTRACK_VERSION);
    app.add_option("--db", ctx.db_option, "Database file (default: $CARBONTRACK_DB or ./carbontrack.db)");
    app.add_option("--org", ctx.org_option, "Organisation (default: $CARBONTRACK_ORG or the database's default)");
    app.require_subcommand(1);
    app.fallthrough();
    register_init(app, ctx);
    register_factors(app, ctx);
    register_inventory(app, ctx);
    register_target(app, ctx);
    register_progress(app, ctx);
    register_area(app, ctx);
    register_indicator(app, ctx);
    register_plot(app, ctx);
    register_report(app, ctx);
    register_log(app, ctx);
    register_backup(app, ctx);
    register_check(app, ctx);
    register_restate(app, ctx);
    register_boundary(app, ctx);
    for (auto* sub : app.get_subcommands({})) {
        sub->fallthrough();
        for (auto* leaf : sub->get_subcommands({})) leaf->fallthrough();
    }

    try {
        app.parse(argc, argv);
        ctx.record_invocation(argc, argv, app);
    } catch (const CLI::CallForHelp&) {
        out << app.help();
        return ok;
    } catch (const CLI::CallForAllHelp&) {
        out << app.help("", CLI::AppFormatMode::All);
        return ok;
    } catch (const CLI::CallForVersion& e) {
        out << e.what() << '\n';
        return ok;
    } catch (const CLI::ParseError& e) {
        err << "carbontrack: " << e.what() << "\nRun 'carbontrack --help' (or COMMAND --help) for usage.\n";
        return usage;
    }

    try {
        return ctx.action ? ctx.finish(ctx.action()) : usage;
    } catch (const import_errors& e) {
        report(err, e);
    } catch (const error& e) {
        err << "carbontrack: " << e.what() << '\n';
    } catch (const std::exception& e) {
        err << "carbontrack: unexpected failure: " << e.what() << '\n';
    }
    return failed;
}

}  // namespace carbontrack::cli
