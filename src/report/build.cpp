#include "report/parts.hpp"

#include "carbontrack/error.hpp"

#include <algorithm>
#include <cstdio>

namespace carbontrack::report {
namespace {

bool not_after(period p, period last) { return p.kind() == last.kind() && p.start_year() <= last.start_year(); }

// "2024-09-30" as a real calendar day, or data_error.
date::year_month_day parse_day(const std::string& text) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    char tail = 0;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3)
        throw data_error("--date '" + text + "' is not a date of the form YYYY-MM-DD");
    const date::year_month_day day{date::year{y}, date::month{m}, date::day{d}};
    if (!day.ok()) throw data_error("--date '" + text + "' is not a day of the calendar");
    return day;
}

}  // namespace

period latest_period_with_data(const store& db, const organisation& org) {
    const auto entries = db.inventory(org.id);
    if (entries.empty()) throw data_error(org.name + " has no inventory rows; import them with 'carbontrack inventory import FILE'");
    const auto latest = std::max_element(entries.begin(), entries.end(), [](const inventory_entry& a, const inventory_entry& b) {
        return std::pair{static_cast<int>(a.when.kind()), a.when.start_year()} < std::pair{static_cast<int>(b.when.kind()), b.when.start_year()};
    });
    return latest->when;
}

document build(const store& db, const organisation& org, const options& chosen) {
    const period when = chosen.when ? *chosen.when : latest_period_with_data(db, org);
    inputs in{db, org, chosen, when, {}, db.boundary(org.id), {}, db.targets(org.id)};
    const auto all = db.inventory(org.id);
    std::copy_if(all.begin(), all.end(), std::back_inserter(in.entries), [&](const inventory_entry& e) { return not_after(e.when, when); });
    if (std::none_of(in.entries.begin(), in.entries.end(), [&](const inventory_entry& e) { return e.when == when; }))
        throw data_error(org.name + " has no inventory rows for " + when.label() + "; the latest period with data is " +
                         latest_period_with_data(db, org).label());
    for (int back = 4; back >= 0; --back) in.recent.push_back(when - date::years{back});

    document doc;
    doc.organisation = org.name;
    doc.period = when.label();
    doc.title = chosen.title.empty() ? org.name + ": greenhouse gas emissions report " + when.label() : chosen.title;
    doc.day = chosen.date.empty() ? date::sys_days{when.last_day()} : date::sys_days{parse_day(chosen.date)};
    doc.date_line = chosen.date.empty()
                        ? "Figures to " + long_date(when.last_day()) + " (the last day of the reporting period; no report date was given)"
                        : "Dated " + long_date(parse_day(chosen.date));

    const auto targets = assess_targets(in);
    std::string canonical = canonical_inputs(in);
    doc.sections.push_back(summary_section(in, targets));
    doc.sections.push_back(scopes_and_sources_section(in));
    doc.sections.push_back(what_changed_section(in));
    doc.sections.push_back(targets_section(in, targets));
    doc.sections.push_back(area_section(in, canonical));
    doc.sections.push_back(indicators_section(in));
    doc.sections.push_back(methodology_section(in));
    // Figures are numbered in reading order; the number names a chart's file beside a Markdown report.
    std::size_t figures = 0;
    for (auto& s : doc.sections)
        for (auto& b : s.blocks)
            if (auto* f = std::get_if<figure>(&b)) f->name = "figure-" + std::to_string(++figures);
    doc.inputs_sha256 = sha256_hex(canonical);
    doc.canonical_inputs = std::move(canonical);
    return doc;
}

}  // namespace carbontrack::report
