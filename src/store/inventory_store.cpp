// The own-operations inventory as stored. An import adds new rows, counts unchanged ones (including a
// row as first reported before a correction), skips tombstones with their reason, and refuses a changed
// figure, naming the stored row and the command that would change it.
#include "carbontrack/audit.hpp"
#include "carbontrack/error.hpp"
#include "store/connection.hpp"
#include "store/inventory_columns.hpp"

namespace carbontrack {

using storage_errors::guarded;
using storage_keys::kind_from_key;
using storage_keys::kind_key;

namespace inventory_columns {

const char* const columns =
    "inventory_row.id, period_kind, period_start, scope, source, site, activity_amount, activity_unit, factor_year, factor_name, factor_unit, "
    "factor_kg_co2e_per_unit, factor_source, emissions_kg_co2e, quality, note, source_url, input_file, ifnull(input_line, 0), "
    "restatement_id, restatement_reason, restatement_applied_at, first_reported_kg_co2e, first_reported_factor_kg_co2e_per_unit, "
    "restated_factor_kg_co2e_per_unit, corrected_at, correction_reason";
// Rows with the mark of their latest restatement (migration 5) and latest correction (migration 7), if any.
const char* const source =
    "inventory_row LEFT JOIN restated_inventory_row ON restated_row_id = inventory_row.id "
    "LEFT JOIN corrected_inventory_row ON corrected_row_id = inventory_row.id";

const char* const insert_columns =
    "organisation_id, period_kind, period_start, scope, source, site, activity_amount, activity_unit, factor_year, factor_name, factor_unit, "
    "factor_kg_co2e_per_unit, factor_source, emissions_kg_co2e, quality, note, source_url, input_file, input_line";

inventory_entry read_fields(SQLite::Statement& row) {
    inventory_entry e;
    e.id = row.getColumn(0).getInt64();
    e.when = period::from_key(kind_from_key(row.getColumn(1).getString()), row.getColumn(2).getInt());
    if (!row.getColumn(3).isNull()) e.scope = row.getColumn(3).getInt();
    e.source = row.getColumn(4).getString();
    e.site = row.getColumn(5).getString();
    if (!row.getColumn(6).isNull()) {
        e.activity_amount = row.getColumn(6).getDouble();
        e.activity_unit = row.getColumn(7).getString();
        e.factor = factor_provenance{row.getColumn(8).getInt(), row.getColumn(9).getString(), row.getColumn(10).getString(),
                                     row.getColumn(11).getDouble(), row.getColumn(12).getString()};
    }
    e.emissions = row.getColumn(13).getDouble() * units::kilogram_co2e;
    e.quality = parse_quality(row.getColumn(14).getString()).value_or(quality_flag::unspecified);
    e.note = row.getColumn(15).getString();
    e.source_url = row.getColumn(16).getString();
    e.input_file = row.getColumn(17).getString();
    e.input_line = static_cast<std::size_t>(row.getColumn(18).getInt64());
    return e;
}

inventory_entry read_entry(SQLite::Statement& row) {
    inventory_entry e = read_fields(row);
    if (!row.getColumn(19).isNull())
        e.restated = restatement_mark{row.getColumn(19).getInt64(), row.getColumn(20).getString(), row.getColumn(21).getString(),
                                      row.getColumn(22).getDouble() * units::kilogram_co2e, row.getColumn(23).getDouble(),
                                      row.getColumn(24).getDouble()};
    if (!row.getColumn(25).isNull())
        e.corrected = correction_mark{row.getColumn(25).getString(), row.getColumn(26).getString()};
    return e;
}

void bind_entry(SQLite::Statement& statement, std::int64_t organisation_id, const inventory_entry& e) {
    statement.bind(1, organisation_id);
    statement.bind(2, kind_key(e.when.kind()));
    statement.bind(3, e.when.start_year());
    if (e.scope) statement.bind(4, *e.scope);
    else statement.bind(4);
    statement.bind(5, e.source);
    statement.bind(6, e.site);
    if (e.factor && e.activity_amount) {
        statement.bind(7, *e.activity_amount);
        statement.bind(8, e.activity_unit);
        statement.bind(9, e.factor->year);
        statement.bind(10, e.factor->name);
        statement.bind(11, e.factor->unit);
        statement.bind(12, e.factor->kg_co2e_per_unit);
        statement.bind(13, e.factor->source);
    } else {
        for (int i = 7; i <= 13; ++i) statement.bind(i);
    }
    statement.bind(14, in(e.emissions, units::kilogram_co2e));
    statement.bind(15, std::string(to_string(e.quality)));
    statement.bind(16, e.note);
    statement.bind(17, e.source_url);
    statement.bind(18, e.input_file);
    statement.bind(19, static_cast<std::int64_t>(e.input_line));
}

void bind_identity(SQLite::Statement& statement, int first, const inventory_entry& e) {
    statement.bind(first, kind_key(e.when.kind()));
    statement.bind(first + 1, e.when.start_year());
    statement.bind(first + 2, e.scope.value_or(0));
    statement.bind(first + 3, e.source);
    statement.bind(first + 4, e.site);
    statement.bind(first + 5, e.factor ? e.factor->name : std::string());
}

std::string identity_condition(int first) {
    auto p = [first](int offset) { return "?" + std::to_string(first + offset); };
    return "period_kind = " + p(0) + " AND period_start = " + p(1) + " AND ifnull(scope, 0) = " + p(2) + " AND source = " + p(3) +
           " AND site = " + p(4) + " AND ifnull(factor_name, '') = " + p(5);
}

}  // namespace inventory_columns

namespace {

using namespace inventory_columns;

std::string describe_row(const inventory_entry& e) {
    return e.when.label() + " " + e.source + (e.site.empty() ? std::string() : " at " + e.site) + (e.factor ? " (" + e.factor->name + ")" : "");
}

std::string day_of(const std::string& timestamp) { return timestamp.substr(0, 10); }

// The command that changes the stored row `id` to the figures `wanted` carries.
std::string correct_command(const std::string& organisation, std::int64_t id, const inventory_entry& wanted) {
    std::vector<std::string> words{"carbontrack", "--org", organisation, "inventory", "correct", std::to_string(id)};
    if (wanted.activity_amount) {
        char amount[64];
        std::snprintf(amount, sizeof amount, "%.15g", *wanted.activity_amount);
        words.insert(words.end(), {"--activity", std::string(amount) + " " + wanted.activity_unit});
    } else {
        char tonnes[64];
        std::snprintf(tonnes, sizeof tonnes, "%.15g", in(wanted.emissions, units::tonne_co2e));
        words.insert(words.end(), {"--tco2e", tonnes});
    }
    words.insert(words.end(), {"--reason", "WHY"});
    std::vector<const char*> argv;
    for (const auto& w : words) argv.push_back(w.c_str());
    return quoted_command_line(static_cast<int>(argv.size()), argv.data());
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
        SQLite::Statement name_query(impl_->db, "SELECT name FROM organisation WHERE id = ?");
        name_query.bind(1, organisation_id);
        const std::string organisation_name = name_query.executeStep() ? name_query.getColumn(0).getString() : std::string();

        SQLite::Statement existing(impl_->db, std::string("SELECT ") + columns + ", ifnull(removed_at, ''), ifnull(removed_reason, '') FROM " + source +
                                                  " WHERE organisation_id = ?1 AND " + identity_condition(2));
        // Earlier versions with this identity: a row corrected since (maybe to another identity) matches its original.
        SQLite::Statement versions(impl_->db,
                                   "SELECT v.inventory_row_id, v.period_kind, v.period_start, v.scope, v.source, v.site, v.activity_amount, v.activity_unit, "
                                   "v.factor_year, v.factor_name, v.factor_unit, v.factor_kg_co2e_per_unit, v.factor_source, v.emissions_kg_co2e, "
                                   "v.quality, v.note, v.source_url, v.input_file, ifnull(v.input_line, 0), ifnull(r.removed_at, ''), "
                                   "ifnull(r.removed_reason, '') FROM inventory_row_version v JOIN inventory_row r ON r.id = v.inventory_row_id "
                                   "WHERE r.organisation_id = ?1 AND v.period_kind = ?2 AND v.period_start = ?3 AND ifnull(v.scope, 0) = ?4 "
                                   "AND v.source = ?5 AND v.site = ?6 AND ifnull(v.factor_name, '') = ?7");
        SQLite::Statement insert(impl_->db, std::string("INSERT INTO inventory_row (") + insert_columns +
                                                ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        auto skip_removed = [&](const inventory_entry& e, std::int64_t id, const std::string& at, const std::string& reason) {
            result.skipped.push_back(describe_row(e) + " (row " + std::to_string(id) + "): removed on " + day_of(at) + " (" + reason + ")");
        };
        // True when `e` is an earlier version of a stored row (then counted or skipped, never added).
        auto matches_earlier_version = [&](const inventory_entry& e) {
            versions.reset();
            versions.bind(1, organisation_id);
            bind_identity(versions, 2, e);
            while (versions.executeStep()) {
                const auto version = read_fields(versions);
                if (!version.same_content(e)) continue;
                const std::string removed_at = versions.getColumn(19).getString();
                if (removed_at.empty()) ++result.unchanged;
                else skip_removed(e, version.id, removed_at, versions.getColumn(20).getString());
                return true;
            }
            return false;
        };
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
            bind_identity(existing, 2, e);
            if (existing.executeStep()) {
                const auto stored = read_entry(existing);
                const std::string removed_at = existing.getColumn(27).getString();
                if (!removed_at.empty()) {
                    skip_removed(e, stored.id, removed_at, existing.getColumn(28).getString());
                } else if (stored.same_content(e) || as_first_reported(stored).same_content(e)) {
                    ++result.unchanged;
                } else if (!matches_earlier_version(e)) {
                    conflicts.add(e.input_line, describe_row(e) + " is already recorded with different figures as row " + std::to_string(stored.id) +
                                                    " (from " + (stored.input_file.empty() ? std::string("an earlier import") : stored.input_file) +
                                                    "); carbontrack does not overwrite reported figures. To change it: " +
                                                    correct_command(organisation_name, stored.id, e));
                }
                continue;
            }
            if (matches_earlier_version(e)) continue;
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
        // Removed rows are tombstones: kept for re-imports and history, never in a total.
        SQLite::Statement query(impl_->db, std::string("SELECT ") + columns + " FROM " + source +
                                               " WHERE organisation_id = ?1 AND removed_at IS NULL"
                                               " AND (?2 IS NULL OR (period_kind = ?2 AND period_start = ?3))"
                                               " ORDER BY period_kind, period_start, ifnull(scope, 0), source, site, ifnull(factor_name, '')");
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
