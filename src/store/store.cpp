#include "carbontrack/error.hpp"
#include "store/connection.hpp"

#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace carbontrack {

using storage_errors::guarded;

int storage_errors::busy_timeout_ms() {
    static const int timeout = [] {
        constexpr int fallback = 5000;
        const char* text = std::getenv("CARBONTRACK_BUSY_TIMEOUT_MS");
        if (!text || !*text) return fallback;
        int value = 0;
        const auto [end, ec] = std::from_chars(text, text + std::strlen(text), value);
        return ec == std::errc{} && *end == '\0' && value >= 0 ? value : fallback;
    }();
    return timeout;
}

namespace {

// SQLite counts every allocation under a global mutex for sqlite3_memory_used(), which carbontrack
// never asks for: 2% of a national area import. It must be switched off before the first
// connection; a later call (SQLite already initialised) is refused harmlessly.
void configure_sqlite_once() {
    static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
    (void)configured;
}

}  // namespace

store::store(const std::filesystem::path& file, open_mode mode) {
    configure_sqlite_once();
    if (mode == open_mode::must_exist && !std::filesystem::exists(file))
        throw storage_error(file.string() + ": no database here; create one with 'carbontrack init' or point --db at it");
    guarded(file, [&] {
        // A store is used by one thread (one per process), so SQLite's per-call mutexes are pure cost:
        // about 3% of a national area import.
        impl_ = std::make_unique<impl>(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
        impl_->db.setBusyTimeout(storage_errors::busy_timeout_ms());
        impl_->db.exec("PRAGMA foreign_keys = ON");
        // WAL lets readers run while an import writes; NORMAL sync is durable at each commit in WAL mode.
        impl_->db.exec("PRAGMA journal_mode = WAL");
        impl_->db.exec("PRAGMA synchronous = NORMAL");
        schema::migrate(impl_->db);
    });
}

store::~store() = default;
store::store(store&&) noexcept = default;
store& store::operator=(store&&) noexcept = default;

const std::filesystem::path& store::path() const noexcept { return impl_->path; }

int store::schema_version() const {
    return guarded(impl_->path, [&] { return impl_->db.execAndGet("PRAGMA user_version").getInt(); });
}

int store::latest_schema_version() noexcept { return schema::latest_version(); }

// Savepoints nest, so a command may wrap several store calls that each protect themselves.
store::transaction::transaction(store& s) : store_(s) {
    guarded(store_.impl_->path, [&] { store_.impl_->db.exec("SAVEPOINT carbontrack"); });
}

store::transaction::~transaction() {
    if (done_) return;
    try {
        store_.impl_->db.exec("ROLLBACK TO carbontrack");
        store_.impl_->db.exec("RELEASE carbontrack");
    } catch (...) {
        // A destructor must not throw; SQLite rolls back an unreleased savepoint when the connection closes.
    }
}

void store::transaction::commit() {
    guarded(store_.impl_->path, [&] { store_.impl_->db.exec("RELEASE carbontrack"); });
    done_ = true;
}

std::string store::canonical_dump() const {
    return guarded(impl_->path, [&] {
        std::string dump;
        SQLite::Statement tables(impl_->db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        while (tables.executeStep()) {
            const std::string table = tables.getColumn(0).getString();
            dump += "table " + table + "\n";
            // Table names come from sqlite_schema itself, not from input, so quoting them is safe.
            SQLite::Statement rows(impl_->db, "SELECT * FROM \"" + table + "\"");
            std::vector<std::string> lines;
            while (rows.executeStep()) {
                std::string line;
                for (int c = 0; c < rows.getColumnCount(); ++c) {
                    const auto column = rows.getColumn(c);
                    line += column.isNull() ? std::string("NULL") : column.getString();
                    line += '\x1f';
                }
                lines.push_back(std::move(line));
            }
            std::sort(lines.begin(), lines.end());
            for (const auto& line : lines) dump += line + "\n";
        }
        return dump;
    });
}

std::optional<organisation> store::find_organisation(const std::string& name) const {
    return guarded(impl_->path, [&]() -> std::optional<organisation> {
        SQLite::Statement query(impl_->db, "SELECT id, name, is_default FROM organisation WHERE name = ?");
        query.bind(1, name);
        if (!query.executeStep()) return std::nullopt;
        return organisation{query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getInt() == 1};
    });
}

organisation store::ensure_organisation(const std::string& name) {
    if (auto found = find_organisation(name)) return *found;
    return guarded(impl_->path, [&] {
        SQLite::Statement insert(impl_->db, "INSERT INTO organisation (name, is_default) VALUES (?, 0)");
        insert.bind(1, name);
        insert.exec();
        return organisation{impl_->db.getLastInsertRowid(), name, false};
    });
}

organisation store::default_organisation() {
    auto found = guarded(impl_->path, [&]() -> std::optional<organisation> {
        SQLite::Statement query(impl_->db, "SELECT id, name FROM organisation WHERE is_default = 1");
        if (!query.executeStep()) return std::nullopt;
        return organisation{query.getColumn(0).getInt64(), query.getColumn(1).getString(), true};
    });
    if (found) return *found;
    set_default_organisation("Council");
    return *find_organisation("Council");
}

void store::set_default_organisation(const std::string& name) {
    // Re-running init must not rewrite the row: the audit trail would record a change that is none.
    if (auto current = find_organisation(name); current && current->is_default) return;
    transaction tx(*this);
    auto chosen = ensure_organisation(name);
    guarded(impl_->path, [&] {
        impl_->db.exec("UPDATE organisation SET is_default = 0 WHERE is_default = 1");
        SQLite::Statement update(impl_->db, "UPDATE organisation SET is_default = 1 WHERE id = ?");
        update.bind(1, chosen.id);
        update.exec();
    });
    tx.commit();
}

void store::rename_organisation(const std::string& from, const std::string& to) {
    if (!find_organisation(from)) throw data_error("no organisation named '" + from + "'");
    if (find_organisation(to)) throw data_error("an organisation named '" + to + "' already exists");
    guarded(impl_->path, [&] {
        SQLite::Statement update(impl_->db, "UPDATE organisation SET name = ? WHERE name = ?");
        update.bind(1, to);
        update.bind(2, from);
        update.exec();
    });
}

std::vector<organisation> store::organisations() const {
    return guarded(impl_->path, [&] {
        std::vector<organisation> result;
        SQLite::Statement query(impl_->db, "SELECT id, name, is_default FROM organisation ORDER BY name");
        while (query.executeStep())
            result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getInt() == 1});
        return result;
    });
}

}  // namespace carbontrack
