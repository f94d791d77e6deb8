#include "carbontrack/error.hpp"
#include "store/connection.hpp"

namespace carbontrack {

using storage_errors::guarded;
using storage_keys::kind_from_key;
using storage_keys::kind_key;

namespace {

constexpr const char* entry_columns =
    "period_kind, period_start, scope, source, activity_amount, activity_unit, factor_year, factor_name, factor_unit, "
    "factor_kg_co2e_per_unit, factor_source, emissions_kg_co2e, quality, note, source_url, input_file, ifnull(input_line, 0), "
    "restatement_id, restatement_reason, restatement_applied_at, first_reported_kg_co2e, first_reported_factor_kg_co2e_per_unit, "
    "restated_factor_kg_co2e_per_unit";
// Rows with the mark of their latest restatement, if any (migration 5).
constexpr const char* entry_source = "inventory_row LEFT JOIN restated_inventory_row ON restated_row_id = inventory_row.id";

inventory_entry read_entry(SQLite::Statement& row) {
    inventory_entry e;
    e.when = period::from_key(kind_from_key(row.getColumn(0).getString()), row.getColumn(1).getInt());
    if (!row.getColumn(2).isNull()) e.scope = row.getColumn(2).getInt();
    e.source = row.getColumn(3).getString();
    if (!row.getColumn(4).isNull()) {
        e.activity_amount = row.getColumn(4).getDouble();
        e.activity_unit = row.getColumn(5).getString();
        e.factor = factor_provenance{row.getColumn(6).getInt(), row.getColumn(7).getString(), row.getColumn(8).getString(),
                                     row.getColumn(9).getDouble(), row.getColumn(10).getString()};
    }
    e.emissions = row.getColumn(11).getDouble() * units::kilogram_co2e;
    e.quality = parse_quality(row.getColumn(12).getString()).value_or(quality_flag::unspecified);
    e.note = row.getColumn(13).getString();
    e.source_url = row.getColumn(14).getString();
    e.input_file = row.getColumn(15).getString();
    e.input_line = static_cast<std::size_t>(row.getColumn(16).getInt64());
    if (!row.getColumn(17).isNull())
        e.restated = restatement_mark{row.getColumn(17).getInt64(), row.getColumn(18).getString(), row.getColumn(19).getString(),
                                      row.getColumn(20).getDouble() * units::kilogram_co2e, row.getColumn(21).getDouble(),
                                      row.getColumn(22).getDouble()};
    return e;
}

void bind_entry(SQLite::Statement& insert, std::int64_t organisation_id, const inventory_entry& e) {
    insert.bind(1, organisation_id);
    insert.bind(2, kind_key(e.when.kind()));
    insert.bind(3, e.when.start_year());
    if (e.scope) insert.bind(4, *e.scope);
    else insert.bind(4);
    insert.bind(5, e.source);
    if (e.factor && e.activity_amount) {
        insert.bind(6, *e.activity_amount);
        insert.bind(7, e.activity_unit);
        insert.bind(8, e.factor->year);
        insert.bind(9, e.factor->name);
        insert.bind(10, e.factor->unit);
        insert.bind(11, e.factor->kg_co2e_per_unit);
        insert.bind(12, e.factor->source);
    } else {
        for (int i = 6; i <= 12; ++i) insert.bind(i);
    }
    insert.bind(13, in(e.emissions, units::kilogram_co2e));
    insert.bind(14, std::string(to_string(e.quality)));
    insert.bind(15, e.note);
    insert.bind(16, e.source_url);
    insert.bind(17, e.input_file);
    insert.bind(18, static_cast<std::int64_t>(e.input_line));
}

}  // namespace

import_result store::add_inventory(std::int64_t organisation_id, const std::vector<inventory_entry>& entries) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        import_result result;
        const std::string file = entries.empty() ? std::string() : entries.front().input_file;
        error_collector conflicts(file);

        // A series has one period kind: an organisation's inventory is all financial or all calendar years.
        SQLite::Statement kinds(impl_->db, "SELECT DISTINCT period_kind FROM inventory_row WHERE organisation_id = ?");
        kinds.bind(1, organisation_id);
        std::optional<period_kind> stored_kind;
        if (kinds.executeStep()) stored_kind = kind_from_key(kinds.getColumn(0).getString());

        SQLite::Statement existing(impl_->db, std::string("SELECT ") + entry_columns + " FROM " + entry_source +
                                                  " WHERE organisation_id = ? AND period_kind = ? AND period_start = ?"
                                                  " AND ifnull(scope, 0) = ? AND source = ? AND ifnull(factor_name, '') = ?");
        SQLite::Statement insert(impl_->db,
                                 "INSERT INTO inventory_row (organisation_id, period_kind, period_start, scope, source, activity_amount, "
                                 "activity_unit, factor_year, factor_name, factor_unit, factor_kg_co2e_per_unit, factor_source, "
                                 "emissions_kg_co2e, quality, note, source_url, input_file, input_line) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (const auto& e : entries) {
            if (!stored_kind) stored_kind = e.when.kind();
            if (e.when.kind() != *stored_kind) {
                conflicts.add(e.input_line, e.when.label() + " is a " + std::string(to_string(e.when.kind())) + " but this organisation's inventory uses " +
                                                std::string(to_string(*stored_kind)) + "s",
                              "period");
                continue;
            }
            existing.reset();
            existing.bind(1, organisation_id);
            existing.bind(2, kind_key(e.when.kind()));
            existing.bind(3, e.when.start_year());
            existing.bind(4, e.scope.value_or(0));
            existing.bind(5, e.source);
            existing.bind(6, e.factor ? e.factor->name : std::string());
            if (existing.executeStep()) {
                const auto stored = read_entry(existing);
                if (stored.same_content(e) || as_first_reported(stored).same_content(e)) {
                    ++result.unchanged;
                } else {
                    conflicts.add(e.input_line, e.when.label() + " " + e.source + " is already recorded with different figures (from " +
                                                    (stored.input_file.empty() ? std::string("an earlier import") : stored.input_file) +
                                                    "); carbontrack does not overwrite reported figures");
                }
                continue;
            }
            insert.reset();
            bind_entry(insert, organisation_id, e);
            insert.exec();
            ++result.added;
        }
        conflicts.throw_if_any();
        tx.commit();
        return result;
    });
}

std::vector<inventory_entry> store::inventory(std::int64_t organisation_id, std::optional<period> only) const {
    return guarded(impl_->path, [&] {
        std::vector<inventory_entry> result;
        SQLite::Statement query(impl_->db, std::string("SELECT ") + entry_columns + " FROM " + entry_source +
                                               " WHERE organisation_id = ?1"
                                               " AND (?2 IS NULL OR (period_kind = ?2 AND period_start = ?3))"
                                               " ORDER BY period_kind, period_start, ifnull(scope, 0), source, ifnull(factor_name, '')");
        query.bind(1, organisation_id);
        if (only) {
            query.bind(2, kind_key(only->kind()));
            query.bind(3, only->start_year());
        }
        while (query.executeStep()) result.push_back(read_entry(query));
        return result;
    });
}

}  // namespace carbontrack
