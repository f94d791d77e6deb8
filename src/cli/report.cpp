// carbontrack report --period P --out FILE: the annual GHG report as HTML, Markdown or Excel, format
// from the extension. Reads the database only; the same database and options give the same bytes.
#include "cli/commands.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/report.hpp"

namespace carbontrack::cli {
namespace {

struct report_options {
    std::string period = "latest";
    std::string out;
    std::string title;
    std::string date;
    std::string release;
    std::string area;
    std::vector<std::string> comparators;
};

int run_report(const report_options& o, context& ctx) {
    report::format_for(o.out);  // a wrong extension fails before any work
    store db = ctx.open();
    const auto org = ctx.organisation_for(db, false);
    report::options chosen;
    if (o.period != "latest") chosen.when = parse_period(o.period);
    chosen.title = o.title;
    chosen.date = o.date;
    chosen.release = o.release;
    chosen.area = o.area;
    chosen.comparators = o.comparators;
    const auto doc = report::build(db, org, chosen);
    report::write(doc, o.out);
    ctx.out << "Wrote the " << doc.period << " report for " << org.name << " to " << o.out << " (inputs SHA-256 " << doc.inputs_sha256 << ")\n";
    return ok;
}

}  // namespace

void register_report(CLI::App& app, context& ctx) {
    auto opts = std::make_shared<report_options>();
    auto* report = app.add_subcommand("report", "Write the annual GHG report (.html, .md or .xlsx, from the file's extension)");
    report->footer(
        "Sections: summary, scopes and sources, what changed and why, targets, area, indicators, methodology.\n"
        "HTML is one self-contained file (inline CSS and SVG) that prints on A4; Markdown writes its charts as SVG files\n"
        "beside it; the workbook has one sheet per table. Without --date the report carries no date of its own: it says\n"
        "the figures run to the last day of the period, so the same database and options always give the same bytes.");
    const CLI::Validator period_or_latest(
        [](std::string& text) { return text == "latest" ? std::string() : period_problem(text); }, "PERIOD|latest", "period");
    report->add_option("--period", opts->period, "Financial year to report (2023/24), or latest (default): the latest period with data")
        ->check(period_or_latest);
    report->add_option("--out", opts->out, "Output file: .html, .md or .xlsx")->required();
    report->add_option("--title", opts->title, "Title (default: ORGANISATION: greenhouse gas emissions report PERIOD)");
    report->add_option("--date", opts->date, "Report date, YYYY-MM-DD (default: none; the figures' end date is shown)");
    report->add_option("--release", opts->release, "Area release for section 5 (default: the newest)");
    report->add_option("--area", opts->area, "Area for section 5: a code or name (default: the entity of the first area target)");
    report->add_option("--comparators", opts->comparators, "Authorities to compare the area with, CODE,... (default: the other county councils)")
        ->delimiter(',');
    report->callback([opts, &ctx] { ctx.action = [opts, &ctx] { return run_report(*opts, ctx); }; });
}

}  // namespace carbontrack::cli
