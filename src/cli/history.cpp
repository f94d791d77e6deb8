// carbontrack history ID: every version of a stored inventory row, oldest first, each with the change
// that replaced it and its reason; the last line is the row as it stands (or its tombstone).
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"

namespace carbontrack::cli {
namespace {

struct history_options {
    std::int64_t id = 0;
    output::format format = output::format::table;
};

nlohmann::json version_json(const inventory_entry& e) {
    nlohmann::json row{{"period", e.when.label()},
                       {"scope", e.scope ? nlohmann::json(*e.scope) : nlohmann::json(nullptr)},
                       {"source", e.source},
                       {"site", e.site},
                       {"tco2e", in(e.emissions, units::tonne_co2e)},
                       {"quality", to_string(e.quality)},
                       {"note", e.note}};
    if (e.factor) {
        row["activity"] = *e.activity_amount;
        row["activity_unit"] = e.activity_unit;
        row["factor"] = {{"year", e.factor->year}, {"name", e.factor->name}, {"unit", e.factor->unit}, {"kg_co2e_per_unit", e.factor->kg_co2e_per_unit}};
    }
    return row;
}

int run(const history_options& options, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    const auto current = db.inventory_row(org.id, options.id);
    if (!current) throw data_error("no inventory row " + std::to_string(options.id) + " for " + org.name + " (see 'carbontrack inventory list')");
    const auto earlier = db.inventory_history(org.id, options.id);

    struct line {
        const inventory_entry* entry;
        std::string status;  // what ended this version, or "current" / "removed"
        std::string at;
        std::string reason;
    };
    std::vector<line> lines;
    for (const auto& v : earlier)
        if (v.action != "remove") lines.push_back({&v.entry, v.action == "correct" ? "corrected" : "source renamed", v.replaced_at, v.reason});
    lines.push_back({&current->entry, current->removed() ? "removed" : "current", current->removed_at, current->removed_reason});

    if (options.format == output::format::json) {
        auto versions = nlohmann::json::array();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            auto v = version_json(*lines[i].entry);
            v["version"] = i + 1;
            v["status"] = lines[i].status;
            v["changed_at"] = lines[i].at.empty() ? nlohmann::json(nullptr) : nlohmann::json(lines[i].at);
            v["reason"] = lines[i].reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(lines[i].reason);
            versions.push_back(v);
        }
        ctx.out << nlohmann::json{{"organisation", org.name}, {"id", options.id}, {"input_file", current->entry.input_file},
                                  {"input_line", current->entry.input_line}, {"versions", versions}}
                       .dump(2)
                << '\n';
        return ok;
    }
    const bool table = options.format == output::format::table;
    output::table t;
    for (auto [heading, numeric] : {std::pair{"version", true}, {"period", false}, {"scope", true}, {"source", false}, {"site", false},
                                    {"activity", true}, {"unit", false}, {"factor", false}, {"tCO2e", true}, {"quality", false}, {"note", false},
                                    {"then", false}, {"on (UTC)", false}, {"reason", false}})
        t.add_column(heading, numeric);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& e = *lines[i].entry;
        const double tonnes = in(e.emissions, units::tonne_co2e);
        t.rows.push_back({std::to_string(i + 1), e.when.label(), e.scope ? std::to_string(*e.scope) : "", e.source, e.site,
                          e.activity_amount ? (table ? output::display_number(*e.activity_amount, 2) : output::exact_number(*e.activity_amount)) : "",
                          e.activity_unit, e.factor ? e.factor->name : "", table ? output::display_number(tonnes) : output::exact_number(tonnes),
                          std::string(to_string(e.quality)), e.note, lines[i].status, lines[i].at, lines[i].reason});
    }
    if (table)
        ctx.out << org.name << ": history of inventory row " << options.id << " (first recorded from "
                << (current->entry.input_file.empty() ? std::string("an earlier import") : current->entry.input_file)
                << (current->entry.input_line > 0 ? ":" + std::to_string(current->entry.input_line) : std::string()) << ")\n";
    write(ctx.out, options.format, t);
    return ok;
}

}  // namespace

void register_history(CLI::App& app, context& ctx) {
    auto options = std::make_shared<history_options>();
    auto* command = app.add_subcommand("history", "Every version of a stored inventory row, with each change's date and reason");
    command->add_option("ID", options->id, "Row id, as 'inventory list' shows it")->required();
    add_format_option(*command, options->format);
    command->callback([options, &ctx] { ctx.action = [options, &ctx] { return run(*options, ctx); }; });
}

}  // namespace carbontrack::cli
