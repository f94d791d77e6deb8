// carbontrack factors import FILE | factors list [--year Y] [--name TEXT] [--all-gases] [--format F]
#include "cli/commands.hpp"

#include "carbontrack/factors.hpp"

namespace carbontrack::cli {
namespace {

struct import_options {
    std::string file;
    std::string revision;
};

struct list_options {
    std::optional<int> year;
    std::string name;
    bool all_gases = false;
    output::format format = output::format::table;
};

int run_import(const import_options& options, context& ctx) {
    const auto parsed = read_factor_file(options.file);
    store& db = ctx.open_for_change();
    if (parsed.layout == factor_layout::aliases) {
        const auto stored = db.add_factor_aliases(parsed.aliases, options.file);
        ctx.out << "Imported " << stored.added << (stored.added == 1 ? " factor alias" : " factor aliases") << " from " << options.file << "; "
                << stored.unchanged << " already stored.\n";
        return ok;
    }
    const auto result = options.revision.empty() ? db.add_factors(parsed.factors, options.file)
                                                 : db.add_factor_revision(options.revision, parsed.factors, options.file);
    int first = 0, last = 0;
    for (const auto& f : parsed.factors) {
        first = first == 0 ? f.year : std::min(first, f.year);
        last = std::max(last, f.year);
    }
    const char* layout = parsed.layout == factor_layout::key ? "key CSV" : parsed.layout == factor_layout::condensed ? "DESNZ condensed set" : "DESNZ flat file";
    ctx.out << "Imported " << result.added << " factors from " << options.file << " (" << layout;
    if (first != 0) ctx.out << ", " << first << (last != first ? "-" + std::to_string(last) : std::string());
    if (!parsed.version.empty()) ctx.out << ", version " << parsed.version;
    ctx.out << "); " << result.unchanged << " already stored";
    if (parsed.rows_without_value > 0) ctx.out << "; " << parsed.rows_without_value << " rows with no published value skipped";
    ctx.out << ".\n";
    for (const auto& [reason, count] : parsed.skipped) ctx.out << "  skipped " << count << ": " << reason << "\n";
    return ok;
}

int run_list(const list_options& options, context& ctx) {
    store db = ctx.open();
    factor_query query;
    query.year = options.year;
    if (!options.name.empty()) query.name_contains = options.name;
    query.co2e_only = !options.all_gases;
    const auto factors = db.list_factors(query);
    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& f : factors)
            list.push_back({{"factor_year", f.year}, {"name", f.name}, {"unit", f.unit}, {"gas", f.gas},
                            {"kg_per_unit", f.kg_per_unit}, {"scope", f.scope}, {"source", f.source}});
        ctx.out << list.dump(2) << '\n';
        return ok;
    }
    output::table t;
    t.add_column("year", true);
    t.add_column("name", false);
    t.add_column("unit", false);
    t.add_column("gas", false);
    t.add_column("kg per unit", true);
    t.add_column("scope", false);
    t.add_column("source", false);
    for (const auto& f : factors)
        t.rows.push_back({std::to_string(f.year), f.name, f.unit, f.gas, output::exact_number(f.kg_per_unit), f.scope, f.source});
    write(ctx.out, options.format, t);
    return ok;
}

}  // namespace

void register_factors(CLI::App& app, context& ctx) {
    auto* factors = app.add_subcommand("factors", "DESNZ greenhouse-gas conversion factors");
    factors->require_subcommand(1);

    auto import_opts = std::make_shared<import_options>();
    auto* import = factors->add_subcommand("import", "Import a factor file: a DESNZ workbook as published (flat file .xlsx/.xls, or the condensed set), the key CSV, or the flat file as CSV (.csv or .csv.gz)");
    import->add_option("FILE", import_opts->file, "Factor file")->required();
    import->add_option("--as-revision", import_opts->revision, "Store changed values as this named revision beside the published factors (see 'restate')");
    import->callback([import_opts, &ctx] { ctx.action = [import_opts, &ctx] { return run_import(*import_opts, ctx); }; });

    auto list_opts = std::make_shared<list_options>();
    auto* list = factors->add_subcommand("list", "List stored factors (CO2e only unless --all-gases)");
    list->add_option("--year", list_opts->year, "Only this factor year")->check(CLI::Range(1990, 2100));
    list->add_option("--name", list_opts->name, "Only factors whose name or DESNZ path contains this text");
    list->add_flag("--all-gases", list_opts->all_gases, "Also list the CO2, CH4 and N2O components");
    add_format_option(*list, list_opts->format);
    list->callback([list_opts, &ctx] { ctx.action = [list_opts, &ctx] { return run_list(*list_opts, ctx); }; });
}

}  // namespace carbontrack::cli
