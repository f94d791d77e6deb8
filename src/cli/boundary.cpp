// carbontrack boundary set | import | list | remove: the sources an organisation's inventory covers,
// each from a period. Every change is one audited change; a removal carries its reason in the log.
#include "cli/commands.hpp"

#include "carbontrack/boundary.hpp"
#include "carbontrack/error.hpp"
#include "text.hpp"

namespace carbontrack::cli {
namespace {

struct set_options {
    std::vector<std::string> sources;
    std::string from;
    std::string note;
};

struct import_options {
    std::string file;
};

struct list_options {
    output::format format = output::format::table;
};

struct remove_options {
    std::string source;
    std::string reason;
};

std::string plural(std::size_t n, const std::string& one, const std::string& many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

int store_boundary(const std::vector<boundary_source>& sources, const std::string& input_name, context& ctx) {
    store& db = ctx.open_for_change();
    const auto org = ctx.organisation_for(db, true);
    const auto result = db.set_boundary(org.id, sources, input_name);
    ctx.out << "Reporting boundary of " << org.name << ": " << plural(result.added, "source", "sources") << " set, " << result.unchanged
            << " already as given.\n";
    return ok;
}

int run_set(const set_options& options, context& ctx) {
    std::vector<boundary_source> sources;
    for (const auto& name : options.sources) {
        const std::string source = text::collapse_spaces(name);
        if (source.empty()) throw data_error("--source is empty");
        if (text::lower(source) == "total") throw data_error("--source 'Total' is a reported total, not a source the boundary can cover");
        sources.push_back({source, parse_period(options.from), options.note, 0});
    }
    return store_boundary(sources, "boundary set", ctx);
}

int run_import(const import_options& options, context& ctx) { return store_boundary(read_boundary_csv(options.file), options.file, ctx); }

int run_list(const list_options& options, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    const auto boundary = db.boundary(org.id);
    if (options.format == output::format::json) {
        auto sources = nlohmann::json::array();
        for (const auto& b : boundary.sources) sources.push_back({{"source", b.source}, {"from", b.from.label()}, {"note", b.note}});
        auto marks = nlohmann::json::array();
        for (const auto& n : boundary.not_applicable)
            marks.push_back({{"period", n.when.label()}, {"source", n.source}, {"reason", n.reason}, {"recorded_at", n.recorded_at}});
        ctx.out << nlohmann::json{{"organisation", org.name}, {"sources", sources}, {"not_applicable", marks}}.dump(2) << '\n';
        return ok;
    }
    const bool table = options.format == output::format::table;
    output::table t;
    for (const char* heading : {"source", "from", "note"}) t.add_column(heading, false);
    for (const auto& b : boundary.sources) t.rows.push_back({b.source, b.from.label(), b.note});
    if (table) ctx.out << org.name << ": reporting boundary\n";
    write(ctx.out, options.format, t);
    if (!table) return ok;
    if (!boundary.declared())
        ctx.out << "No boundary declared: each period's total is the sum of its rows. Declare one with\n"
                   "'carbontrack boundary set --source NAME --from PERIOD'.\n";
    if (!boundary.not_applicable.empty()) {
        output::table marks;
        for (const char* heading : {"period", "source", "reason", "recorded at (UTC)"}) marks.add_column(heading, false);
        for (const auto& n : boundary.not_applicable) marks.rows.push_back({n.when.label(), n.source, n.reason, n.recorded_at});
        ctx.out << "\nNot applicable in a period (counted as covered):\n";
        write(ctx.out, options.format, marks);
    }
    return ok;
}

int run_remove(const remove_options& options, context& ctx) {
    store& db = ctx.open_for_change(store::open_mode::must_exist);
    const auto org = ctx.organisation_for(db, false);
    if (text::trim(options.reason).empty()) throw data_error("--reason is empty; say why the source leaves the boundary");
    const std::string source = text::collapse_spaces(options.source);
    if (!db.remove_boundary_source(org.id, source)) {
        std::string known;
        for (const auto& b : db.boundary(org.id).sources) known += (known.empty() ? "" : ", ") + b.source;
        throw data_error("'" + source + "' is not in " + org.name + "'s reporting boundary" + (known.empty() ? std::string() : " (it holds: " + known + ")"));
    }
    ctx.set_reason(options.reason);
    ctx.out << "Removed '" << source << "' from the reporting boundary of " << org.name << ".\n";
    return ok;
}

}  // namespace

void register_boundary(CLI::App& app, context& ctx) {
    auto* boundary = app.add_subcommand("boundary", "The reporting boundary: which sources a complete period must have");
    boundary->require_subcommand(1);

    auto set_opts = std::make_shared<set_options>();
    auto* set = boundary->add_subcommand("set", "Declare sources the inventory covers from a period on");
    set->add_option("--source", set_opts->sources, "Source name, as in the inventory (repeat for several)")->required();
    add_period_option(*set, set_opts->from, "First period the source is in the boundary", "--from")->required();
    set->add_option("--note", set_opts->note, "Why the source is in the boundary, or where the boundary is published");
    set->callback([set_opts, &ctx] { ctx.action = [set_opts, &ctx] { return run_set(*set_opts, ctx); }; });

    auto import_opts = std::make_shared<import_options>();
    auto* import = boundary->add_subcommand("import", "Declare the boundary from a CSV: source,from[,note]");
    import->add_option("FILE", import_opts->file, "Boundary CSV")->required();
    import->callback([import_opts, &ctx] { ctx.action = [import_opts, &ctx] { return run_import(*import_opts, ctx); }; });

    auto list_opts = std::make_shared<list_options>();
    auto* list = boundary->add_subcommand("list", "The declared sources and the sources marked not applicable");
    add_format_option(*list, list_opts->format);
    list->callback([list_opts, &ctx] { ctx.action = [list_opts, &ctx] { return run_list(*list_opts, ctx); }; });

    auto remove_opts = std::make_shared<remove_options>();
    auto* remove = boundary->add_subcommand("remove", "Take a source out of the boundary");
    remove->add_option("SOURCE", remove_opts->source, "Source name")->required();
    remove->add_option("--reason", remove_opts->reason, "Why (kept in the audit log)")->required();
    remove->callback([remove_opts, &ctx] { ctx.action = [remove_opts, &ctx] { return run_remove(*remove_opts, ctx); }; });
}

}  // namespace carbontrack::cli
