// `carbontrack check`: SQLite's own integrity checks, then the domain rules the schema cannot state.
// A failure means a stored figure can no longer be trusted; a warning asks a person to look.
#pragma once

#include <string>
#include <vector>

namespace carbontrack {

class store;

enum class finding_level { warning, failure };

struct check_finding {
    finding_level level = finding_level::failure;
    std::string check;    // "integrity", "foreign keys", "factors", "emissions", "totals", "targets"
    std::string message;
};

struct check_report {
    std::vector<std::string> checks_run;  // every check, in order, clean or not
    std::vector<check_finding> findings;

    bool failed() const;
    std::size_t count(finding_level level) const;
};

// Runs every check over the database: PRAGMA integrity_check and foreign_key_check; each computed
// inventory row's factor is stored with the row's value (or the row is recorded as restated to it);
// stored emissions equal activity x factor within 1e-9 relative; components that exceed a reported
// total (a warning); every target's series can be loaded.
check_report check_database(store& db);

}  // namespace carbontrack
