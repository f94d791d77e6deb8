// The reporting boundary and the one total rule. A published Total is the period's figure; otherwise
// the rows add up to the total only when every boundary source in force is covered.
#include "carbontrack/boundary.hpp"

#include "carbontrack/error.hpp"
#include "io/csv_reader.hpp"
#include "text.hpp"

#include <algorithm>

namespace carbontrack {
namespace {

constexpr std::array<std::string_view, 3> boundary_columns{"source", "from", "note"};

bool applies_in(const boundary_source& b, const period& when) {
    return b.from.kind() == when.kind() && b.from.start_year() <= when.start_year();
}

}  // namespace

std::vector<std::string> reporting_boundary::in_force(const period& when) const {
    std::vector<std::string> names;
    for (const auto& b : sources)
        if (applies_in(b, when)) names.push_back(b.source);
    return names;
}

bool reporting_boundary::is_not_applicable(const period& when, const std::string& source) const {
    return std::any_of(not_applicable.begin(), not_applicable.end(),
                       [&](const not_applicable_source& n) { return n.when == when && n.source == source; });
}

std::string_view to_string(total_basis basis) {
    switch (basis) {
        case total_basis::published: return "published";
        case total_basis::complete: return "complete";
        case total_basis::partial: return "partial";
        case total_basis::undeclared: break;
    }
    return "undeclared";
}

std::string period_total::description() const {
    switch (basis) {
        case total_basis::published:
        case total_basis::complete: return std::string(to_string(basis));
        case total_basis::partial: {
            std::string text = "partial: no rows for ";
            for (std::size_t i = 0; i < missing_sources.size(); ++i) text += (i == 0 ? "" : ", ") + missing_sources[i];
            return text;
        }
        case total_basis::undeclared: break;
    }
    return "boundary not declared";
}

period_total total_of_period(const period& when, const std::vector<inventory_entry>& rows, const reporting_boundary& boundary) {
    period_total result;
    std::optional<units::co2e_mass> published;
    std::vector<std::string> sources_with_rows;
    for (const auto& e : rows) {
        if (!(e.when == when)) continue;
        if (e.is_reported_total()) {
            published = e.emissions;
            continue;
        }
        result.components += e.emissions;
        sources_with_rows.push_back(e.source);
    }
    if (published) {
        result.total = published;
        result.basis = total_basis::published;
        return result;
    }
    if (!boundary.declared()) {
        result.total = result.components;
        result.basis = total_basis::undeclared;
        return result;
    }
    for (const auto& source : boundary.in_force(when)) {
        const bool has_row = std::find(sources_with_rows.begin(), sources_with_rows.end(), source) != sources_with_rows.end();
        if (!has_row && !boundary.is_not_applicable(when, source)) result.missing_sources.push_back(source);
    }
    if (result.missing_sources.empty()) {
        result.total = result.components;
        result.basis = total_basis::complete;
    } else {
        // Summing what is there would count a source not yet entered as a cut in emissions.
        result.basis = total_basis::partial;
    }
    return result;
}

std::vector<boundary_source> read_boundary_csv(const std::filesystem::path& file) {
    csv::table_reader<3> reader(file, boundary_columns, 2);
    error_collector errors(reader.file_name());
    std::vector<boundary_source> sources;
    csv::table_reader<3>::row cells;
    while (reader.next(cells, errors)) {
        boundary_source b;
        b.line = reader.line();
        b.source = text::collapse_spaces(cells[0]);
        if (b.source.empty()) errors.add(b.line, "the source is empty", "source");
        else if (text::lower(b.source) == "total")
            errors.add(b.line, "'Total' is a reported total, not a source the boundary can cover", "source");
        if (auto from = try_parse_period(cells[1])) b.from = *from;
        else errors.add(b.line, period_problem(cells[1]), "from");
        if (reader.has(2)) b.note = text::trim(cells[2]);
        const bool repeated = std::any_of(sources.begin(), sources.end(), [&](const boundary_source& s) { return s.source == b.source; });
        if (repeated && !b.source.empty()) errors.add(b.line, "'" + b.source + "' is listed twice", "source");
        sources.push_back(std::move(b));
    }
    if (sources.empty() && errors.empty()) errors.add(1, "the file has a header but no rows");
    errors.throw_if_any();
    return sources;
}

}  // namespace carbontrack
