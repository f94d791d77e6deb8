// An organisation's reporting boundary: the sources its inventory covers, each from the period it applies.
// One rule decides every period's total (total_of_period); summaries, progress, charts and reports all use it.
#pragma once

#include "carbontrack/inventory.hpp"
#include "carbontrack/period.hpp"
#include "carbontrack/units.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack {

// A source the inventory covers from `from` onwards (same period kind as the inventory).
struct boundary_source {
    std::string source;
    period from = calendar_year{1900};
    std::string note;
    std::size_t line = 0;  // where it was read, for messages; 0 when typed on the command line
};

// A boundary source that does not occur in one period ("no fleet in 2023/24: vehicles leased out"),
// recorded explicitly so the period can still be complete.
struct not_applicable_source {
    period when = calendar_year{1900};
    std::string source;
    std::string reason;
    std::string recorded_at;  // UTC, ISO-8601
};

struct reporting_boundary {
    std::vector<boundary_source> sources;  // in the order declared
    std::vector<not_applicable_source> not_applicable;

    bool declared() const { return !sources.empty(); }
    // The boundary sources in force for `when`, in declared order.
    std::vector<std::string> in_force(const period& when) const;
    bool is_not_applicable(const period& when, const std::string& source) const;
};

// How a period's total is known.
enum class total_basis {
    published,   // the period has a reported Total; its rows are the breakdown
    complete,    // no Total, and every boundary source in force has a row (or is marked not applicable)
    partial,     // no Total, and some boundary source in force has no row: the total is unknown
    undeclared,  // no boundary declared: the total is the sum of the rows
};
// "published", "complete", "partial" or "undeclared", as in JSON.
std::string_view to_string(total_basis basis);

struct period_total {
    std::optional<units::co2e_mass> total;  // unknown only when partial
    total_basis basis = total_basis::undeclared;
    std::vector<std::string> missing_sources;  // boundary sources in force with no row, in declared order
    units::co2e_mass components;               // the sum of the rows other than a reported Total

    // "published", "complete", "partial: no rows for Fleet, Business travel" or "boundary not declared".
    std::string description() const;
};

// The one total rule, for one organisation's rows of one period (`rows` may hold other periods; they
// are ignored). The decision is per period: a Total in another period never changes this one.
period_total total_of_period(const period& when, const std::vector<inventory_entry>& rows, const reporting_boundary& boundary);

// Reads a boundary CSV (source,from[,note]); throws import_errors listing every bad line.
std::vector<boundary_source> read_boundary_csv(const std::filesystem::path& file);

}  // namespace carbontrack
