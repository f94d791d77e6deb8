// The store's private state, shared by the files that implement its parts. Nothing outside src/store
// includes this header, so sqlite types never reach the domain.
#pragma once

#include "carbontrack/store.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "carbontrack/error.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <string>

namespace carbontrack {

struct store::impl {
    std::filesystem::path path;
    SQLite::Database db;
    int transaction_depth = 0;

    impl(const std::filesystem::path& file, int flags) : path(file), db(file.string(), flags) {}
};

namespace schema {
// Brings the database to the latest schema version, one migration per version, each in a transaction.
void migrate(SQLite::Database& db);
int latest_version() noexcept;
}  // namespace schema

namespace storage_keys {
// Period kinds as stored in the period_kind column.
inline const char* kind_key(period_kind kind) { return kind == period_kind::financial_year ? "financial" : "calendar"; }
inline period_kind kind_from_key(const std::string& key) {
    return key == "financial" ? period_kind::financial_year : period_kind::calendar_year;
}
}  // namespace storage_keys

// The factor and factor_revision tables share their columns, so their statements bind alike.
namespace factor_binding {
// Binds a factor's identity (year, name, unit, gas) to parameters first .. first + 3.
inline void bind_key(SQLite::Statement& statement, int first, const factor_record& f) {
    statement.bind(first, f.year);
    statement.bind(first + 1, f.name);
    statement.bind(first + 2, f.unit);
    statement.bind(first + 3, f.gas);
}
// Binds the identity, then kg_per_unit, scope, source, input_file and input_line: first .. first + 8.
inline void bind_row(SQLite::Statement& statement, int first, const factor_record& f, const std::string& input_file) {
    bind_key(statement, first, f);
    statement.bind(first + 4, f.kg_per_unit);
    statement.bind(first + 5, f.scope);
    statement.bind(first + 6, f.source);
    statement.bind(first + 7, input_file);
    statement.bind(first + 8, static_cast<std::int64_t>(f.line));
}
}  // namespace factor_binding

// A figure read back from storage equals the one given up to the last digits of a double.
inline bool same_stored_value(double stored, double given) { return std::abs(stored - given) <= 1e-12 * std::max(1.0, std::abs(stored)); }

}  // namespace carbontrack

namespace carbontrack::storage_errors {
// How long a connection waits for another process's write to finish: 5 seconds, or
// $CARBONTRACK_BUSY_TIMEOUT_MS (tests shorten it; a slow shared disk may want it longer).
int busy_timeout_ms();

// Runs `action`, turning SQLite's exceptions into storage_error with a message a user can act on.
template <class Action>
auto guarded(const std::filesystem::path& file, Action&& action) -> decltype(action()) {
    try {
        return action();
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode();
        if (code == 5 /* SQLITE_BUSY */ || code == 6 /* SQLITE_LOCKED */)
            throw storage_error(file.string() + ": the database is busy (another carbontrack is writing); waited " +
                                std::to_string(busy_timeout_ms()) + " ms, try again when it has finished");
        throw storage_error(file.string() + ": " + e.what());
    }
}
}  // namespace carbontrack::storage_errors
