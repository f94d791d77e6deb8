#include "cli/context.hpp"

#include "carbontrack/audit.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/period.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace carbontrack::cli {
namespace {

std::string environment(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

}  // namespace

std::filesystem::path context::database_path() const {
    if (!db_option.empty()) return db_option;
    if (auto from_env = environment("CARBONTRACK_DB"); !from_env.empty()) return from_env;
    return "carbontrack.db";
}

store context::open(store::open_mode mode) const { return store(database_path(), mode); }

organisation context::organisation_for(store& s, bool create) {
    const auto chosen = [&] {
        std::string name = !org_option.empty() ? org_option : environment("CARBONTRACK_ORG");
        if (name.empty()) return s.default_organisation();
        if (create) return s.ensure_organisation(name);
        if (auto found = s.find_organisation(name)) return *found;
        std::string known;
        for (const auto& o : s.organisations()) known += (known.empty() ? "" : ", ") + o.name;
        throw data_error("no organisation named '" + name + "' in " + database_path().string() +
                         (known.empty() ? std::string() : " (known: " + known + ")"));
    }();
    if (change_) change_->set_organisation(chosen.name);
    return chosen;
}

void context::record_invocation(int argc, const char* const* argv, const CLI::App& app) {
    command_line_ = quoted_command_line(argc, argv);
    const CLI::App* chosen = &app;
    while (!chosen->get_subcommands().empty()) chosen = chosen->get_subcommands().front();
    // An importer's input is its positional argument naming a file, so the audit trail finds it without
    // each command saying so; a positional that names no file (a target's name) is not an input.
    for (const auto* option : chosen->get_options([](const CLI::Option* o) { return o->get_positional() && o->count() > 0; })) {
        const auto& value = option->results().front();
        if (std::error_code e; std::filesystem::is_regular_file(value, e)) {
            input_file_ = value;
            return;
        }
    }
}

store& context::open_for_change(store::open_mode mode) {
    audit_entry draft;
    draft.command = command_line_;
    draft.input_file = input_file_;
    // Hashing a national release is a second pass over up to hundreds of MB; on its own thread it
    // overlaps the import instead of adding to it. (A missing file fails the command itself.)
    if (!input_file_.empty()) input_sha256_ = std::async(std::launch::async, [file = input_file_] { return file_sha256(file); });
    changing_store_.emplace(database_path(), mode);
    change_.emplace(*changing_store_, std::move(draft));
    return *changing_store_;
}

void context::set_reason(const std::string& reason) {
    if (change_) change_->set_reason(reason);
}

int context::finish(int exit_code) {
    if (change_ && exit_code == ok) {
        if (input_sha256_.valid()) change_->set_input_sha256(input_sha256_.get());
        change_->commit();
    }
    change_.reset();
    changing_store_.reset();
    return exit_code;
}

void add_format_option(CLI::App& command, output::format& target) {
    const std::map<std::string, output::format> formats{
        {"table", output::format::table}, {"csv", output::format::csv}, {"json", output::format::json}};
    command.add_option("--format", target, "Output format: table, csv or json")
        ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
        ->default_str("table");
}

CLI::Option* add_tier_option(CLI::App& command, std::vector<area_tier>& target) {
    return command
        .add_option_function<std::vector<std::string>>(
            "--tier",
            [&target](const std::vector<std::string>& names) {
                target.clear();
                for (const auto& name : names) {
                    if (name == "all") target = {area_tier::district, area_tier::county, area_tier::combined};
                    else if (const auto tier = parse_tier(name); tier && std::find(target.begin(), target.end(), *tier) == target.end())
                        target.push_back(*tier);
                }
            },
            "Councils covered: district (districts and unitaries, the default), county, combined, or all; comma-separated")
        ->delimiter(',')
        ->check(CLI::IsMember({"district", "county", "combined", "all"}));
}

CLI::Option* add_period_option(CLI::App& command, std::string& target, const std::string& description, const std::string& name) {
    return command.add_option(name, target, description)->check(CLI::Validator(
        [](std::string& text) { return period_problem(text); }, "PERIOD", "period"));
}

void write(std::ostream& out, output::format format, const output::table& t) {
    if (format == output::format::csv) output::write_csv(out, t);
    else output::write_table(out, t);
}

}  // namespace carbontrack::cli
