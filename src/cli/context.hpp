// What every subcommand shares: the global options, the output streams and how to open the store.
// Subcommands register themselves on the app and leave an action to run once parsing succeeded.
#pragma once

#include "carbontrack/output.hpp"
#include "carbontrack/store.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace carbontrack::cli {

enum exit_code : int { ok = 0, failed = 1, usage = 2 };

struct context {
    std::ostream& out;
    std::ostream& err;
    std::string db_option;
    std::string org_option;
    std::function<int()> action;  // set by the subcommand CLI11 selected

    // --db, then $CARBONTRACK_DB, then ./carbontrack.db.
    std::filesystem::path database_path() const;
    store open(store::open_mode mode = store::open_mode::must_exist) const;
    // --org, then $CARBONTRACK_ORG, then the database's default organisation. `create` makes a named
    // organisation that does not exist yet (imports); otherwise an unknown name is a data_error.
    organisation organisation_for(store& s, bool create) const;
};

// The --format option every data-printing command takes.
void add_format_option(CLI::App& command, output::format& target);
// A period option (--period unless named otherwise), validated at parse time.
CLI::Option* add_period_option(CLI::App& command, std::string& target, const std::string& description, const std::string& name = "--period");

// Writes a table in the chosen text format (table or csv); JSON is built by each command.
void write(std::ostream& out, output::format format, const output::table& t);

}  // namespace carbontrack::cli
