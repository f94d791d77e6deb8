// What an indicator input must satisfy before anything is stored: each definition on its own, then
// the batch together with what the organisation already holds, every problem at its line.
#include "carbontrack/indicator.hpp"

#include "carbontrack/error.hpp"

#include <map>
#include <tuple>

namespace carbontrack {
namespace {

struct known_definition {
    const indicator_definition* definition;
    bool stored;
};

std::string in_quotes(const std::string& name) { return "'" + name + "'"; }

}  // namespace

void validate(const indicator_definition& d, error_collector& errors) {
    const std::size_t line = d.input_line;
    if (d.name.empty()) errors.add(line, "the indicator name is empty", "indicator");
    if (d.kind == indicator_kind::ratio) {
        if (d.unit != "%") errors.add(line, "a ratio is a % share; its unit is '%' (the parts carry the units), not '" + d.unit + "'", "unit");
        if (d.numerator.empty() || d.denominator.empty())
            errors.add(line, "a ratio needs the numerator and denominator indicators it divides", d.numerator.empty() ? "numerator" : "denominator");
        else if (d.numerator == d.name || d.denominator == d.name || d.numerator == d.denominator)
            errors.add(line, "a ratio divides two other, different indicators", "numerator");
    } else {
        if (!d.numerator.empty() || !d.denominator.empty())
            errors.add(line, "only a ratio has a numerator and denominator; " + in_quotes(d.name) + " is a " + std::string(to_string(d.kind)),
                       "numerator");
        try {
            parse_indicator_unit(d.unit);
        } catch (const data_error& e) {
            errors.add(line, e.what(), "unit");
        }
    }
    if (d.goal && d.goal->deadline && d.goal->baseline) {
        if (d.goal->deadline->kind() != d.goal->baseline->kind())
            errors.add(line, "the deadline " + d.goal->deadline->label() + " and baseline " + d.goal->baseline->label() + " are different kinds of period",
                       "baseline");
        else if (!earlier(*d.goal->baseline, *d.goal->deadline))
            errors.add(line, "the baseline " + d.goal->baseline->label() + " must come before the deadline " + d.goal->deadline->label(), "baseline");
    }
}

void check_indicator_batch(const indicator_batch& incoming, const std::vector<indicator_definition>& stored_definitions,
                           const std::vector<indicator_value>& stored_values, error_collector& errors) {
    std::map<std::string, known_definition> known;
    for (const auto& d : stored_definitions) known.emplace(d.name, known_definition{&d, true});
    for (const auto& d : incoming.definitions) {
        auto [it, added] = known.emplace(d.name, known_definition{&d, false});
        if (added || d.same_content(*it->second.definition)) continue;
        errors.add(d.input_line, in_quotes(d.name) + " is already defined differently " +
                                     (it->second.stored ? std::string("in the database")
                                                        : "on line " + std::to_string(it->second.definition->input_line)) +
                                     "; carbontrack does not overwrite a definition");
    }

    for (const auto& d : incoming.definitions) {
        if (d.kind != indicator_kind::ratio || known.at(d.name).definition != &d) continue;
        const indicator_definition* parts[2] = {nullptr, nullptr};
        const std::string* names[2] = {&d.numerator, &d.denominator};
        for (int i = 0; i < 2; ++i) {
            auto it = known.find(*names[i]);
            if (it == known.end()) {
                errors.add(d.input_line, "the ratio's " + std::string(i == 0 ? "numerator " : "denominator ") + in_quotes(*names[i]) +
                                             " is not defined", i == 0 ? "numerator" : "denominator");
            } else if (it->second.definition->kind == indicator_kind::ratio) {
                errors.add(d.input_line, in_quotes(*names[i]) + " is itself a ratio; a ratio divides two amounts", i == 0 ? "numerator" : "denominator");
            } else {
                parts[i] = it->second.definition;
            }
        }
        if (!parts[0] || !parts[1]) continue;
        try {
            check_share_parts(parse_indicator_unit(parts[0]->unit), parse_indicator_unit(parts[1]->unit));
        } catch (const data_error& e) {
            errors.add(d.input_line, e.what(), "numerator");
        }
    }

    // One period kind per indicator: stored values set it, else its goal, else the first value read.
    std::map<std::string, period_kind> kinds;
    for (const auto& v : stored_values) kinds.emplace(v.indicator, v.when.kind());
    for (const auto& [name, entry] : known) {
        const auto& goal = entry.definition->goal;
        if (goal && goal->deadline) kinds.emplace(name, goal->deadline->kind());
        else if (goal && goal->baseline) kinds.emplace(name, goal->baseline->kind());
    }

    std::map<std::tuple<std::string, std::string, int, int>, const indicator_value*> seen;
    for (const auto& v : stored_values) seen.emplace(std::tuple{v.indicator, v.area, static_cast<int>(v.when.kind()), v.when.start_year()}, &v);
    std::map<std::tuple<std::string, std::string, int, int>, std::size_t> first_line;
    for (const auto& v : incoming.values) {
        const std::size_t line = v.input_line;
        auto it = known.find(v.indicator);
        if (it == known.end()) {
            errors.add(line, "unknown indicator " + in_quotes(v.indicator) + "; define it first (kind, unit and direction columns, or 'indicator define')",
                       "indicator");
            continue;
        }
        const auto& d = *it->second.definition;
        if (d.kind == indicator_kind::ratio) {
            errors.add(line, in_quotes(d.name) + " is a ratio computed from " + in_quotes(d.numerator) + " / " + in_quotes(d.denominator) +
                                 "; record those parts, not a percentage", "value");
            continue;
        }
        if (v.basis == value_basis::running_total && d.kind != indicator_kind::flow)
            errors.add(line, "only a flow has a running total; " + in_quotes(d.name) + " is a " + std::string(to_string(d.kind)), "basis");
        auto [kind, fresh] = kinds.emplace(v.indicator, v.when.kind());
        if (!fresh && kind->second != v.when.kind()) {
            errors.add(line, v.when.label() + " is a " + std::string(to_string(v.when.kind())) + " but " + in_quotes(d.name) + " uses " +
                                 std::string(to_string(kind->second)) + "s: a series has one period kind", "period");
            continue;
        }
        const auto key = std::tuple{v.indicator, v.area, static_cast<int>(v.when.kind()), v.when.start_year()};
        auto [earlier_row, first] = first_line.emplace(key, line);
        const std::string what = in_quotes(v.indicator) + (v.area.empty() ? "" : " for " + v.area) + " in " + v.when.label();
        if (!first) {
            errors.add(line, "duplicate value: " + what + " already appears on line " + std::to_string(earlier_row->second));
            continue;
        }
        if (auto stored = seen.find(key); stored != seen.end() && !stored->second->same_content(v)) {
            errors.add(line, what + " is already recorded with different figures (from " +
                                 (stored->second->input_file.empty() ? std::string("an earlier input") : stored->second->input_file) +
                                 "); carbontrack does not overwrite recorded values", "value");
        }
    }
}

}  // namespace carbontrack
