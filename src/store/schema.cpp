// Schema migrations. Each entry brings the database from version i to i+1 and never changes once
// released: a new need is a new migration appended to the list.
#include "store/connection.hpp"

#include "carbontrack/error.hpp"

#include <SQLiteCpp/Transaction.h>

#include <array>
#include <string>

namespace carbontrack::schema {
namespace {

constexpr std::array migrations{
    // 1: organisations, DESNZ factors and the own-operations inventory.
    R"sql(
CREATE TABLE organisation (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX organisation_single_default ON organisation (is_default) WHERE is_default = 1;

CREATE TABLE factor (
    id           INTEGER PRIMARY KEY,
    factor_year  INTEGER NOT NULL CHECK (factor_year BETWEEN 1990 AND 2100),
    name         TEXT NOT NULL CHECK (length(name) > 0),
    unit         TEXT NOT NULL CHECK (length(unit) > 0),
    gas          TEXT NOT NULL CHECK (length(gas) > 0),
    kg_per_unit  REAL NOT NULL CHECK (kg_per_unit >= 0),
    scope        TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    input_file   TEXT NOT NULL DEFAULT '',
    input_line   INTEGER,
    UNIQUE (factor_year, name, unit, gas)
) STRICT;

CREATE TABLE inventory_row (
    id                        INTEGER PRIMARY KEY,
    organisation_id           INTEGER NOT NULL REFERENCES organisation (id) ON DELETE RESTRICT,
    period_kind               TEXT NOT NULL CHECK (period_kind IN ('financial', 'calendar')),
    period_start              INTEGER NOT NULL CHECK (period_start BETWEEN 1900 AND 2199),
    scope                     INTEGER CHECK (scope IN (1, 2, 3)),
    source                    TEXT NOT NULL CHECK (length(source) > 0),
    activity_amount           REAL CHECK (activity_amount >= 0),
    activity_unit             TEXT,
    factor_year               INTEGER,
    factor_name               TEXT,
    factor_unit               TEXT,
    factor_kg_co2e_per_unit   REAL CHECK (factor_kg_co2e_per_unit >= 0),
    factor_source             TEXT,
    emissions_kg_co2e         REAL NOT NULL CHECK (emissions_kg_co2e >= 0),
    quality                   TEXT NOT NULL DEFAULT '' CHECK (quality IN ('', 'measured', 'estimated', 'published')),
    note                      TEXT NOT NULL DEFAULT '',
    source_url                TEXT NOT NULL DEFAULT '',
    input_file                TEXT NOT NULL DEFAULT '',
    input_line                INTEGER,
    -- A blank scope marks a reported total and nothing else.
    CHECK ((scope IS NULL) = (source = 'Total')),
    -- A computed row carries its whole factor provenance; a tCO2e row carries none.
    CHECK ((activity_amount IS NULL) = (factor_name IS NULL)),
    CHECK ((factor_name IS NULL) = (factor_year IS NULL)),
    CHECK ((factor_name IS NULL) = (factor_kg_co2e_per_unit IS NULL)),
    CHECK ((factor_name IS NULL) = (activity_unit IS NULL))
) STRICT;
-- NULLs are distinct in a plain UNIQUE constraint, so the identity is an index over expressions.
CREATE UNIQUE INDEX inventory_row_identity
    ON inventory_row (organisation_id, period_kind, period_start, ifnull(scope, 0), source, ifnull(factor_name, ''));
)sql",
};

}  // namespace

int latest_version() noexcept { return static_cast<int>(migrations.size()); }

void migrate(SQLite::Database& db) {
    int version = db.execAndGet("PRAGMA user_version").getInt();
    if (version > latest_version()) {
        throw storage_error("the database has schema version " + std::to_string(version) + " but this carbontrack knows only up to " +
                            std::to_string(latest_version()) + "; use a newer carbontrack");
    }
    for (; version < latest_version(); ++version) {
        SQLite::Transaction transaction(db);
        db.exec(migrations[static_cast<std::size_t>(version)]);
        db.exec("PRAGMA user_version = " + std::to_string(version + 1));
        transaction.commit();
    }
}

}  // namespace carbontrack::schema
