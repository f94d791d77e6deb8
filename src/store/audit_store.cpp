// Debian's libsqlite3 is built with the pre-update hook (it carries the session extension), but sqlite3.h
// declares the hook only when asked; it is the one hook that also sees WITHOUT ROWID tables and cascades.
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include <sqlite3.h>

#include "carbontrack/error.hpp"
#include "store/connection.hpp"

#include <algorithm>
#include <cstring>

namespace carbontrack {

using storage_errors::guarded;

namespace {

constexpr const char* audit_table = "audit_log";

}  // namespace

// Counts row writes as SQLite makes them. A savepoint rolled back inside the change would leave its rows
// counted, but no command goes on after one: a failed store call fails the command, and then the whole
// change and its record roll back.
struct store::audited_change::row_counts {
    std::size_t added = 0;
    std::size_t changed = 0;
    std::size_t removed = 0;
    bool owns_transaction = false;

    static void on_row(void* self, sqlite3*, int operation, const char* database, const char* table, sqlite3_int64, sqlite3_int64) {
        if (std::strcmp(database, "main") != 0 || std::strcmp(table, audit_table) == 0) return;
        auto& counts = *static_cast<row_counts*>(self);
        if (operation == SQLITE_INSERT) ++counts.added;
        else if (operation == SQLITE_UPDATE) ++counts.changed;
        else if (operation == SQLITE_DELETE) ++counts.removed;
    }
};

store::audited_change::audited_change(store& s, audit_entry draft)
    : store_(s), draft_(std::move(draft)), counts_(std::make_unique<row_counts>()) {
    guarded(store_.impl_->path, [&] {
        auto& db = store_.impl_->db;
        counts_->owns_transaction = sqlite3_get_autocommit(db.getHandle()) != 0;
        db.exec(counts_->owns_transaction ? "BEGIN IMMEDIATE" : "SAVEPOINT audited_change");
        sqlite3_preupdate_hook(db.getHandle(), &row_counts::on_row, counts_.get());
    });
}

store::audited_change::~audited_change() {
    auto& db = store_.impl_->db;
    sqlite3_preupdate_hook(db.getHandle(), nullptr, nullptr);
    if (done_) return;
    try {
        if (counts_->owns_transaction) {
            db.exec("ROLLBACK");
        } else {
            db.exec("ROLLBACK TO audited_change");
            db.exec("RELEASE audited_change");
        }
    } catch (...) {
        // A destructor must not throw; SQLite rolls back an open transaction when the connection closes.
    }
}

void store::audited_change::set_organisation(const std::string& name) { draft_.organisation = name; }

void store::audited_change::set_input_sha256(const std::string& hex) { draft_.input_sha256 = hex; }

void store::audited_change::set_reason(const std::string& reason) { draft_.reason = reason; }

std::optional<audit_entry> store::audited_change::commit() {
    return guarded(store_.impl_->path, [&]() -> std::optional<audit_entry> {
        auto& db = store_.impl_->db;
        sqlite3_preupdate_hook(db.getHandle(), nullptr, nullptr);
        std::optional<audit_entry> record;
        if (counts_->added + counts_->changed + counts_->removed > 0) {
            record = draft_;
            record->recorded_at = utc_timestamp();
            record->rows_added = counts_->added;
            record->rows_changed = counts_->changed;
            record->rows_removed = counts_->removed;
            record->schema_version = store_.schema_version();
            SQLite::Statement insert(db,
                                     "INSERT INTO audit_log (recorded_at, command, input_file, input_sha256, organisation, rows_added, "
                                     "rows_changed, rows_removed, schema_version, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            insert.bind(1, record->recorded_at);
            insert.bind(2, record->command);
            insert.bind(3, record->input_file);
            insert.bind(4, record->input_sha256);
            insert.bind(5, record->organisation);
            insert.bind(6, static_cast<std::int64_t>(record->rows_added));
            insert.bind(7, static_cast<std::int64_t>(record->rows_changed));
            insert.bind(8, static_cast<std::int64_t>(record->rows_removed));
            insert.bind(9, record->schema_version);
            insert.bind(10, record->reason);
            insert.exec();
            record->id = db.getLastInsertRowid();
        }
        db.exec(counts_->owns_transaction ? "COMMIT" : "RELEASE audited_change");
        done_ = true;
        return record;
    });
}

std::vector<audit_entry> store::audit_log(std::optional<std::size_t> limit) const {
    return guarded(impl_->path, [&] {
        std::vector<audit_entry> entries;
        SQLite::Statement query(impl_->db,
                                "SELECT id, recorded_at, command, input_file, input_sha256, organisation, rows_added, rows_changed, "
                                "rows_removed, schema_version, reason FROM audit_log ORDER BY id DESC LIMIT ?");
        query.bind(1, limit ? static_cast<std::int64_t>(*limit) : std::int64_t{-1});
        while (query.executeStep()) {
            audit_entry e;
            e.id = query.getColumn(0).getInt64();
            e.recorded_at = query.getColumn(1).getString();
            e.command = query.getColumn(2).getString();
            e.input_file = query.getColumn(3).getString();
            e.input_sha256 = query.getColumn(4).getString();
            e.organisation = query.getColumn(5).getString();
            e.rows_added = static_cast<std::size_t>(query.getColumn(6).getInt64());
            e.rows_changed = static_cast<std::size_t>(query.getColumn(7).getInt64());
            e.rows_removed = static_cast<std::size_t>(query.getColumn(8).getInt64());
            e.schema_version = query.getColumn(9).getInt();
            e.reason = query.getColumn(10).getString();
            entries.push_back(std::move(e));
        }
        std::reverse(entries.begin(), entries.end());
        return entries;
    });
}

}  // namespace carbontrack
