// carbontrack area import FILE | codes FILE | summary | rank | releases | diff: local-authority emissions
// by source from DESNZ's statistics, one named release per import.
#include "cli/commands.hpp"

#include "carbontrack/area.hpp"
#include "carbontrack/error.hpp"

#include <map>

namespace carbontrack::cli {
namespace {

struct import_options {
    std::string file;
    std::string release;
    bool replace = false;
};

struct codes_options {
    std::string file;
};

struct summary_options {
    std::string la;
    std::string by = "sector";
    bool per_person = false;
    std::string release;
    area_measure measure = area_measure::within_scope;
    output::format format = output::format::table;
};

struct rank_options {
    int year = 0;
    std::vector<std::string> metric{"total"};
    std::vector<std::string> among;
    std::vector<area_tier> tiers{area_tier::district};
    std::string release;
    area_measure measure = area_measure::within_scope;
    output::format format = output::format::table;
    // Filled from `metric` once parsing succeeded.
    area_metric chosen = area_metric::total;
    std::optional<int> since;
};

struct releases_options {
    output::format format = output::format::table;
};

struct diff_options {
    std::string la;
    std::string from;
    std::string to;
    std::string by = "total";
    area_measure measure = area_measure::within_scope;
    output::format format = output::format::table;
};

// The enum is reached through a word: CLI11 would otherwise find our to_string(area_measure) by ADL.
void add_measure_option(CLI::App& command, area_measure& target) {
    command.add_option_function<std::string>(
               "--measure", [&target](const std::string& word) { target = word == "territorial" ? area_measure::territorial : area_measure::within_scope; },
               "within-scope (the part a council can influence; default) or territorial")
        ->check(CLI::IsMember({"within-scope", "territorial"}));
}

// The release a question uses: the one named, or else the newest that can answer it. A named release
// that has totals only refuses a sector question, naming the release that has sectors.
area_release release_for(const store& db, const std::string& name, area_measure measure, bool needs_sectors) {
    const auto releases = db.area_releases();
    if (releases.empty()) throw data_error("no area release in " + db.path().string() + "; import one with 'carbontrack area import FILE'");
    return choose_release(releases, name, measure, needs_sectors);
}

std::string measures_of(const area_release& r) {
    std::string text;
    for (auto measure : {area_measure::within_scope, area_measure::territorial})
        if (r.carries(measure))
            text += (text.empty() ? "" : ", ") + std::string(series_word(measure)) + " " + std::string(to_string(r.basis(measure)));
    return text.empty() ? "none" : text;
}

std::string unit_label(area_basis basis, bool per_person) {
    return std::string(per_person ? "t " : "kt ") + std::string(to_string(basis)) + (per_person ? " per person" : "");
}

// Kilotonnes to one decimal for totals, tonnes per person to two, as the statistics are quoted.
std::string shown(const std::optional<units::gas_mass>& mass, bool per_person, output::format format) {
    if (!mass) return format == output::format::table ? "-" : "";
    const double value = per_person ? in_tonnes(*mass) : in_kilotonnes(*mass);
    return format == output::format::table ? output::display_number(value, per_person ? 2 : 1) : output::exact_number(value);
}

nlohmann::json json_value(const std::optional<units::gas_mass>& mass, bool per_person) {
    if (!mass) return nullptr;
    return per_person ? in_tonnes(*mass) : in_kilotonnes(*mass);
}

std::string percent(const std::optional<double>& pct, output::format format) {
    if (!pct) return format == output::format::table ? "-" : "";
    return format == output::format::table ? output::display_number(*pct, 1) + "%" : output::exact_number(*pct);
}

int run_import(const import_options& options, context& ctx) {
    const auto layout = detect_area_layout(options.file);
    const std::string name = options.release.empty() ? default_release_name(options.file) : options.release;
    store& db = ctx.open_for_change();
    area_read_summary read;
    const auto outcome = db.import_area_release(name, layout, options.file, options.replace,
                                                [&](area_sink& sink) { read = read_area_file(options.file, sink); });
    if (outcome == store::area_import_outcome::already_stored) {
        ctx.out << "Release '" << name << "' is already stored; nothing changed (use --replace to restate it from " << options.file << ").\n";
        return ok;
    }
    ctx.out << (outcome == store::area_import_outcome::replaced ? "Replaced" : "Imported") << " release '" << name << "' from "
            << options.file << " (" << to_string(read.layout) << ", " << to_string(basis_of(read.layout)) << ", " << read.first_year << "-"
            << read.last_year << "): " << read.authorities << " authorities, " << read.values << " figures.\n";
    if (detail_of(read.layout) == area_detail::totals)
        ctx.out << "The release has totals only (no sectors): within-scope in kt CO2, territorial in kt CO2e.\n";
    if (read.unallocated_rows > 0)
        ctx.out << read.unallocated_rows << " rows of unallocated consumption (no authority) were counted and kept out of every authority's figures.\n";
    return ok;
}

int run_codes(const codes_options& options, context& ctx) {
    const auto rows = read_area_codes(options.file);
    store& db = ctx.open_for_change();
    db.set_area_codes(rows);
    ctx.out << "Stored " << rows.size() << " authority identifiers from " << options.file << ".\n";
    return ok;
}

int run_summary(const summary_options& options, context& ctx) {
    store db = ctx.open();
    const bool totals_only = options.by == "total";
    const auto by = options.by == "subsector" ? area_breakdown::subsector : area_breakdown::sector;
    const auto release = release_for(db, options.release, options.measure, !totals_only);
    const auto selection = resolve_area(options.la, db.area_authorities(release.id), db.area_codes());
    const auto data = db.area_figures(release, selection.authority_ids, std::nullopt);
    auto summary = summarise_area(data, selection, options.measure, by, options.per_person);
    if (totals_only) {
        summary.columns.clear();
        for (auto& line : summary.years) line.parts.clear();
    }
    const auto unit = unit_label(summary.basis, options.per_person);
    if (summary.years.empty()) throw data_error(selection.label + " has no figures in release '" + release.name + "'");

    if (options.format == output::format::json) {
        auto years = nlohmann::json::array();
        for (const auto& line : summary.years) {
            nlohmann::json parts = nlohmann::json::object();
            for (std::size_t c = 0; c < summary.columns.size(); ++c) parts[summary.columns[c]] = json_value(line.parts[c], options.per_person);
            years.push_back({{"year", line.year},
                             {by == area_breakdown::sector ? "sectors" : "subsectors", parts},
                             {"total", json_value(line.total, options.per_person)},
                             {"population_thousands", line.population_thousands ? nlohmann::json(*line.population_thousands) : nlohmann::json(nullptr)}});
        }
        ctx.out << nlohmann::json{{"authority", selection.label},
                                  {"code", selection.code},
                                  {"summed_from_districts", selection.summed_from_districts},
                                  {"release", release.name},
                                  {"measure", to_string(summary.measure)},
                                  {"gas", to_string(summary.basis)},
                                  {"unit", unit},
                                  {"years", years}}
                       .dump(2)
                << '\n';
        return ok;
    }
    output::table t;
    t.add_column("year", true);
    for (const auto& column : summary.columns) t.add_column(column, true);
    t.add_column("Total (" + unit + ")", true);
    for (const auto& line : summary.years) {
        std::vector<std::string> row{std::to_string(line.year)};
        for (const auto& part : line.parts) row.push_back(shown(part, options.per_person, options.format));
        row.push_back(shown(line.total, options.per_person, options.format));
        t.rows.push_back(std::move(row));
    }
    if (options.format == output::format::table)
        ctx.out << selection.label << " [" << selection.code << "]: " << to_string(summary.measure) << " emissions, " << unit
                << " (release " << release.name << ")\n";
    write(ctx.out, options.format, t);
    return ok;
}

int run_rank(const rank_options& options, context& ctx) {
    store db = ctx.open();
    const auto release = release_for(db, options.release, options.measure, false);
    const auto authorities = db.area_authorities(release.id);
    const auto codes = db.area_codes();
    std::vector<area_selection> among;
    for (const auto& code : options.among) among.push_back(resolve_area(code, authorities, codes));
    if (among.empty()) among = rankable_areas(authorities, codes, options.tiers);

    // Every authority's figures for the year (and the baseline), read through the year index.
    std::vector<std::int64_t> ids;
    if (!options.among.empty())
        for (const auto& s : among) ids.insert(ids.end(), s.authority_ids.begin(), s.authority_ids.end());
    auto data = db.area_figures(release, ids, options.year);
    if (options.since) {
        auto then = db.area_figures(release, ids, *options.since);
        data.cells.insert(data.cells.end(), then.cells.begin(), then.cells.end());
        data.populations.insert(data.populations.end(), then.populations.begin(), then.populations.end());
    }
    const auto ranking = rank_areas(data, among, options.year, options.chosen, options.since, options.measure);
    const bool per_person = options.chosen == area_metric::per_person;
    const bool change = options.chosen == area_metric::change_since;
    const std::string unit = change ? "%" : unit_label(release.basis(options.measure), per_person);
    const std::string metric = change ? "change since " + std::to_string(*options.since) : per_person ? "per person" : "total";

    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& e : ranking)
            list.push_back({{"position", e.position ? nlohmann::json(e.position) : nlohmann::json(nullptr)},
                            {"quartile", e.quartile ? nlohmann::json(e.quartile) : nlohmann::json(nullptr)},
                            {"code", e.code},
                            {"name", e.name},
                            {"value", change ? (e.change_pct ? nlohmann::json(*e.change_pct) : nlohmann::json(nullptr))
                                             : json_value(e.emissions, per_person)}});
        ctx.out << nlohmann::json{{"year", options.year}, {"metric", metric}, {"unit", unit}, {"measure", to_string(options.measure)},
                                  {"release", release.name}, {"order", "ascending: position 1 is the lowest"}, {"ranking", list}}
                       .dump(2)
                << '\n';
        return ok;
    }
    output::table t;
    t.add_column("position", true);
    t.add_column("quartile", true);
    t.add_column("code", false);
    t.add_column("authority", false);
    t.add_column(metric + " (" + unit + ")", true);
    for (const auto& e : ranking)
        t.rows.push_back({e.position ? std::to_string(e.position) : "-", e.quartile ? "Q" + std::to_string(e.quartile) : "-", e.code, e.name,
                          change ? percent(e.change_pct, options.format) : shown(e.emissions, per_person, options.format)});
    if (options.format == output::format::table)
        ctx.out << "Ranking of " << ranking.size() << " authorities by " << metric << " " << to_string(options.measure) << " emissions in "
                << options.year << " (release " << release.name << "); position 1 and Q1 are the lowest.\n";
    write(ctx.out, options.format, t);
    return ok;
}

int run_releases(const releases_options& options, context& ctx) {
    store db = ctx.open();
    const auto releases = db.area_releases();
    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& r : releases)
            list.push_back({{"name", r.name}, {"layout", to_string(r.layout)}, {"gas", to_string(r.basis())}, {"detail", to_string(r.detail)},
                            {"measures", measures_of(r)}, {"first_year", r.first_year},
                            {"last_year", r.last_year}, {"figures", r.values}, {"source_file", r.source_file}, {"imported_at", r.imported_at}});
        ctx.out << list.dump(2) << '\n';
        return ok;
    }
    output::table t;
    for (auto [heading, numeric] : {std::pair{"release", false}, {"layout", false}, {"detail", false}, {"measures", false}, {"years", false},
                                    {"figures", true}, {"imported", false}, {"source file", false}})
        t.add_column(heading, numeric);
    for (std::size_t i = 0; i < releases.size(); ++i) {
        const auto& r = releases[i];
        t.rows.push_back({r.name + (i + 1 == releases.size() ? " (newest)" : ""), std::string(to_string(r.layout)),
                          std::string(to_string(r.detail)), measures_of(r), std::to_string(r.first_year) + "-" + std::to_string(r.last_year),
                          std::to_string(r.values), r.imported_at, r.source_file});
    }
    write(ctx.out, options.format, t);
    return ok;
}

int run_diff(const diff_options& options, context& ctx) {
    store db = ctx.open();
    const auto codes = db.area_codes();
    const bool by_sector = options.by != "total";
    const auto from = release_for(db, options.from, options.measure, by_sector);
    const auto to = release_for(db, options.to, options.measure, by_sector);
    const auto from_selection = resolve_area(options.la, db.area_authorities(from.id), codes);
    const auto to_selection = resolve_area(options.la, db.area_authorities(to.id), codes);
    std::optional<area_breakdown> by;
    if (options.by == "sector") by = area_breakdown::sector;
    if (options.by == "subsector") by = area_breakdown::subsector;
    const auto lines = diff_area(db.area_figures(from, from_selection.authority_ids, std::nullopt), from_selection,
                                 db.area_figures(to, to_selection.authority_ids, std::nullopt), to_selection, options.measure, by);
    const std::string unit = unit_label(from.basis(options.measure), false);
    auto change = [](const area_diff_line& line) { return area_change(line); };
    auto change_pct = [](const area_diff_line& line) -> std::optional<double> {
        return line.from && line.to ? area_percent_change(*line.from, *line.to) : std::nullopt;
    };

    if (options.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& line : lines) {
            nlohmann::json row{{"year", line.year}, {"from", json_value(line.from, false)}, {"to", json_value(line.to, false)},
                               {"change", json_value(change(line), false)}};
            const auto pct = change_pct(line);
            row["change_pct"] = pct ? nlohmann::json(*pct) : nlohmann::json(nullptr);
            if (by) row["sector"] = line.sector;
            if (by == area_breakdown::subsector) row["subsector"] = line.subsector;
            list.push_back(row);
        }
        ctx.out << nlohmann::json{{"authority", to_selection.label}, {"code", to_selection.code}, {"from", from.name}, {"to", to.name},
                                  {"measure", to_string(options.measure)}, {"unit", unit}, {"lines", list}}
                       .dump(2)
                << '\n';
        return ok;
    }
    output::table t;
    t.add_column("year", true);
    if (by) t.add_column("sector", false);
    if (by == area_breakdown::subsector) t.add_column("sub-sector", false);
    t.add_column(from.name + " (" + unit + ")", true);
    t.add_column(to.name + " (" + unit + ")", true);
    t.add_column("change (" + unit + ")", true);
    t.add_column("change %", true);
    for (const auto& line : lines) {
        std::vector<std::string> row{std::to_string(line.year)};
        if (by) row.push_back(line.sector);
        if (by == area_breakdown::subsector) row.push_back(line.subsector);
        row.push_back(shown(line.from, false, options.format));
        row.push_back(shown(line.to, false, options.format));
        row.push_back(shown(change(line), false, options.format));
        row.push_back(percent(change_pct(line), options.format));
        t.rows.push_back(std::move(row));
    }
    if (options.format == output::format::table) {
        ctx.out << to_selection.label << " [" << to_selection.code << "]: " << to_string(options.measure) << " emissions, release " << from.name
                << " -> " << to.name;
        if (by) ctx.out << " (only figures that changed)";
        ctx.out << '\n';
        if (by && lines.empty()) {
            ctx.out << "No figure changed.\n";
            return ok;
        }
    }
    write(ctx.out, options.format, t);
    return ok;
}

// "total", "per-person" or "change-since YEAR"; a usage error otherwise.
void choose_metric(rank_options& options) {
    const auto& words = options.metric;
    if (words.size() == 1 && words[0] == "total") options.chosen = area_metric::total;
    else if (words.size() == 1 && words[0] == "per-person") options.chosen = area_metric::per_person;
    else if (words.size() == 2 && words[0] == "change-since") {
        options.chosen = area_metric::change_since;
        try {
            std::size_t used = 0;
            options.since = std::stoi(words[1], &used);
            if (used != words[1].size()) throw std::invalid_argument(words[1]);
        } catch (const std::exception&) {
            throw CLI::ValidationError("--metric", "change-since needs a year, not '" + words[1] + "'");
        }
    } else {
        throw CLI::ValidationError("--metric", "must be total, per-person or change-since YEAR");
    }
}

}  // namespace

void register_area(CLI::App& app, context& ctx) {
    auto* area = app.add_subcommand("area", "Area emissions by source: DESNZ local-authority statistics by release");
    area->require_subcommand(1);

    auto import_opts = std::make_shared<import_options>();
    auto* import = area->add_subcommand("import", "Import a release: the DESNZ long CSV (any of its headers), mySociety's wide CSV or a totals CSV");
    import->add_option("FILE", import_opts->file, "Area statistics file (.csv or .csv.gz)")->required();
    import->add_option("--release", import_opts->release, "Release name (default: the file name without .csv)");
    import->add_flag("--replace", import_opts->replace, "Restate a release that is already stored");
    import->callback([import_opts, &ctx] { ctx.action = [import_opts, &ctx] { return run_import(*import_opts, ctx); }; });

    auto codes_opts = std::make_shared<codes_options>();
    auto* codes = area->add_subcommand("codes", "Store authority identifiers (gss_code,mysociety_code,name,tier), replacing earlier ones");
    codes->add_option("FILE", codes_opts->file, "Identifier CSV, e.g. datasets/area/authority_codes.csv")->required();
    codes->callback([codes_opts, &ctx] { ctx.action = [codes_opts, &ctx] { return run_codes(*codes_opts, ctx); }; });

    auto summary_opts = std::make_shared<summary_options>();
    auto* summary = area->add_subcommand("summary", "Year x sector emissions of an authority, or of a county summed from its districts");
    summary->add_option("--la", summary_opts->la, "GSS code, mySociety code or name (a county sums its districts)")->required();
    summary->add_option("--by", summary_opts->by, "sector (default), subsector, or total (any release, totals-only ones too)")
        ->transform(CLI::IsMember({"sector", "subsector", "total"}, CLI::ignore_case));
    summary->add_flag("--per-person", summary_opts->per_person, "t per person: sum(emissions) / sum(population)");
    summary->add_option("--release", summary_opts->release, "Release name (default: the newest with sectors, or with the measure for --by total)");
    add_measure_option(*summary, summary_opts->measure);
    add_format_option(*summary, summary_opts->format);
    summary->callback([summary_opts, &ctx] { ctx.action = [summary_opts, &ctx] { return run_summary(*summary_opts, ctx); }; });

    auto rank_opts = std::make_shared<rank_options>();
    auto* rank = area->add_subcommand("rank", "Position and quartile of authorities in one year (1 = lowest)");
    rank->add_option("--year", rank_opts->year, "Calendar year")->required()->check(CLI::Range(1990, 2100));
    rank->add_option("--metric", rank_opts->metric, "total (default), per-person, or change-since YEAR")->expected(1, 2);
    rank->add_option("--among", rank_opts->among, "Comparator codes or names, comma-separated (default: every district and unitary)")
        ->delimiter(',');
    add_tier_option(*rank, rank_opts->tiers)->excludes("--among");
    rank->add_option("--release", rank_opts->release, "Release name (default: the newest with the measure)");
    add_measure_option(*rank, rank_opts->measure);
    add_format_option(*rank, rank_opts->format);
    rank->callback([rank_opts, &ctx] {
        choose_metric(*rank_opts);
        ctx.action = [rank_opts, &ctx] { return run_rank(*rank_opts, ctx); };
    });

    auto releases_opts = std::make_shared<releases_options>();
    auto* releases = area->add_subcommand("releases", "Stored releases, oldest import first");
    add_format_option(*releases, releases_opts->format);
    releases->callback([releases_opts, &ctx] { ctx.action = [releases_opts, &ctx] { return run_releases(*releases_opts, ctx); }; });

    auto diff_opts = std::make_shared<diff_options>();
    auto* diff = area->add_subcommand("diff", "How an authority's figures moved between two releases");
    diff->add_option("--la", diff_opts->la, "GSS code, mySociety code or name")->required();
    diff->add_option("--from", diff_opts->from, "Earlier release")->required();
    diff->add_option("--to", diff_opts->to, "Later release")->required();
    diff->add_option("--by", diff_opts->by, "total (every year, default), sector or subsector (only what changed)")
        ->check(CLI::IsMember({"total", "sector", "subsector"}));
    add_measure_option(*diff, diff_opts->measure);
    add_format_option(*diff, diff_opts->format);
    diff->callback([diff_opts, &ctx] { ctx.action = [diff_opts, &ctx] { return run_diff(*diff_opts, ctx); }; });
}

}  // namespace carbontrack::cli
