// Sections 1-3: the period's total and its changes, the scope and source tables over five periods,
// and what moved each source. Figures come from summarise() and split_change(), never recomputed.
#include "report/parts.hpp"

#include "carbontrack/chart_builders.hpp"
#include "carbontrack/plot.hpp"
#include "carbontrack/report_decomposition.hpp"
#include "carbontrack/series.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace carbontrack::report {
namespace {

const period_summary* find_summary(const std::vector<period_summary>& summaries, period p) {
    const auto it = std::find_if(summaries.begin(), summaries.end(), [&](const period_summary& s) { return s.when == p; });
    return it == summaries.end() ? nullptr : &*it;
}

std::optional<double> total_of(const period_summary* s) {
    if (!s) return std::nullopt;
    const auto total = s->total();
    return total ? std::optional<double>(tonnes(*total)) : std::nullopt;
}

std::string basis_of(const period_summary* s) { return s ? s->total_basis_text() : std::string("no data"); }

std::optional<double> percent_between(std::optional<double> from, std::optional<double> to) {
    if (!from || !to || *from == 0) return std::nullopt;
    return (*to - *from) / *from * 100.0;
}

std::optional<double> difference(std::optional<double> from, std::optional<double> to) {
    if (!from || !to) return std::nullopt;
    return *to - *from;
}

std::string line_key(const inventory_entry& e, breakdown by) { return by == breakdown::scope ? "Scope " + std::to_string(*e.scope) : e.source; }

// The lines, per period, holding a row `flagged` picks out: an estimated figure is shown "(est.)" and
// a restated one "(restated)" beside its line's figure.
template <class Predicate>
std::set<std::pair<int, std::string>> lines_with(const inputs& in, breakdown by, Predicate flagged) {
    std::set<std::pair<int, std::string>> marked;
    for (const auto& e : in.entries)
        if (flagged(e)) marked.insert({e.when.start_year(), e.is_reported_total() ? "Total" : line_key(e, by)});
    return marked;
}

constexpr std::string_view not_attributed = "Not attributed (reported total less recorded rows)";

table breakdown_table(const inputs& in, breakdown by, const std::vector<period_summary>& summaries) {
    const std::string what = by == breakdown::scope ? "scope" : "source";
    table t{by == breakdown::scope ? "By scope" : "By source",
            "Emissions by " + what + ", " + in.recent.front().label() + " to " + in.when.label() + " (tCO2e)", {}, {}, {}};
    t.columns.push_back({by == breakdown::scope ? "Scope" : "Source", "", false});
    for (const auto& p : in.recent) t.columns.push_back({p.label(), "tCO2e", true});
    const period previous = in.when - date::years{1};
    t.columns.push_back({"Change " + previous.label() + " to " + in.when.label(), "tCO2e", true});
    t.columns.push_back({"Change", "%", true});

    std::set<std::string> keys;
    bool any_reported = false;
    bool any_partial = false;
    for (const auto& p : in.recent)
        if (const auto* s = find_summary(summaries, p)) {
            for (const auto& line : s->lines) keys.insert(line.key);
            any_reported = any_reported || s->reported_total.has_value();
            any_partial = any_partial || s->basis() == total_basis::partial;
        }
    const auto estimated = lines_with(in, by, [](const inventory_entry& e) { return e.quality == quality_flag::estimated; });
    const auto restated = lines_with(in, by, [](const inventory_entry& e) { return e.restated.has_value(); });
    auto value_in = [&](const period_summary* s, const std::string& key) -> std::optional<double> {
        if (!s) return std::nullopt;
        for (const auto& line : s->lines)
            if (line.key == key) return tonnes(line.emissions);
        return std::nullopt;
    };
    auto figure_cell = [&](period p, const period_summary* s, std::optional<double> value, const std::string& key) {
        if (!s) return text_cell("no data");
        if (!value) return text_cell("none recorded");
        auto c = number_cell(value);
        if (estimated.contains({p.start_year(), key})) c.text += " (est.)";
        if (restated.contains({p.start_year(), key})) c.text += " (restated)";
        return c;
    };
    auto add_row = [&](const std::string& label, auto&& value_of) {
        std::vector<cell> row{text_cell(label)};
        for (const auto& p : in.recent) {
            const auto* s = find_summary(summaries, p);
            row.push_back(figure_cell(p, s, value_of(s), label));
        }
        const auto before = value_of(find_summary(summaries, previous));
        const auto now = value_of(find_summary(summaries, in.when));
        row.push_back(signed_cell(difference(before, now)));
        row.push_back(percent_cell(percent_between(before, now)));
        t.rows.push_back(std::move(row));
    };
    for (const auto& key : keys) add_row(key, [&](const period_summary* s) { return value_in(s, key); });
    if (any_reported)
        add_row(std::string(not_attributed), [](const period_summary* s) -> std::optional<double> {
            if (!s || !s->unattributed()) return std::nullopt;
            return tonnes(*s->unattributed());
        });
    std::vector<cell> total{text_cell("Total")};
    std::vector<cell> basis{text_cell("Basis of the total")};
    for (const auto& p : in.recent) {
        const auto* s = find_summary(summaries, p);
        auto c = s && !s->total() ? text_cell("not known (partial)") : figure_cell(p, s, total_of(s), "Total");
        total.push_back(std::move(c));
        basis.push_back(text_cell(basis_of(s)));
    }
    const auto before = total_of(find_summary(summaries, previous));
    const auto now = total_of(find_summary(summaries, in.when));
    total.push_back(signed_cell(difference(before, now)));
    total.push_back(percent_cell(percent_between(before, now)));
    basis.push_back(text_cell(""));
    basis.push_back(text_cell(""));
    t.rows.push_back(std::move(total));
    t.rows.push_back(std::move(basis));

    t.notes.push_back("\u201cno data\u201d: nothing is recorded for the period (missing, not zero). \u201cnone recorded\u201d: the period has "
                      "data but no row for this " + what + ". \u201c(est.)\u201d: the figure includes a value flagged estimated.");
    if (!restated.empty())
        t.notes.push_back("\u201c(restated)\u201d: the figure includes a row restated with a revised factor set; section 7 lists each with "
                          "the figure first reported and the reason.");
    if (any_reported)
        t.notes.push_back("A period with a published total takes that figure; its rows are its breakdown and a published total is never "
                          "added to them.");
    if (any_partial)
        t.notes.push_back("A period without a published total whose reporting boundary names a source with no rows is partial: its total "
                          "is not known, because adding up the sources entered would count the missing ones as cuts.");
    return t;
}

// The five periods' sources as a stacked bar chart, with reported totals standing as published.
std::optional<chart::spec> sources_figure(const inputs& in, const std::vector<period_summary>& summaries) {
    std::vector<period_summary> shown;
    for (const auto& p : in.recent)
        if (const auto* s = find_summary(summaries, p)) shown.push_back(*s);
    if (shown.empty()) return std::nullopt;
    auto spec = plot::sources_chart(shown, in.org.name, breakdown::source);
    // The headline compares totals only where both are known: a partial year's bar is no total.
    const auto now = total_of(find_summary(summaries, in.when));
    const period previous = in.when - date::years{1};
    const auto before = total_of(find_summary(summaries, previous));
    spec.subtitle = in.when.label() + " total: " + (now ? number_text(*now, 0) + " tCO2e" : std::string("not known"));
    if (now && before) spec.subtitle += ", " + signed_percent_text(*percent_between(before, now)) + " on " + previous.label();
    else spec.subtitle += " (" + previous.label() + " has no known total)";
    if (std::any_of(shown.begin(), shown.end(), [](const period_summary& s) { return s.basis() == total_basis::partial; }))
        spec.subtitle += "\nA partial year shows its recorded sources only";
    return spec;
}

std::vector<inventory_entry> rows_of(const inputs& in, period p) {
    std::vector<inventory_entry> rows;
    std::copy_if(in.entries.begin(), in.entries.end(), std::back_inserter(rows), [&](const inventory_entry& e) { return e.when == p; });
    return rows;
}

}  // namespace

section summary_section(const inputs& in, const std::vector<assessed_target>& targets) {
    section s{"1. Summary", {}};
    const auto summaries = summarise(in.entries, breakdown::scope, in.boundary);
    const auto* now = find_summary(summaries, in.when);
    const auto total = total_of(now);
    const period previous = in.when - date::years{1};

    std::string opening = "In " + in.when.label() + " (" + long_date(in.when.first_day()) + " to " + long_date(in.when.last_day()) +
                          ") the greenhouse gas emissions of " + in.org.name + "'s own operations were ";
    if (total) opening += number_text(*total) + " tCO2e (" + basis_of(now) + ").";
    else opening += "not known as a total: only part of the period's emissions is recorded and no total was reported.";
    if (now && now->unattributed())
        opening += " The recorded rows account for " + number_text(tonnes(now->components_total)) + " tCO2e of the reported total; " +
                   number_text(tonnes(*now->unattributed())) + " tCO2e is not attributed to a recorded source.";
    s.blocks.push_back(paragraph{opening});

    table headline{"Summary", "The period's total against the previous period and each baseline", {}, {}, {}};
    headline.columns = {{"Compared with", "", false},
                        {"Period", "", false},
                        {"Emissions", "tCO2e", true},
                        {"Basis", "", false},
                        {"Change to " + in.when.label(), "tCO2e", true},
                        {"Change", "%", true}};
    auto compare_row = [&](const std::string& label, period p, std::optional<double> value, const std::string& basis) {
        headline.rows.push_back({text_cell(label), text_cell(p.label()), number_cell(value, 1, "not known"), text_cell(basis),
                                 signed_cell(difference(value, total)), percent_cell(percent_between(value, total))});
    };
    headline.rows.push_back({text_cell("This period"), text_cell(in.when.label()), number_cell(total, 1, "not known"), text_cell(basis_of(now)),
                             text_cell(""), text_cell("")});
    compare_row("Previous period", previous, total_of(find_summary(summaries, previous)), basis_of(find_summary(summaries, previous)));
    std::set<int> baselines_shown;
    for (const auto& t : in.targets) {
        if (t.entity() != own_operations_entity || t.series() != "total" || !baselines_shown.insert(t.baseline().start_year()).second) continue;
        const auto* base = find_summary(summaries, t.baseline());
        std::optional<double> value = total_of(base);
        std::string basis = basis_of(base);
        if (!value && t.baseline_value() && std::holds_alternative<units::co2e_mass>(*t.baseline_value())) {
            value = tonnes(std::get<units::co2e_mass>(*t.baseline_value()));
            basis = "given by the target";
        }
        compare_row("Baseline of \u201c" + t.name() + "\u201d", t.baseline(), value, value ? basis : "missing baseline: " + basis);
    }
    headline.notes.push_back("\u201cnot known\u201d: the period has no reported total and only part of its emissions recorded, or no data; "
                             "a missing figure is never taken as zero.");
    s.blocks.push_back(std::move(headline));

    std::set<std::string> estimated;
    for (const auto& e : in.entries)
        if (e.when == in.when && e.quality == quality_flag::estimated) estimated.insert(e.is_reported_total() ? "the reported total" : e.source);
    if (!estimated.empty()) {
        std::string list;
        for (const auto& name : estimated) list += (list.empty() ? "" : ", ") + name;
        s.blocks.push_back(paragraph{"Estimated values in " + in.when.label() + ": " + list + " (flagged \u201c(est.)\u201d in section 2)."});
    }

    if (targets.empty()) {
        s.blocks.push_back(paragraph{"No targets are recorded for " + in.org.name + "."});
    } else {
        bullet_list rag;
        for (const auto& a : targets) rag.items.push_back(rag_sentence(a));
        s.blocks.push_back(paragraph{"Targets (RAG rule in section 7):"});
        s.blocks.push_back(std::move(rag));
    }
    return s;
}

section scopes_and_sources_section(const inputs& in) {
    section s{"2. Scopes and sources", {}};
    s.blocks.push_back(paragraph{"The last five financial years to " + in.when.label() +
                                 ", by GHG Protocol scope and by source. Every year is shown, including years with no data."});
    s.blocks.push_back(breakdown_table(in, breakdown::scope, summarise(in.entries, breakdown::scope, in.boundary)));
    const auto by_source = summarise(in.entries, breakdown::source, in.boundary);
    s.blocks.push_back(breakdown_table(in, breakdown::source, by_source));
    if (auto chart = sources_figure(in, by_source)) s.blocks.push_back(figure{"", "Emissions by source, " + in.recent.front().label() + " to " + in.when.label(), *chart, false});
    return s;
}

section what_changed_section(const inputs& in) {
    section s{"3. What changed and why", {}};
    const period previous = in.when - date::years{1};
    const auto before = rows_of(in, previous);
    const auto after = rows_of(in, in.when);
    if (before.empty()) {
        s.blocks.push_back(paragraph{"No inventory data is recorded for " + previous.label() + ", so the change from " + previous.label() +
                                     " to " + in.when.label() + " cannot be shown or explained."});
        return s;
    }
    const auto changes = split_change(before, after);
    s.blocks.push_back(paragraph{
        "For each source, the change from " + previous.label() + " to " + in.when.label() +
        " is split into an activity effect (more or less energy, fuel, travel or water) and a factor effect (the DESNZ factor moved between the " +
        std::to_string(previous.factor_year()) + " and " + std::to_string(in.when.factor_year()) +
        " factor sets). For each activity row recorded in both years, with activity a and factor f, the change a\u2081f\u2081 \u2212 a\u2080f\u2080 is "
        "split symmetrically: activity effect (a\u2081 \u2212 a\u2080)(f\u2080 + f\u2081)/2, factor effect (f\u2081 \u2212 f\u2080)(a\u2080 + a\u2081)/2. The two sum "
        "exactly to the change, and neither depends on which year is taken first. Figures given directly in tCO2e, and rows recorded in only one "
        "of the two years, have no factor to hold constant: they go wholly to \u201cother\u201d, never to activity."});

    table t{"What changed", "Change by source from " + previous.label() + " to " + in.when.label() + " (tCO2e)", {}, {}, {}};
    t.columns = {{"Source", "", false},
                 {previous.label(), "tCO2e", true},
                 {in.when.label(), "tCO2e", true},
                 {"Change", "tCO2e", true},
                 {"Activity effect", "tCO2e", true},
                 {"Factor effect", "tCO2e", true},
                 {"Other (tCO2e figures, rows in one year)", "tCO2e", true}};
    units::co2e_mass change, activity, factor, other;
    std::set<std::string> reasons;
    for (const auto& c : changes) {
        t.rows.push_back({text_cell(c.source), number_cell(c.from ? std::optional(tonnes(*c.from)) : std::nullopt, 1, "none recorded"),
                          number_cell(c.to ? std::optional(tonnes(*c.to)) : std::nullopt, 1, "none recorded"), signed_cell(tonnes(c.change)),
                          signed_cell(tonnes(c.activity_effect)), signed_cell(tonnes(c.factor_effect)), signed_cell(tonnes(c.other))});
        change += c.change;
        activity += c.activity_effect;
        factor += c.factor_effect;
        other += c.other;
        reasons.insert(c.other_reasons.begin(), c.other_reasons.end());
    }
    const auto summaries = summarise(in.entries, breakdown::source, in.boundary);
    const auto* then_summary = find_summary(summaries, previous);
    const auto* now_summary = find_summary(summaries, in.when);
    t.rows.push_back({text_cell("All recorded sources"), number_cell(then_summary ? std::optional(tonnes(then_summary->components_total)) : std::nullopt),
                      number_cell(now_summary ? std::optional(tonnes(now_summary->components_total)) : std::nullopt), signed_cell(tonnes(change)),
                      signed_cell(tonnes(activity)), signed_cell(tonnes(factor)), signed_cell(tonnes(other))});
    const bool both_reported = then_summary && now_summary && then_summary->reported_total && now_summary->reported_total;
    if (both_reported) {
        const auto moved = *now_summary->unattributed() - *then_summary->unattributed();
        t.rows.push_back({text_cell(std::string(not_attributed)), number_cell(tonnes(*then_summary->unattributed())),
                          number_cell(tonnes(*now_summary->unattributed())), signed_cell(tonnes(moved)), signed_cell(0.0), signed_cell(0.0),
                          signed_cell(tonnes(moved))});
    }
    const auto total_then = total_of(then_summary);
    const auto total_now = total_of(now_summary);
    if (total_then && total_now) {
        const double moved = *total_now - *total_then;
        t.rows.push_back({text_cell("Total"), number_cell(total_then), number_cell(total_now), signed_cell(moved), signed_cell(tonnes(activity)),
                          signed_cell(tonnes(factor)), signed_cell(moved - tonnes(activity) - tonnes(factor))});
    } else {
        t.notes.push_back("The change in the total is not known: " + (total_then ? in.when.label() : previous.label()) +
                          " has no reported total and only part of its emissions recorded. The table explains the recorded sources only.");
    }
    t.notes.push_back("Change = activity effect + factor effect + other, for every row (figures are rounded separately, so a row may differ by 0.1).");
    for (const auto& r : reasons) t.notes.push_back("Other: " + r + ".");
    s.blocks.push_back(std::move(t));
    return s;
}

}  // namespace carbontrack::report
