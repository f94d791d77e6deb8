#include "carbontrack/error.hpp"
#include "store/connection.hpp"

#include <SQLiteCpp/Backup.h>

namespace carbontrack {

using storage_errors::guarded;

namespace {

constexpr int sqlite_done = 101;

}  // namespace

void store::backup_to(const std::filesystem::path& target) const {
    if (std::filesystem::exists(target)) throw storage_error(target.string() + ": already exists; carbontrack will not overwrite it");
    try {
        guarded(target, [&] {
            SQLite::Database copy(target.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
            SQLite::Backup backup(copy, impl_->db);
            // All pages in one step: the copy is one consistent snapshot even while other processes write.
            const int result = backup.executeStep(-1);
            if (result != sqlite_done)
                throw storage_error(target.string() + ": the backup did not finish (SQLite result " + std::to_string(result) +
                                    "); the database was busy, try again");
        });
    } catch (...) {
        // A half-written copy must not be mistaken for a backup.
        std::error_code ignored;
        std::filesystem::remove(target, ignored);
        throw;
    }
}

std::vector<std::string> store::integrity_problems() const {
    return guarded(impl_->path, [&] {
        std::vector<std::string> problems;
        SQLite::Statement check(impl_->db, "PRAGMA integrity_check");
        while (check.executeStep()) {
            std::string line = check.getColumn(0).getString();
            if (line != "ok") problems.push_back(std::move(line));
        }
        return problems;
    });
}

std::vector<std::string> store::foreign_key_problems() const {
    return guarded(impl_->path, [&] {
        std::vector<std::string> problems;
        SQLite::Statement check(impl_->db, "PRAGMA foreign_key_check");
        while (check.executeStep()) {
            const std::string row = check.getColumn(1).isNull() ? std::string("(no rowid)") : check.getColumn(1).getString();
            problems.push_back("table " + check.getColumn(0).getString() + " row " + row + " refers to a missing row of " +
                               check.getColumn(2).getString());
        }
        return problems;
    });
}

}  // namespace carbontrack
