// The subcommands, one file each; main registers them all.
#pragma once

#include "cli/context.hpp"

namespace carbontrack::cli {

void register_init(CLI::App& app, context& ctx);
void register_factors(CLI::App& app, context& ctx);
void register_inventory(CLI::App& app, context& ctx);
void register_target(CLI::App& app, context& ctx);
void register_progress(CLI::App& app, context& ctx);
void register_area(CLI::App& app, context& ctx);
void register_indicator(CLI::App& app, context& ctx);
void register_plot(CLI::App& app, context& ctx);
void register_report(CLI::App& app, context& ctx);
void register_log(CLI::App& app, context& ctx);
void register_backup(CLI::App& app, context& ctx);
void register_check(CLI::App& app, context& ctx);
void register_restate(CLI::App& app, context& ctx);
void register_boundary(CLI::App& app, context& ctx);
void register_history(CLI::App& app, context& ctx);
// inventory correct | remove | rename-source, registered under the inventory command.
void register_inventory_corrections(CLI::App& inventory, context& ctx);

// Parses the command line and runs the chosen command; returns the process exit code.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace carbontrack::cli
