// carbontrack indicator define | record | import CSV | list | progress: environmental indicators
// (trees planted, renewable share, recycling, plug-in vehicles) checked against their goals.
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/indicator.hpp"

#include <cmath>
#include <cstdio>
#include <map>

namespace carbontrack::cli {
namespace {

constexpr const char* csv_format_help =
    "Columns (header names, any order; the first three required): indicator, period, value, area, basis, quality, source,\n"
    "note, kind, unit, direction, goal, deadline, baseline, numerator, denominator.\n"
    "A row with kind/unit/direction defines an indicator: kind flow|level|ratio, direction up|down, optional goal\n"
    "(in the unit; % for a ratio) with deadline and baseline periods; a ratio names its numerator and denominator\n"
    "indicators instead of a unit. A row with period and value records a value: area blank for the whole area,\n"
    "basis period|running-total (flows), quality measured|estimated|published|more-than|at-least|about|almost.\n"
    "A missing period is left out, never written as 0.";

struct import_options {
    std::string file;
};

struct define_options {
    std::string name;
    std::string kind;
    std::string unit;
    std::string direction;
    std::string numerator;
    std::string denominator;
    std::optional<double> goal;
    std::string deadline;
    std::string baseline;
    std::string source;
    std::string note;
};

struct record_options {
    std::string name;
    std::string period;
    double value = 0;
    std::string area;
    bool running_total = false;
    std::string quality;
    std::string source;
    std::string note;
};

struct list_options {
    output::format format = output::format::table;
};

struct progress_options {
    std::vector<std::string> names;
    output::format format = output::format::table;
};

int store_batch(const indicator_batch& batch, context& ctx) {
    store& db = ctx.open_for_change();
    const auto org = ctx.organisation_for(db, true);
    const auto result = db.add_indicators(org.id, batch);
    ctx.out << "Imported " << result.added << " indicator definitions and values for " << org.name << " from " << batch.input_file << "; "
            << result.unchanged << " already stored.\n";
    return ok;
}

std::optional<period> optional_period(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return parse_period(text);
}

int run_define(const define_options& o, context& ctx) {
    indicator_definition d;
    d.name = o.name;
    d.kind = parse_indicator_kind(o.kind).value_or(indicator_kind::level);
    d.direction = parse_direction(o.direction).value_or(desired_direction::up);
    d.unit = o.unit.empty() && d.kind == indicator_kind::ratio ? "%" : o.unit;
    d.numerator = o.numerator;
    d.denominator = o.denominator;
    if (o.goal) d.goal = indicator_goal{*o.goal, optional_period(o.deadline), optional_period(o.baseline)};
    else if (!o.deadline.empty() || !o.baseline.empty()) throw data_error("--deadline and --baseline need --goal");
    d.source = o.source;
    d.note = o.note;
    indicator_batch batch{"indicator define", {d}, {}};
    error_collector errors(batch.input_file);
    validate(d, errors);
    errors.throw_if_any();
    return store_batch(batch, ctx);
}

int run_record(const record_options& o, context& ctx) {
    indicator_value v;
    v.indicator = o.name;
    v.area = o.area;
    v.when = parse_period(o.period);
    v.amount = o.value;
    v.basis = o.running_total ? value_basis::running_total : value_basis::period_amount;
    v.quality = parse_value_quality(o.quality).value_or(value_quality::unspecified);
    v.source = o.source;
    v.note = o.note;
    v.input_file = "indicator record";
    return store_batch({v.input_file, {}, {v}}, ctx);
}

int run_import(const import_options& o, context& ctx) { return store_batch(read_indicator_csv(o.file), ctx); }

// A goal is a figure someone typed, so CSV shows it as typed (700000), not in exponent form.
std::string typed_number(double value) { return output::format_number(value, output::number_style::typed); }

std::string goal_label(const std::optional<indicator_goal>& goal, const std::string& unit, bool table) {
    if (!goal) return "";
    std::string label = (table ? output::display_number(goal->value, std::abs(goal->value) >= 100 ? 0 : 1) : typed_number(goal->value)) +
                        (unit == "%" ? "%" : " " + unit);
    if (goal->deadline) label += " by " + goal->deadline->label();
    if (goal->baseline) label += " from " + goal->baseline->label();
    return label;
}

int run_list(const list_options& o, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    const indicator_catalogue catalogue(db.indicator_definitions(org.id), db.indicator_values(org.id));
    if (o.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& d : catalogue.definitions()) {
            nlohmann::json item{{"indicator", d.name}, {"kind", to_string(d.kind)}, {"unit", d.unit}, {"direction", to_string(d.direction)},
                                {"values", catalogue.values_of(d.name).size()}, {"source", d.source}, {"note", d.note}};
            if (d.kind == indicator_kind::ratio) item["parts"] = {d.numerator, d.denominator};
            item["goal"] = d.goal ? nlohmann::json{{"value", d.goal->value},
                                                   {"deadline", d.goal->deadline ? nlohmann::json(d.goal->deadline->label()) : nlohmann::json(nullptr)},
                                                   {"baseline", d.goal->baseline ? nlohmann::json(d.goal->baseline->label()) : nlohmann::json(nullptr)}}
                                  : nlohmann::json(nullptr);
            list.push_back(item);
        }
        ctx.out << nlohmann::json{{"organisation", org.name}, {"indicators", list}}.dump(2) << '\n';
        return ok;
    }
    const bool table = o.format == output::format::table;
    output::table t;
    for (auto [heading, numeric] : {std::pair{"indicator", false}, {"kind", false}, {"unit", false}, {"direction", false}, {"goal", false},
                                    {"values", true}, {"periods", false}, {"areas", true}})
        t.add_column(heading, numeric);
    for (const auto& d : catalogue.definitions()) {
        const auto values = catalogue.values_of(d.name);
        std::map<std::string, int> areas;
        std::string periods;
        if (!values.empty()) {
            auto [low, high] = std::minmax_element(values.begin(), values.end(),
                                                   [](const auto& a, const auto& b) { return a.when.start_year() < b.when.start_year(); });
            periods = low->when == high->when ? low->when.label() : low->when.label() + " to " + high->when.label();
            for (const auto& v : values)
                if (!v.area.empty()) ++areas[v.area];
        }
        const std::string unit = d.kind == indicator_kind::ratio ? "% = '" + d.numerator + "' / '" + d.denominator + "'" : d.unit;
        t.rows.push_back({d.name, std::string(to_string(d.kind)), unit, std::string(to_string(d.direction)), goal_label(d.goal, d.unit, table),
                          d.kind == indicator_kind::ratio ? (table ? "computed" : "") : std::to_string(values.size()), periods,
                          std::to_string(areas.size())});
    }
    if (table) ctx.out << org.name << ": indicators\n";
    write(ctx.out, o.format, t);
    return ok;
}

// ---- progress ----------------------------------------------------------------------------------

int decimals_for(const std::string& unit, double value) { return unit == "%" ? 1 : std::abs(value) >= 100 ? 0 : 1; }

std::string number(std::optional<double> value, const std::string& unit, bool table, bool signed_value = false) {
    if (!value) return table ? "-" : "";
    if (!table) return output::exact_number(*value);
    return (signed_value && *value > 0 ? "+" : "") + output::display_number(*value, decimals_for(unit, *value));
}

std::string point_label(const std::optional<indicator_point>& p, const std::string& unit, bool table) {
    if (!p) return table ? "-" : "";
    const std::string words(qualifier_words(p->quality));
    return (table && !words.empty() ? words + " " : "") + number(p->amount, unit, table);
}

std::string area_label(const indicator_progress& p) {
    if (p.combined) return p.kind == indicator_kind::ratio ? "all areas (weighted)" : "all areas (sum)";
    return p.area;
}

nlohmann::json optional_json(std::optional<double> value) { return value ? nlohmann::json(*value) : nlohmann::json(nullptr); }
nlohmann::json optional_json(const std::optional<period>& value) { return value ? nlohmann::json(value->label()) : nlohmann::json(nullptr); }

nlohmann::json point_json(const std::optional<indicator_point>& p) {
    if (!p) return nullptr;
    return {{"period", p->when.label()}, {"value", p->amount}, {"quality", to_string(p->quality)}};
}

nlohmann::json progress_json(const indicator_progress& p) {
    return {{"indicator", p.indicator},
            {"area", area_label(p)},
            {"kind", to_string(p.kind)},
            {"direction", to_string(p.direction)},
            {"unit", p.unit},
            {"latest", point_json(p.latest)},
            {"running_total", point_json(p.running_total)},
            {"goal_value", p.goal ? nlohmann::json(p.goal->value) : nlohmann::json(nullptr)},
            {"goal_deadline", p.goal ? optional_json(p.goal->deadline) : nlohmann::json(nullptr)},
            {"goal_pct", optional_json(p.goal_pct)},
            {"years_to_deadline", optional_json(p.years_to_deadline)},
            {"required_per_year", optional_json(p.required_per_year)},
            {"trend_slope_per_year", optional_json(p.trend_per_year)},
            {"trend_band_per_year", p.trend_per_year ? nlohmann::json{*p.trend_p25_per_year, *p.trend_p75_per_year} : nlohmann::json(nullptr)},
            {"baseline_period", optional_json(p.baseline_period)},
            {"baseline_value", optional_json(p.baseline_value)},
            {"pathway_value", optional_json(p.pathway_value)},
            {"projected_at_deadline", optional_json(p.projected_at_deadline)},
            {"status", p.status ? nlohmann::json(to_string(*p.status)) : nlohmann::json(nullptr)},
            {"rag", p.rag ? nlohmann::json(to_string(*p.rag)) : nlohmann::json(nullptr)},
            {"notes", p.notes}};
}

int run_progress(const progress_options& o, context& ctx) {
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    const indicator_catalogue catalogue(db.indicator_definitions(org.id), db.indicator_values(org.id));
    std::vector<std::string> names = o.names;
    if (names.empty())
        for (const auto& d : catalogue.definitions()) names.push_back(d.name);

    std::vector<indicator_progress> reports;
    std::vector<std::string> combination_notes;
    for (const auto& name : names) {
        const auto series = build_series(catalogue, name);
        const auto& definition = *catalogue.find(name);
        for (const auto& s : series) reports.push_back(evaluate(definition, s));
        const bool has_areas = std::any_of(series.begin(), series.end(), [](const auto& s) { return !s.area.empty(); });
        if (!has_areas) continue;
        // A whole-area figure the source publishes is the answer: a sum of the areas would duplicate
        // a count and be meaningless for a rate or a concentration (devices per 100,000, PM2.5).
        const bool published_whole = std::any_of(series.begin(), series.end(), [](const auto& s) { return s.area.empty() && !s.values.empty(); });
        if (published_whole && !parse_indicator_unit(definition.unit).is_percentage) continue;
        auto whole = combine_areas(catalogue, name);
        if (whole.series) reports.push_back(evaluate(definition, *whole.series));
        else combination_notes.push_back(name + ": " + whole.reason);
    }

    if (o.format == output::format::json) {
        auto list = nlohmann::json::array();
        for (const auto& r : reports) list.push_back(progress_json(r));
        ctx.out << nlohmann::json{{"organisation", org.name}, {"indicators", list}, {"whole_area_notes", combination_notes},
                                  {"rag_rule", rag_rule()}, {"rag_rule_up", rag_rule_for_up()}}
                       .dump(2)
                << '\n';
        return ok;
    }
    const bool table = o.format == output::format::table;
    output::table t;
    for (auto [heading, numeric] : {std::pair{"indicator", false}, {"area", false}, {"unit", false}, {"latest", true}, {"period", false},
                                    {"running total", true}, {"goal", false}, {"% of goal", true}, {"needed /yr", true}, {"trend /yr", true},
                                    {"status", false}, {"RAG", false}})
        t.add_column(heading, numeric);
    std::vector<std::string> notes;
    for (const auto& r : reports) {
        const auto& shown = r.kind == indicator_kind::flow && r.running_total ? r.running_total : r.latest;
        t.rows.push_back({r.indicator, area_label(r), r.unit, point_label(r.latest, r.unit, table), shown ? shown->when.label() : "",
                          point_label(r.running_total, r.unit, table), goal_label(r.goal, r.unit, table),
                          r.goal_pct ? (table ? output::display_number(*r.goal_pct, 1) + "%" : output::exact_number(*r.goal_pct)) : (table ? "-" : ""),
                          number(r.required_per_year, r.unit, table, true), number(r.trend_per_year, r.unit, table, true),
                          r.status ? std::string(to_string(*r.status)) : (table ? "-" : ""), r.rag ? std::string(to_string(*r.rag)) : (table ? "-" : "")});
        for (const auto& note : r.notes) notes.push_back(r.indicator + (r.area.empty() && !r.combined ? "" : " (" + area_label(r) + ")") + ": " + note);
    }
    if (table) ctx.out << org.name << ": indicator progress\n";
    write(ctx.out, o.format, t);
    if (!table) return ok;
    ctx.out << "'-' means not known, never zero; 'more than', 'about', 'almost' and 'at least' are the qualifiers of the published "
               "figures. A flow's period is that of its running total.\n";
    for (const auto& note : combination_notes) ctx.out << "Whole area: " << note << '\n';
    for (const auto& note : notes) ctx.out << "Note: " << note << '\n';
    ctx.out << "% of goal: A / G (up), or (B - A) / (B - G) of the way from baseline to goal (down); needed /yr: (G - A) / (t - y); "
               "trend: Theil-Sen over the last 6 periods (at least 3).\n"
            << status_rule() << '\n'
            << rag_rule() << '\n'
            << rag_rule_for_up() << '\n';
    return ok;
}

}  // namespace

void register_indicator(CLI::App& app, context& ctx) {
    auto* indicator = app.add_subcommand("indicator", "Environmental indicators: trees planted, renewable share, recycling, plug-in vehicles");
    indicator->require_subcommand(1);

    auto define_opts = std::make_shared<define_options>();
    auto* define = indicator->add_subcommand("define", "Define an indicator: its kind, unit, direction and optional goal");
    define->add_option("NAME", define_opts->name, "Indicator name, e.g. \"trees planted\"")->required();
    define->add_option("--kind", define_opts->kind, "flow (amount per period; judged on the running total), level, or ratio (of two indicators)")
        ->required()
        ->check(CLI::IsMember({"flow", "level", "ratio"}));
    define->add_option("--unit", define_opts->unit, "A count (trees, vehicles), %, kWh/MWh/GWh, kg/tonnes or kW/MW; a ratio is %");
    define->add_option("--direction", define_opts->direction, "up (more is better) or down")->required()->check(CLI::IsMember({"up", "down"}));
    auto* numerator = define->add_option("--numerator", define_opts->numerator, "Ratio: the indicator divided (e.g. renewable MWh generated)");
    define->add_option("--denominator", define_opts->denominator, "Ratio: the indicator divided by (e.g. MWh consumed)")->needs(numerator);
    define->add_option("--goal", define_opts->goal, "Goal value in the unit (a % for a ratio)");
    const CLI::Validator is_period([](std::string& text) { return period_problem(text); }, "PERIOD", "period");
    define->add_option("--deadline", define_opts->deadline, "Deadline period; \"by 2025\" on financial years is 2024/25")->check(is_period);
    define->add_option("--baseline", define_opts->baseline, "Period the pathway starts from (default: the first value)")->check(is_period);
    define->add_option("--source", define_opts->source, "Where the goal or definition was published");
    define->add_option("--note", define_opts->note, "Free text");
    define->callback([define_opts, &ctx] { ctx.action = [define_opts, &ctx] { return run_define(*define_opts, ctx); }; });

    auto record_opts = std::make_shared<record_options>();
    auto* record = indicator->add_subcommand("record", "Record one value of a flow or level indicator");
    record->add_option("NAME", record_opts->name, "Indicator name")->required();
    add_period_option(*record, record_opts->period, "Period of the value: 2023/24 or 2023")->required();
    record->add_option("--value", record_opts->value, "The value in the indicator's unit")->required();
    record->add_option("--area", record_opts->area, "Part of the area (a district); omit for the whole");
    record->add_flag("--running-total", record_opts->running_total, "The value is a flow's running total at the period's end");
    record->add_option("--quality", record_opts->quality, "measured, estimated, published, more-than, at-least, about or almost")
        ->check(CLI::IsMember({"measured", "estimated", "published", "more-than", "at-least", "about", "almost"}));
    record->add_option("--source", record_opts->source, "Where the figure was published");
    record->add_option("--note", record_opts->note, "Free text");
    record->callback([record_opts, &ctx] { ctx.action = [record_opts, &ctx] { return run_record(*record_opts, ctx); }; });

    auto import_opts = std::make_shared<import_options>();
    auto* import = indicator->add_subcommand("import", "Import an indicator CSV of definitions and values");
    import->footer(csv_format_help);
    import->add_option("CSV", import_opts->file, "Indicator CSV")->required();
    import->callback([import_opts, &ctx] { ctx.action = [import_opts, &ctx] { return run_import(*import_opts, ctx); }; });

    auto list_opts = std::make_shared<list_options>();
    auto* list = indicator->add_subcommand("list", "Every indicator with its goal and how many values it has");
    add_format_option(*list, list_opts->format);
    list->callback([list_opts, &ctx] { ctx.action = [list_opts, &ctx] { return run_list(*list_opts, ctx); }; });

    auto progress_opts = std::make_shared<progress_options>();
    auto* progress = indicator->add_subcommand("progress", "Latest value, running total, % of goal, rate still needed, trend and RAG");
    progress->add_option("NAME", progress_opts->names, "Indicators to show (default: all)");
    add_format_option(*progress, progress_opts->format);
    progress->callback([progress_opts, &ctx] { ctx.action = [progress_opts, &ctx] { return run_progress(*progress_opts, ctx); }; });
}

}  // namespace carbontrack::cli
