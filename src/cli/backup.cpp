// carbontrack backup FILE [--force]: an online copy of the database, verified before it is reported.
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"

namespace carbontrack::cli {
namespace {

struct backup_options {
    std::string file;
    bool force = false;
};

int run(const backup_options& options, context& ctx) {
    const std::filesystem::path target = options.file;
    store db = ctx.open();
    if (std::filesystem::exists(target)) {
        if (!options.force) throw data_error(target.string() + ": already exists; choose a new file or add --force to replace it");
        if (std::filesystem::equivalent(target, db.path())) throw data_error(target.string() + ": is the database itself");
        // A stale journal beside the old file would be applied to the new copy when it is opened.
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(target.string() + suffix);
    }
    db.backup_to(target);
    const store copy(target, store::open_mode::must_exist);
    const auto problems = copy.integrity_problems();
    if (!problems.empty()) {
        for (const auto& problem : problems) ctx.err << "carbontrack: " << target.string() << ": " << problem << '\n';
        ctx.err << "carbontrack: the copy failed PRAGMA integrity_check; do not rely on it\n";
        return failed;
    }
    ctx.out << "Backed up " << db.path().string() << " to " << target.string() << " (schema version " << copy.schema_version()
            << "); the copy passed PRAGMA integrity_check.\n";
    return ok;
}

}  // namespace

void register_backup(CLI::App& app, context& ctx) {
    auto options = std::make_shared<backup_options>();
    auto* command = app.add_subcommand("backup", "Copy the database with SQLite's online backup and verify the copy");
    command->add_option("FILE", options->file, "The new backup file")->required();
    command->add_flag("--force", options->force, "Replace FILE if it exists");
    command->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });
}

}  // namespace carbontrack::cli
