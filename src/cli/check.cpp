// carbontrack check [--format F]: integrity and consistency of the database; exit 1 when a check fails.
#include "cli/commands.hpp"

#include "carbontrack/check.hpp"

namespace carbontrack::cli {
namespace {

struct check_options {
    output::format format = output::format::table;
};

std::string_view level_label(finding_level level) { return level == finding_level::failure ? "FAILED" : "warning"; }

int run(const check_options& options, context& ctx) {
    store db = ctx.open();
    const auto report = check_database(db);
    if (options.format == output::format::json) {
        auto findings = nlohmann::json::array();
        for (const auto& f : report.findings)
            findings.push_back({{"level", f.level == finding_level::failure ? "failure" : "warning"}, {"check", f.check}, {"message", f.message}});
        ctx.out << nlohmann::json{{"database", db.path().string()},
                                  {"checks", report.checks_run},
                                  {"failures", report.count(finding_level::failure)},
                                  {"warnings", report.count(finding_level::warning)},
                                  {"findings", findings}}
                       .dump(2)
                << '\n';
        return report.failed() ? failed : ok;
    }
    if (options.format == output::format::csv) {
        output::table t;
        for (const char* heading : {"level", "check", "message"}) t.add_column(heading, false);
        for (const auto& f : report.findings) t.rows.push_back({std::string(level_label(f.level)), f.check, f.message});
        write(ctx.out, options.format, t);
        return report.failed() ? failed : ok;
    }
    for (const auto& check : report.checks_run) {
        std::size_t shown = 0;
        for (const auto& f : report.findings)
            if (f.check == check) {
                ctx.out << level_label(f.level) << "  " << check << ": " << f.message << '\n';
                ++shown;
            }
        if (shown == 0) ctx.out << "ok       " << check << '\n';
    }
    ctx.out << db.path().string() << ": " << report.count(finding_level::failure) << " failed, " << report.count(finding_level::warning)
            << " warnings\n";
    return report.failed() ? failed : ok;
}

}  // namespace

void register_check(CLI::App& app, context& ctx) {
    auto options = std::make_shared<check_options>();
    auto* command = app.add_subcommand(
        "check", "Check the database: SQLite integrity and foreign keys, every computed figure against its factor, totals, targets' series");
    add_format_option(*command, options->format);
    command->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });
}

}  // namespace carbontrack::cli
