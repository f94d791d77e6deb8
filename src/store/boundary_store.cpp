// The reporting boundary as stored: one row per declared source with the period it applies from, and
// one per source marked not applicable in a period. Every write runs inside the command's audited change.
#include "carbontrack/error.hpp"
#include "store/connection.hpp"

namespace carbontrack {

using storage_errors::guarded;
using storage_keys::kind_from_key;
using storage_keys::kind_key;

import_result store::set_boundary(std::int64_t organisation_id, const std::vector<boundary_source>& sources, const std::string& input_file) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        import_result result;
        error_collector problems(input_file);
        // A boundary's periods must be of the inventory's kind, or no period would ever fall under it.
        SQLite::Statement kinds(impl_->db, "SELECT DISTINCT period_kind FROM inventory_row WHERE organisation_id = ?");
        kinds.bind(1, organisation_id);
        std::optional<period_kind> inventory_kind;
        if (kinds.executeStep()) inventory_kind = kind_from_key(kinds.getColumn(0).getString());
        SQLite::Statement existing(impl_->db, "SELECT from_kind, from_start, note FROM boundary_source WHERE organisation_id = ? AND source = ?");
        SQLite::Statement upsert(impl_->db,
                                 "INSERT INTO boundary_source (organisation_id, source, from_kind, from_start, note) VALUES (?, ?, ?, ?, ?) "
                                 "ON CONFLICT (organisation_id, source) DO UPDATE SET from_kind = excluded.from_kind, "
                                 "from_start = excluded.from_start, note = excluded.note");
        for (const auto& b : sources) {
            if (inventory_kind && b.from.kind() != *inventory_kind) {
                problems.add(b.line, b.from.label() + " is a " + std::string(to_string(b.from.kind())) +
                                         " but this organisation's inventory uses " + std::string(to_string(*inventory_kind)) + "s",
                             "from");
                continue;
            }
            existing.reset();
            existing.bind(1, organisation_id);
            existing.bind(2, b.source);
            if (existing.executeStep() && period::from_key(kind_from_key(existing.getColumn(0).getString()), existing.getColumn(1).getInt()) == b.from &&
                existing.getColumn(2).getString() == b.note) {
                ++result.unchanged;
                continue;
            }
            upsert.reset();
            upsert.bind(1, organisation_id);
            upsert.bind(2, b.source);
            upsert.bind(3, kind_key(b.from.kind()));
            upsert.bind(4, b.from.start_year());
            upsert.bind(5, b.note);
            upsert.exec();
            ++result.added;
        }
        problems.throw_if_any();
        tx.commit();
        return result;
    });
}

bool store::remove_boundary_source(std::int64_t organisation_id, const std::string& source) {
    return guarded(impl_->path, [&] {
        SQLite::Statement remove(impl_->db, "DELETE FROM boundary_source WHERE organisation_id = ? AND source = ?");
        remove.bind(1, organisation_id);
        remove.bind(2, source);
        return remove.exec() > 0;
    });
}

bool store::mark_not_applicable(std::int64_t organisation_id, const not_applicable_source& mark) {
    return guarded(impl_->path, [&] {
        SQLite::Statement insert(impl_->db,
                                 "INSERT INTO not_applicable_source (organisation_id, period_kind, period_start, source, reason, recorded_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
        insert.bind(1, organisation_id);
        insert.bind(2, kind_key(mark.when.kind()));
        insert.bind(3, mark.when.start_year());
        insert.bind(4, mark.source);
        insert.bind(5, mark.reason);
        insert.bind(6, mark.recorded_at.empty() ? utc_timestamp() : mark.recorded_at);
        return insert.exec() > 0;
    });
}

reporting_boundary store::boundary(std::int64_t organisation_id) const {
    return guarded(impl_->path, [&] {
        reporting_boundary result;
        SQLite::Statement sources(impl_->db, "SELECT source, from_kind, from_start, note FROM boundary_source WHERE organisation_id = ? ORDER BY id");
        sources.bind(1, organisation_id);
        while (sources.executeStep())
            result.sources.push_back({sources.getColumn(0).getString(),
                                      period::from_key(kind_from_key(sources.getColumn(1).getString()), sources.getColumn(2).getInt()),
                                      sources.getColumn(3).getString(), 0});
        SQLite::Statement marks(impl_->db,
                                "SELECT period_kind, period_start, source, reason, recorded_at FROM not_applicable_source WHERE organisation_id = ? "
                                "ORDER BY period_kind, period_start, source");
        marks.bind(1, organisation_id);
        while (marks.executeStep())
            result.not_applicable.push_back({period::from_key(kind_from_key(marks.getColumn(0).getString()), marks.getColumn(1).getInt()),
                                             marks.getColumn(2).getString(), marks.getColumn(3).getString(), marks.getColumn(4).getString()});
        return result;
    });
}

}  // namespace carbontrack
