#include "carbontrack/check.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/restate.hpp"
#include "carbontrack/series.hpp"
#include "carbontrack/store.hpp"
#include "carbontrack/summary.hpp"

#include <algorithm>
#include <cmath>

namespace carbontrack {
namespace {

constexpr double emissions_tolerance = 1e-9;

bool within(double a, double b, double relative) { return std::abs(a - b) <= relative * std::max({std::abs(a), std::abs(b), 1e-300}); }

std::string describe(const organisation& org, const inventory_entry& e) {
    return org.name + ", " + e.when.label() + (e.scope ? " scope " + std::to_string(*e.scope) : std::string()) + " " + e.source +
           (e.factor ? " (" + e.factor->name + ")" : std::string());
}

class checker {
public:
    explicit checker(check_report& report) : report_(report) {}

    void start(const std::string& check) {
        report_.checks_run.push_back(check);
        check_ = check;
    }
    void fail(const std::string& message) { report_.findings.push_back({finding_level::failure, check_, message}); }
    void warn(const std::string& message) { report_.findings.push_back({finding_level::warning, check_, message}); }

private:
    check_report& report_;
    std::string check_;
};

// The row's factor must be stored with the row's value: the published one, or the revised value a
// recorded restatement moved the row to.
void check_factor(const store& db, const organisation& org, const inventory_entry& e, checker& c) {
    const auto published = db.factors_named(e.factor->year, e.factor->name);
    auto stored = std::find_if(published.begin(), published.end(),
                               [&](const factor_record& f) { return f.unit == e.factor->unit && f.is_co2e(); });
    if (stored == published.end()) {
        c.fail(describe(org, e) + ": its " + std::to_string(e.factor->year) + " factor per " + e.factor->unit + " is not in the factor table");
        return;
    }
    if (within(stored->kg_per_unit, e.factor->kg_co2e_per_unit, 1e-12)) return;
    if (e.restated && within(e.restated->restated_kg_co2e_per_unit, e.factor->kg_co2e_per_unit, 1e-12)) return;
    c.fail(describe(org, e) + ": computed with " + std::to_string(e.factor->kg_co2e_per_unit) + " kg CO2e per " + e.factor->unit +
           " but the stored factor is " + std::to_string(stored->kg_per_unit) + " and no restatement records the change");
}

void check_emissions(const organisation& org, const inventory_entry& e, checker& c) {
    try {
        const double expected = in(cost_with(e, e.factor->kg_co2e_per_unit), units::tonne_co2e);
        const double stored = in(e.emissions, units::tonne_co2e);
        if (!within(expected, stored, emissions_tolerance))
            c.fail(describe(org, e) + ": stored " + std::to_string(stored) + " tCO2e but activity x factor is " + std::to_string(expected) +
                   " tCO2e");
    } catch (const error& problem) {
        c.fail(describe(org, e) + ": " + problem.what());
    }
}

void check_totals(const organisation& org, const std::vector<inventory_entry>& entries, const reporting_boundary& boundary, checker& c) {
    for (const auto& s : summarise(entries, breakdown::source, boundary)) {
        const auto unattributed = s.unattributed();
        if (unattributed && in(*unattributed, units::tonne_co2e) < 0)
            c.warn(org.name + ", " + s.when.label() + ": the components add up to " + std::to_string(in(s.components_total, units::tonne_co2e)) +
                   " tCO2e, more than the reported total of " + std::to_string(in(*s.reported_total, units::tonne_co2e)) + " tCO2e");
    }
}

}  // namespace

bool check_report::failed() const { return count(finding_level::failure) > 0; }

std::size_t check_report::count(finding_level level) const {
    return static_cast<std::size_t>(std::count_if(findings.begin(), findings.end(), [&](const check_finding& f) { return f.level == level; }));
}

check_report check_database(store& db) {
    check_report report;
    checker c(report);
    c.start("integrity");
    for (const auto& problem : db.integrity_problems()) c.fail(problem);
    c.start("foreign keys");
    for (const auto& problem : db.foreign_key_problems()) c.fail(problem);

    const auto organisations = db.organisations();
    std::vector<std::pair<organisation, std::vector<inventory_entry>>> inventories;
    for (const auto& org : organisations) inventories.emplace_back(org, db.inventory(org.id));

    c.start("factors");
    for (const auto& [org, entries] : inventories)
        for (const auto& e : entries)
            if (e.factor) check_factor(db, org, e, c);
    c.start("emissions");
    for (const auto& [org, entries] : inventories)
        for (const auto& e : entries)
            if (e.factor) check_emissions(org, e, c);
    c.start("totals");
    for (const auto& [org, entries] : inventories) check_totals(org, entries, db.boundary(org.id), c);
    c.start("targets");
    for (const auto& org : organisations) {
        for (const auto& t : db.targets(org.id)) {
            try {
                load_series(db, org, t.entity(), t.series());
            } catch (const error& problem) {
                c.fail(org.name + ", target '" + t.name() + "': its series '" + t.series() + "' of '" + t.entity() + "' cannot be loaded: " +
                       problem.what());
            }
        }
    }
    return report;
}

}  // namespace carbontrack
