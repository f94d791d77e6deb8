// carbontrack plot trajectory | sources | area | indicator | all: the standard charts, drawn by gnuplot
// in the format the file's extension names (.svg when it has none, .png, .pdf).
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/plot.hpp"

#include <algorithm>

namespace carbontrack::cli {
namespace {

struct trajectory_options {
    std::string name;
    std::string out;
    std::string release;
    bool all_authorities = false;
    std::string series = "within-scope";
    int net_zero_year = 2045;
    std::vector<area_tier> tiers{area_tier::district};
    std::string out_dir;
    std::vector<std::string> formats{"svg"};
};

struct sources_options {
    std::string by = "source";
    std::string out;
};

struct area_options {
    std::string la;
    bool per_person = false;
    std::string release;
    std::string measure = "within-scope";
    std::string out;
};

struct indicator_options {
    std::string name;
    std::string out;
};

struct all_options {
    std::string out_dir;
    std::string release;
    std::vector<std::string> formats{"svg"};
};

void draw(const chart::spec& c, const std::string& out, context& ctx) {
    chart::render(c, out);
    ctx.out << "Wrote " << out << '\n';
}

// Every chart of a set in every format asked for, through one gnuplot process.
void draw_set(const std::vector<plot::named_chart>& charts, const std::string& out_dir, const std::vector<std::string>& formats, context& ctx) {
    std::filesystem::create_directories(out_dir);
    std::vector<chart::render_job> jobs;
    jobs.reserve(charts.size() * formats.size());
    for (const auto& format : formats)
        for (const auto& c : charts) jobs.push_back({&c.chart, std::filesystem::path(out_dir) / (c.name + "." + format)});
    chart::render_all(jobs);
    std::string listed;
    for (const auto& format : formats) listed += (listed.empty() ? "" : ", ") + format;
    ctx.out << "Wrote " << charts.size() << (charts.size() == 1 ? " chart" : " charts") << " (" << listed << ") to " << out_dir << '\n';
}

void report_skipped(const std::vector<std::string>& skipped, context& ctx) {
    for (const auto& s : skipped) ctx.err << "carbontrack: not drawn: " << s << '\n';
}

int run_trajectory(const trajectory_options& o, context& ctx) {
    store db = ctx.open();
    if (o.all_authorities) {
        std::vector<std::string> skipped;
        const auto charts = plot::every_authority(db, o.series, o.net_zero_year, o.release, o.tiers, skipped);
        report_skipped(skipped, ctx);
        if (charts.empty()) throw data_error("no authority has figures to chart");
        draw_set(charts, o.out_dir, o.formats, ctx);
        return ok;
    }
    const auto org = ctx.organisation_for(db, false);
    const auto targets = db.targets(org.id);
    const auto found = std::find_if(targets.begin(), targets.end(), [&](const target& t) { return t.name() == o.name; });
    if (found == targets.end()) {
        std::string known;
        for (const auto& t : targets) known += (known.empty() ? "" : "; ") + t.name();
        throw data_error("no target named '" + o.name + "' for " + org.name + (known.empty() ? std::string(" (it has none)") : " (targets: " + known + ")"));
    }
    draw(plot::trajectory(db, org, *found, o.release), o.out, ctx);
    return ok;
}

int run_sources(const sources_options& o, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    draw(plot::sources(db, org, o.by == "scope" ? breakdown::scope : breakdown::source), o.out, ctx);
    return ok;
}

int run_area(const area_options& o, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    const plot::area_request request{o.la, o.per_person, o.release,
                                     o.measure == "territorial" ? area_measure::territorial : area_measure::within_scope, 2045};
    draw(plot::area(db, org, request), o.out, ctx);
    return ok;
}

int run_indicator(const indicator_options& o, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    draw(plot::indicator(db, org, o.name), o.out, ctx);
    return ok;
}

int run_all(const all_options& o, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    std::vector<std::string> skipped;
    const auto charts = plot::standard_set(db, org, o.release, skipped);
    report_skipped(skipped, ctx);
    if (charts.empty()) throw data_error(org.name + " has nothing to chart yet");
    draw_set(charts, o.out_dir, o.formats, ctx);
    return ok;
}

CLI::Option* add_out_option(CLI::App& command, std::string& target) {
    return command.add_option("--out", target, "The chart's file: .svg (also without an extension), .png or .pdf")
        ->check(CLI::Validator(
            [](std::string& file) {
                try {
                    chart::format_for(file);
                    return std::string();
                } catch (const error& e) {
                    return std::string(e.what());
                }
            },
            "FILE", "chart file"));
}

CLI::Option* add_formats_option(CLI::App& command, std::vector<std::string>& target) {
    return command.add_option("--format", target, "svg (default), png or pdf; several as svg,png")
        ->delimiter(',')
        ->check(CLI::IsMember({"svg", "png", "pdf"}));
}

template <class Options>
void on_parse(CLI::App* command, const std::shared_ptr<Options>& options, context& ctx, int (*run)(const Options&, context&)) {
    command->callback([options, &ctx, run] { ctx.action = [options, &ctx, run] { return run(*options, ctx); }; });
}

}  // namespace

void register_plot(CLI::App& app, context& ctx) {
    auto* plot = app.add_subcommand("plot", "Charts drawn with gnuplot: trajectory, sources, area, indicator, or the standard set");
    plot->require_subcommand(1);

    auto trajectory = std::make_shared<trajectory_options>();
    auto* t = plot->add_subcommand("trajectory", "A target's actuals, pathway, milestones and trend; or every authority's");
    auto* name = t->add_option("TARGET", trajectory->name, "A target of the organisation (see 'carbontrack target list')");
    auto* out = add_out_option(*t, trajectory->out);
    t->add_option("--release", trajectory->release, "Area release for area targets (default: the newest)");
    auto* all = t->add_flag("--all-authorities", trajectory->all_authorities,
                            "One chart per district and unitary (or --tier) against one net-zero year, named by authority code");
    t->add_option("--series", trajectory->series, "With --all-authorities: within-scope (default) or territorial, optionally :SECTOR")->needs(all);
    t->add_option("--net-zero-year", trajectory->net_zero_year, "With --all-authorities: the net-zero year (default 2045)")
        ->check(CLI::Range(2000, 2100))
        ->needs(all);
    add_tier_option(*t, trajectory->tiers)->needs(all);
    auto* out_dir = t->add_option("--out-dir", trajectory->out_dir, "With --all-authorities: the directory for the charts")->needs(all);
    add_formats_option(*t, trajectory->formats)->needs(all);
    name->excludes(all);
    out->excludes(all);
    all->needs(out_dir);
    name->needs(out);
    out->needs(name);
    t->callback([all, name, trajectory, &ctx] {
        if (all->count() == 0 && name->count() == 0) throw CLI::RequiredError("TARGET and --out, or --all-authorities and --out-dir,");
        ctx.action = [trajectory, &ctx] { return run_trajectory(*trajectory, ctx); };
    });

    auto sources = std::make_shared<sources_options>();
    auto* s = plot->add_subcommand("sources", "Own-operations emissions per period, stacked by source or scope, with totals");
    s->add_option("--by", sources->by, "source (default) or scope")->check(CLI::IsMember({"source", "scope"}));
    add_out_option(*s, sources->out)->required();
    on_parse(s, sources, ctx, run_sources);

    auto area = std::make_shared<area_options>();
    auto* a = plot->add_subcommand("area", "An authority's emissions by sector over the years, stacked, with the pathway to net zero");
    a->add_option("LA-CODE", area->la, "An authority or county: code (E10000018, LEC) or name")->required();
    a->add_flag("--per-person", area->per_person, "Per person (the pathway is then left out: it has no per-person form)");
    a->add_option("--release", area->release, "Area release (default: the newest)");
    a->add_option("--measure", area->measure, "within-scope (default) or territorial")->check(CLI::IsMember({"within-scope", "territorial"}));
    add_out_option(*a, area->out)->required();
    on_parse(a, area, ctx, run_area);

    auto indicator = std::make_shared<indicator_options>();
    auto* i = plot->add_subcommand("indicator", "An indicator's values (a flow's running total) against its goal");
    i->add_option("NAME", indicator->name, "The indicator (see 'carbontrack indicator list')")->required();
    add_out_option(*i, indicator->out)->required();
    on_parse(i, indicator, ctx, run_indicator);

    auto set = std::make_shared<all_options>();
    auto* every = plot->add_subcommand("all", "The standard set: each target's trajectory, sources, the county area and each indicator");
    every->add_option("--out-dir", set->out_dir, "The directory for the charts")->required();
    every->add_option("--release", set->release, "Area release (default: the newest)");
    add_formats_option(*every, set->formats);
    on_parse(every, set, ctx, run_all);
}

}  // namespace carbontrack::cli
