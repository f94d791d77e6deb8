// Corrections to stored inventory rows. Each copies the row as it was into inventory_row_version (append-
// only, with the action and reason) before changing it, inside the command's audited change.
#include "carbontrack/audit.hpp"
#include "carbontrack/error.hpp"
#include "store/connection.hpp"
#include "store/inventory_columns.hpp"

namespace carbontrack {

using storage_errors::guarded;
using namespace inventory_columns;

namespace {

constexpr const char* version_columns =
    "inventory_row_id, period_kind, period_start, scope, source, site, activity_amount, activity_unit, factor_year, factor_name, factor_unit, "
    "factor_kg_co2e_per_unit, factor_source, emissions_kg_co2e, quality, note, source_url, input_file, input_line";

// Copies row `row_id` as it is now into its history, marked with what replaces it and why.
void keep_version(SQLite::Database& db, std::int64_t row_id, const std::string& action, const std::string& reason, const std::string& at) {
    SQLite::Statement copy(db, std::string("INSERT INTO inventory_row_version (replaced_at, action, reason, ") + version_columns +
                                   ") SELECT ?, ?, ?, id, period_kind, period_start, scope, source, site, activity_amount, activity_unit, factor_year, "
                                   "factor_name, factor_unit, factor_kg_co2e_per_unit, factor_source, emissions_kg_co2e, quality, note, source_url, "
                                   "input_file, input_line FROM inventory_row WHERE id = ?");
    copy.bind(1, at);
    copy.bind(2, action);
    copy.bind(3, reason);
    copy.bind(4, row_id);
    copy.exec();
}

// "a, b" with every column prefixed: "v.a, v.b".
std::string qualified(const std::string& prefix, const std::string& list) {
    std::string out = prefix;
    for (char c : list) {
        out += c;
        if (c == ' ') out += prefix;
    }
    return out;
}

std::string describe(const inventory_entry& e) {
    return e.when.label() + " " + e.source + (e.site.empty() ? std::string() : " at " + e.site) + (e.factor ? " (" + e.factor->name + ")" : "");
}

}  // namespace

std::optional<stored_inventory_row> store::inventory_row(std::int64_t organisation_id, std::int64_t row_id) const {
    return guarded(impl_->path, [&]() -> std::optional<stored_inventory_row> {
        SQLite::Statement query(impl_->db, std::string("SELECT ") + columns + ", ifnull(removed_at, ''), ifnull(removed_reason, '') FROM " + source +
                                               " WHERE organisation_id = ? AND inventory_row.id = ?");
        query.bind(1, organisation_id);
        query.bind(2, row_id);
        if (!query.executeStep()) return std::nullopt;
        stored_inventory_row row;
        row.entry = read_entry(query);
        row.removed_at = query.getColumn(27).getString();
        row.removed_reason = query.getColumn(28).getString();
        return row;
    });
}

void store::correct_inventory_row(std::int64_t organisation_id, std::int64_t row_id, const inventory_entry& corrected, const std::string& reason) {
    guarded(impl_->path, [&] {
        transaction tx(*this);
        const auto current = inventory_row(organisation_id, row_id);
        if (!current) throw data_error("no inventory row " + std::to_string(row_id));
        if (current->removed()) throw data_error("row " + std::to_string(row_id) + " was removed on " + current->removed_at.substr(0, 10) + " (" +
                                                 current->removed_reason + "); a removed row is not corrected");
        // The unique index would refuse a clash too; asking first names the row that holds the identity.
        SQLite::Statement clash(impl_->db, "SELECT id FROM inventory_row WHERE organisation_id = ?1 AND id <> ?8 AND " + identity_condition(2));
        clash.bind(1, organisation_id);
        bind_identity(clash, 2, corrected);
        clash.bind(8, row_id);
        if (clash.executeStep())
            throw data_error(describe(corrected) + " is already row " + std::to_string(clash.getColumn(0).getInt64()) +
                             "; correct that row instead, or remove one of them");
        keep_version(impl_->db, row_id, "correct", reason, utc_timestamp());
        SQLite::Statement update(impl_->db,
                                 "UPDATE inventory_row SET (" + std::string(insert_columns) +
                                     ") = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) WHERE id = ?20");
        bind_entry(update, organisation_id, corrected);
        update.bind(20, row_id);
        update.exec();
        tx.commit();
    });
}

void store::remove_inventory_row(std::int64_t organisation_id, std::int64_t row_id, const std::string& reason) {
    guarded(impl_->path, [&] {
        transaction tx(*this);
        const auto current = inventory_row(organisation_id, row_id);
        if (!current) throw data_error("no inventory row " + std::to_string(row_id));
        if (current->removed())
            throw data_error("row " + std::to_string(row_id) + " was already removed on " + current->removed_at.substr(0, 10) + " (" + current->removed_reason + ")");
        const std::string at = utc_timestamp();
        keep_version(impl_->db, row_id, "remove", reason, at);
        SQLite::Statement mark(impl_->db, "UPDATE inventory_row SET removed_at = ?, removed_reason = ? WHERE id = ?");
        mark.bind(1, at);
        mark.bind(2, reason);
        mark.bind(3, row_id);
        mark.exec();
        tx.commit();
    });
}

std::size_t store::rename_inventory_source(std::int64_t organisation_id, const std::string& from, const std::string& to, const std::string& reason) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        SQLite::Statement rows(impl_->db, "SELECT id FROM inventory_row WHERE organisation_id = ? AND source = ? AND removed_at IS NULL ORDER BY id");
        rows.bind(1, organisation_id);
        rows.bind(2, from);
        std::vector<std::int64_t> ids;
        while (rows.executeStep()) ids.push_back(rows.getColumn(0).getInt64());
        const std::string at = utc_timestamp();
        SQLite::Statement rename(impl_->db, "UPDATE inventory_row SET source = ? WHERE id = ?");
        for (const auto id : ids) {
            keep_version(impl_->db, id, "rename-source", reason, at);
            rename.reset();
            rename.bind(1, to);
            rename.bind(2, id);
            try {
                rename.exec();
            } catch (const SQLite::Exception&) {
                throw data_error("renaming '" + from + "' to '" + to + "' would give row " + std::to_string(id) +
                                 " the identity of a row already recorded under '" + to + "'; correct or remove one of them first");
            }
        }
        // The boundary follows the name, so a renamed source stays covered.
        SQLite::Statement boundary(impl_->db, "UPDATE OR IGNORE boundary_source SET source = ? WHERE organisation_id = ? AND source = ?");
        boundary.bind(1, to);
        boundary.bind(2, organisation_id);
        boundary.bind(3, from);
        boundary.exec();
        SQLite::Statement marks(impl_->db, "UPDATE OR IGNORE not_applicable_source SET source = ? WHERE organisation_id = ? AND source = ?");
        marks.bind(1, to);
        marks.bind(2, organisation_id);
        marks.bind(3, from);
        marks.exec();
        tx.commit();
        return ids.size();
    });
}

std::vector<inventory_version> store::inventory_history(std::int64_t organisation_id, std::int64_t row_id) const {
    return guarded(impl_->path, [&] {
        std::vector<inventory_version> versions;
        SQLite::Statement query(impl_->db, "SELECT " + qualified("v.", version_columns) +
                                               ", v.replaced_at, v.action, v.reason FROM inventory_row_version v JOIN inventory_row r ON r.id = v.inventory_row_id "
                                               "WHERE r.organisation_id = ? AND v.inventory_row_id = ? ORDER BY v.id");
        query.bind(1, organisation_id);
        query.bind(2, row_id);
        while (query.executeStep()) {
            inventory_version v;
            v.entry = read_fields(query);
            v.replaced_at = query.getColumn(19).getString();
            v.action = query.getColumn(20).getString();
            v.reason = query.getColumn(21).getString();
            versions.push_back(std::move(v));
        }
        return versions;
    });
}

}  // namespace carbontrack
