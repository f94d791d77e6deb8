// carbontrack log [--limit N] [--format F]: the audit trail, oldest first.
#include "cli/commands.hpp"

#include <algorithm>

namespace carbontrack::cli {
namespace {

struct log_options {
    std::optional<std::size_t> limit;
    output::format format = output::format::table;
};

int run(const log_options& options, context& ctx) {
    store db = ctx.open();
    const auto entries = db.audit_log(options.limit);
    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& e : entries)
            list.push_back({{"id", e.id},
                            {"recorded_at", e.recorded_at},
                            {"command", e.command},
                            {"input_file", e.input_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.input_file)},
                            {"input_sha256", e.input_sha256.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.input_sha256)},
                            {"organisation", e.organisation.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.organisation)},
                            {"rows_added", e.rows_added},
                            {"rows_changed", e.rows_changed},
                            {"rows_removed", e.rows_removed},
                            {"schema_version", e.schema_version},
                            {"reason", e.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.reason)}});
        ctx.out << list.dump(2) << '\n';
        return ok;
    }
    const bool table = options.format == output::format::table;
    output::table t;
    for (auto [heading, numeric] : {std::pair{"id", true}, {"recorded at (UTC)", false}, {"command", false}, {"input file", false},
                                    {"sha256", false}, {"organisation", false}, {"added", true}, {"changed", true}, {"removed", true}})
        t.add_column(heading, numeric);
    // Only corrections, removals and boundary changes carry a reason; a log without them keeps its columns.
    const bool any_reason = std::any_of(entries.begin(), entries.end(), [](const audit_entry& e) { return !e.reason.empty(); });
    if (any_reason) t.add_column("reason", false);
    for (const auto& e : entries) {
        t.rows.push_back({std::to_string(e.id), e.recorded_at, e.command, e.input_file,
                          // 16 hex digits tell files apart at a glance; csv and json keep all 64.
                          table ? e.input_sha256.substr(0, 16) : e.input_sha256, e.organisation, std::to_string(e.rows_added),
                          std::to_string(e.rows_changed), std::to_string(e.rows_removed)});
        if (any_reason) t.rows.back().push_back(e.reason);
    }
    write(ctx.out, options.format, t);
    return ok;
}

}  // namespace

void register_log(CLI::App& app, context& ctx) {
    auto options = std::make_shared<log_options>();
    auto* command = app.add_subcommand("log", "The audit trail: every change to the database, with its command, input file and SHA-256");
    command->add_option("--limit", options->limit, "Only the newest N records")->check(CLI::PositiveNumber);
    add_format_option(*command, options->format);
    command->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });
}

}  // namespace carbontrack::cli
