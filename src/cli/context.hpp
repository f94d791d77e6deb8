// What every subcommand shares: the global options, the output streams and how to open the store.
// Subcommands register themselves on the app and leave an action to run once parsing succeeded.
#pragma once

#include "carbontrack/area.hpp"
#include "carbontrack/output.hpp"
#include "carbontrack/store.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <future>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace carbontrack::cli {

enum exit_code : int { ok = 0, failed = 1, usage = 2 };

struct context {
    context(std::ostream& out_stream, std::ostream& err_stream) : out(out_stream), err(err_stream) {}

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
    organisation organisation_for(store& s, bool create);

    // The audit trail. A command that changes the database opens it with open_for_change(): everything it
    // writes becomes one audited change (command line, FILE argument and its SHA-256, organisation, rows
    // counted by the store), committed by finish() when the command succeeds and rolled back otherwise.
    void record_invocation(int argc, const char* const* argv, const CLI::App& app);
    store& open_for_change(store::open_mode mode = store::open_mode::create_if_missing);
    int finish(int exit_code);
    // The reason recorded with this command's audit record.
    void set_reason(const std::string& reason);

private:
    std::string command_line_;
    std::string input_file_;
    // The input file's SHA-256, computed on another thread while the command reads the file.
    std::future<std::string> input_sha256_;
    // Declared before the change so the change is closed first.
    std::optional<store> changing_store_;
    std::optional<store::audited_change> change_;
};

// The --format option every data-printing command takes.
void add_format_option(CLI::App& command, output::format& target);
// --tier district,county,combined or all: which councils an every-authority command covers
// (default: districts and unitaries).
CLI::Option* add_tier_option(CLI::App& command, std::vector<area_tier>& target);
// A period option (--period unless named otherwise), validated at parse time.
CLI::Option* add_period_option(CLI::App& command, std::string& target, const std::string& description, const std::string& name = "--period");

// Writes a table in the chosen text format (table or csv); JSON is built by each command.
void write(std::ostream& out, output::format format, const output::table& t);

}  // namespace carbontrack::cli
