// The audit trail: every command that changes the database appends one record to a log the database
// itself keeps append-only, inside the same transaction as the change, so the two commit or vanish together.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace carbontrack {

struct audit_entry {
    std::int64_t id = 0;
    std::string recorded_at;   // UTC, ISO-8601: "2025-03-14T09:26:53Z"
    std::string command;       // the command line as run, shell-quoted
    std::string input_file;    // as named on the command line; empty when the command read no file
    std::string input_sha256;  // lowercase hex of the file's bytes; empty with no file
    std::string organisation;  // empty for data that belongs to no organisation (factors, area releases)
    std::size_t rows_added = 0;
    std::size_t rows_changed = 0;
    std::size_t rows_removed = 0;
    int schema_version = 0;
    std::string reason;        // why, for a correction, removal or boundary change; empty otherwise
};

// Lowercase hex SHA-256 (OpenSSL EVP) of bytes or of a file's content; a file that cannot be read is a data_error.
std::string sha256_hex(std::string_view bytes);
std::string file_sha256(const std::filesystem::path& file);

// The current time in UTC to the second, ISO-8601 with a Z suffix.
std::string utc_timestamp();

// argv joined with spaces, each argument single-quoted when a shell would split or expand it.
std::string quoted_command_line(int argc, const char* const* argv);

}  // namespace carbontrack
