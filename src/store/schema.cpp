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
    // 2: area statistics. Each import is a named release; names are stored once and figures refer to
    // them by integer, so a national release of 126,080 rows stays a few megabytes.
    R"sql(
CREATE TABLE area_release (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    layout       TEXT NOT NULL CHECK (layout IN ('desnz-ghg', 'desnz-co2', 'mysociety-wide')),
    source_file  TEXT NOT NULL DEFAULT '',
    imported_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    -- Kept with the release so listing releases never scans their figures.
    value_count  INTEGER NOT NULL DEFAULT 0 CHECK (value_count >= 0),
    first_year   INTEGER,
    last_year    INTEGER
) STRICT;

CREATE TABLE area_authority (
    id    INTEGER PRIMARY KEY,
    code  TEXT NOT NULL UNIQUE CHECK (length(code) > 0)
) STRICT;

-- Names and county membership as each release prints them: they change between releases.
CREATE TABLE area_release_authority (
    release_id    INTEGER NOT NULL REFERENCES area_release (id) ON DELETE CASCADE,
    authority_id  INTEGER NOT NULL REFERENCES area_authority (id),
    name          TEXT NOT NULL CHECK (length(name) > 0),
    parent        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (release_id, authority_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE area_sector (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
) STRICT;

CREATE TABLE area_subsector (
    id         INTEGER PRIMARY KEY,
    sector_id  INTEGER NOT NULL REFERENCES area_sector (id),
    name       TEXT NOT NULL CHECK (length(name) > 0),
    UNIQUE (sector_id, name)
) STRICT;

CREATE TABLE area_gas (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE CHECK (length(name) > 0)
) STRICT;

CREATE TABLE area_population (
    release_id            INTEGER NOT NULL,
    authority_id          INTEGER NOT NULL,
    year                  INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    population_thousands  REAL CHECK (population_thousands > 0),
    area_km2              REAL CHECK (area_km2 > 0),
    PRIMARY KEY (release_id, authority_id, year),
    FOREIGN KEY (release_id, authority_id) REFERENCES area_release_authority (release_id, authority_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- kt of the release's basis (CO2 for the CO2-only layouts, else CO2e); NULL is a missing figure.
CREATE TABLE area_value (
    release_id       INTEGER NOT NULL,
    authority_id     INTEGER NOT NULL,
    year             INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    -- Sub-sector and gas ids come from dictionaries written in the same transaction by the same
    -- writer; checking them on every figure was a measurable share of a national import
    -- (bench/area/README.md), so only the authority's membership of the release is enforced here.
    subsector_id     INTEGER NOT NULL,
    gas_id           INTEGER NOT NULL,
    territorial_kt   REAL,
    within_scope_kt  REAL,
    -- Year before authority: a ranking reads one year of every authority as one range, and an
    -- authority's series is one short seek per year, so no second index has to be kept up to date.
    PRIMARY KEY (release_id, year, authority_id, subsector_id, gas_id),
    FOREIGN KEY (release_id, authority_id) REFERENCES area_release_authority (release_id, authority_id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

-- Identifiers that name the same council (E10000018 = LEC = Leicestershire County Council).
CREATE TABLE area_code (
    id              INTEGER PRIMARY KEY,
    gss_code        TEXT UNIQUE CHECK (gss_code IS NULL OR length(gss_code) > 0),
    mysociety_code  TEXT UNIQUE CHECK (mysociety_code IS NULL OR length(mysociety_code) > 0),
    name            TEXT NOT NULL CHECK (length(name) > 0),
    tier            TEXT NOT NULL CHECK (tier IN ('district', 'county', 'combined')),
    CHECK (gss_code IS NOT NULL OR mysociety_code IS NOT NULL)
) STRICT;
)sql",
    // 3: targets. A target belongs to the organisation that set it and follows one named series; its
    // periods are stored as start years of the baseline's kind, which every milestone shares.
    R"sql(
CREATE TABLE target (
    id                 INTEGER PRIMARY KEY,
    organisation_id    INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    name               TEXT NOT NULL CHECK (length(trim(name)) > 0),
    entity             TEXT NOT NULL CHECK (length(trim(entity)) > 0),
    series             TEXT NOT NULL CHECK (length(trim(series)) > 0),
    period_kind        TEXT NOT NULL CHECK (period_kind IN ('financial', 'calendar')),
    baseline_start     INTEGER NOT NULL CHECK (baseline_start BETWEEN 1900 AND 2199),
    pathway            TEXT NOT NULL CHECK (pathway IN ('linear', 'constant-rate')),
    baseline_value_kg  REAL CHECK (baseline_value_kg > 0),
    baseline_gas       TEXT CHECK (baseline_gas IN ('CO2e', 'CO2')),
    budget_kg          REAL CHECK (budget_kg > 0),
    budget_gas         TEXT CHECK (budget_gas IN ('CO2e', 'CO2')),
    budget_from_start  INTEGER CHECK (budget_from_start BETWEEN 1900 AND 2199),
    CHECK ((baseline_value_kg IS NULL) = (baseline_gas IS NULL)),
    CHECK ((budget_kg IS NULL) = (budget_gas IS NULL)),
    CHECK ((budget_kg IS NULL) = (budget_from_start IS NULL)),
    UNIQUE (organisation_id, name)
) STRICT;

CREATE TABLE target_milestone (
    target_id      INTEGER NOT NULL REFERENCES target (id) ON DELETE CASCADE,
    period_start   INTEGER NOT NULL CHECK (period_start BETWEEN 1900 AND 2199),
    reduction_pct  REAL NOT NULL CHECK (reduction_pct BETWEEN 0 AND 100),
    PRIMARY KEY (target_id, period_start)
) STRICT, WITHOUT ROWID;
)sql",
    // 4: indicators. An indicator belongs to an organisation; a ratio names the two indicators it
    // divides, so it holds no values of its own. Values are kept in the indicator's unit, which never
    // changes once defined; a missing period has no row.
    R"sql(
CREATE TABLE indicator (
    id                  INTEGER PRIMARY KEY,
    organisation_id     INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    name                TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind                TEXT NOT NULL CHECK (kind IN ('flow', 'level', 'ratio')),
    unit                TEXT NOT NULL CHECK (length(unit) > 0),
    direction           TEXT NOT NULL CHECK (direction IN ('up', 'down')),
    numerator           TEXT,
    denominator         TEXT,
    goal_in_unit        REAL,
    goal_period_kind    TEXT CHECK (goal_period_kind IN ('financial', 'calendar')),
    goal_deadline_start INTEGER CHECK (goal_deadline_start BETWEEN 1900 AND 2199),
    goal_baseline_start INTEGER CHECK (goal_baseline_start BETWEEN 1900 AND 2199),
    source              TEXT NOT NULL DEFAULT '',
    note                TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'ratio') = (numerator IS NOT NULL)),
    CHECK ((numerator IS NULL) = (denominator IS NULL)),
    CHECK (kind <> 'ratio' OR unit = '%'),
    CHECK (goal_in_unit IS NOT NULL OR (goal_deadline_start IS NULL AND goal_baseline_start IS NULL)),
    CHECK ((goal_period_kind IS NULL) = (goal_deadline_start IS NULL AND goal_baseline_start IS NULL)),
    UNIQUE (organisation_id, name),
    FOREIGN KEY (organisation_id, numerator) REFERENCES indicator (organisation_id, name),
    FOREIGN KEY (organisation_id, denominator) REFERENCES indicator (organisation_id, name)
) STRICT;

CREATE TABLE indicator_value (
    indicator_id    INTEGER NOT NULL REFERENCES indicator (id) ON DELETE CASCADE,
    area            TEXT NOT NULL DEFAULT '',
    period_kind     TEXT NOT NULL CHECK (period_kind IN ('financial', 'calendar')),
    period_start    INTEGER NOT NULL CHECK (period_start BETWEEN 1900 AND 2199),
    amount_in_unit  REAL NOT NULL,
    basis           TEXT NOT NULL CHECK (basis IN ('period', 'running-total')),
    quality         TEXT NOT NULL DEFAULT ''
                    CHECK (quality IN ('', 'measured', 'estimated', 'published', 'more-than', 'at-least', 'about', 'almost')),
    source          TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    input_file      TEXT NOT NULL DEFAULT '',
    input_line      INTEGER,
    PRIMARY KEY (indicator_id, area, period_kind, period_start)
) STRICT, WITHOUT ROWID;
)sql",
    // 5: the audit trail, revised factor sets and restatements. The log, the restatements and the history
    // of restated figures are evidence: the database itself refuses to update or delete them.
    R"sql(
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    recorded_at     TEXT NOT NULL CHECK (recorded_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'),
    command         TEXT NOT NULL CHECK (length(command) > 0),
    input_file      TEXT NOT NULL DEFAULT '',
    input_sha256    TEXT NOT NULL DEFAULT '' CHECK (input_sha256 = '' OR (length(input_sha256) = 64 AND input_sha256 NOT GLOB '*[^0-9a-f]*')),
    organisation    TEXT NOT NULL DEFAULT '',
    rows_added      INTEGER NOT NULL CHECK (rows_added >= 0),
    rows_changed    INTEGER NOT NULL CHECK (rows_changed >= 0),
    rows_removed    INTEGER NOT NULL CHECK (rows_removed >= 0),
    schema_version  INTEGER NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- A revised factor is stored beside the published one it revises, never over it.
CREATE TABLE factor_revision (
    id           INTEGER PRIMARY KEY,
    revision     TEXT NOT NULL CHECK (length(trim(revision)) > 0),
    factor_year  INTEGER NOT NULL,
    name         TEXT NOT NULL,
    unit         TEXT NOT NULL,
    gas          TEXT NOT NULL,
    kg_per_unit  REAL NOT NULL CHECK (kg_per_unit >= 0),
    scope        TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    input_file   TEXT NOT NULL DEFAULT '',
    input_line   INTEGER,
    UNIQUE (revision, factor_year, name, unit, gas),
    FOREIGN KEY (factor_year, name, unit, gas) REFERENCES factor (factor_year, name, unit, gas)
) STRICT;

CREATE TABLE restatement (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisation (id) ON DELETE RESTRICT,
    factor_year      INTEGER NOT NULL CHECK (factor_year BETWEEN 1990 AND 2100),
    periods          TEXT NOT NULL DEFAULT '',
    reason           TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    applied_at       TEXT NOT NULL
) STRICT;

-- Each restated row's figures before and after, so the first reported figure is never lost.
CREATE TABLE inventory_row_history (
    restatement_id                INTEGER NOT NULL REFERENCES restatement (id) ON DELETE RESTRICT,
    inventory_row_id              INTEGER NOT NULL REFERENCES inventory_row (id) ON DELETE RESTRICT,
    old_factor_kg_co2e_per_unit   REAL NOT NULL,
    old_factor_source             TEXT NOT NULL,
    old_emissions_kg_co2e         REAL NOT NULL,
    new_factor_kg_co2e_per_unit   REAL NOT NULL,
    new_factor_source             TEXT NOT NULL,
    new_emissions_kg_co2e         REAL NOT NULL,
    PRIMARY KEY (inventory_row_id, restatement_id)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER restatement_no_update BEFORE UPDATE ON restatement BEGIN SELECT RAISE(ABORT, 'restatements are append-only'); END;
CREATE TRIGGER restatement_no_delete BEFORE DELETE ON restatement BEGIN SELECT RAISE(ABORT, 'restatements are append-only'); END;
CREATE TRIGGER inventory_row_history_no_update BEFORE UPDATE ON inventory_row_history
    BEGIN SELECT RAISE(ABORT, 'restated figures are append-only'); END;
CREATE TRIGGER inventory_row_history_no_delete BEFORE DELETE ON inventory_row_history
    BEGIN SELECT RAISE(ABORT, 'restated figures are append-only'); END;

-- A restated row's latest restatement and the figure first reported before any restatement.
CREATE VIEW restated_inventory_row AS
SELECT latest.inventory_row_id AS restated_row_id,
       latest.restatement_id AS restatement_id,
       r.reason AS restatement_reason,
       r.applied_at AS restatement_applied_at,
       first.old_emissions_kg_co2e AS first_reported_kg_co2e,
       first.old_factor_kg_co2e_per_unit AS first_reported_factor_kg_co2e_per_unit,
       latest.new_factor_kg_co2e_per_unit AS restated_factor_kg_co2e_per_unit
FROM inventory_row_history latest
JOIN restatement r ON r.id = latest.restatement_id
JOIN inventory_row_history first ON first.inventory_row_id = latest.inventory_row_id
WHERE latest.restatement_id = (SELECT max(restatement_id) FROM inventory_row_history WHERE inventory_row_id = latest.inventory_row_id)
  AND first.restatement_id = (SELECT min(restatement_id) FROM inventory_row_history WHERE inventory_row_id = latest.inventory_row_id);
)sql",
    // 6: the reporting boundary (issue 13). The sources an organisation's inventory covers, each from a
    // period; a source marked not applicable in one period; and the reason a command gave, in its audit record.
    R"sql(
CREATE TABLE boundary_source (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    source           TEXT NOT NULL CHECK (length(trim(source)) > 0 AND source <> 'Total'),
    from_kind        TEXT NOT NULL CHECK (from_kind IN ('financial', 'calendar')),
    from_start       INTEGER NOT NULL CHECK (from_start BETWEEN 1900 AND 2199),
    note             TEXT NOT NULL DEFAULT '',
    UNIQUE (organisation_id, source)
) STRICT;

CREATE TABLE not_applicable_source (
    organisation_id  INTEGER NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    period_kind      TEXT NOT NULL CHECK (period_kind IN ('financial', 'calendar')),
    period_start     INTEGER NOT NULL CHECK (period_start BETWEEN 1900 AND 2199),
    source           TEXT NOT NULL CHECK (length(trim(source)) > 0 AND source <> 'Total'),
    reason           TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    recorded_at      TEXT NOT NULL,
    PRIMARY KEY (organisation_id, period_kind, period_start, source)
) STRICT, WITHOUT ROWID;

ALTER TABLE audit_log ADD COLUMN reason TEXT NOT NULL DEFAULT '';
)sql",
    // 7: releases of different detail (issue 17). A release records whether it has sectors or only totals and which
    // measures it carries, so a query can say what it cannot answer; the layout list grows by the totals
    // CSV and the 2005-2023 long header (SQLite cannot alter a CHECK, so the column is rebuilt); a
    // district may name its county, for releases that print no Second Tier Authority.
    R"sql(
ALTER TABLE area_release ADD COLUMN file_layout TEXT NOT NULL DEFAULT 'desnz-ghg'
    CHECK (file_layout IN ('desnz-ghg', 'desnz-co2', 'mysociety-wide', 'desnz-totals', 'desnz-ghg-scope-co2'));
UPDATE area_release SET file_layout = layout;
ALTER TABLE area_release DROP COLUMN layout;
ALTER TABLE area_release RENAME COLUMN file_layout TO layout;
ALTER TABLE area_release ADD COLUMN detail TEXT NOT NULL DEFAULT 'sectors' CHECK (detail IN ('sectors', 'totals'));
ALTER TABLE area_release ADD COLUMN has_within_scope INTEGER NOT NULL DEFAULT 1 CHECK (has_within_scope IN (0, 1));
ALTER TABLE area_release ADD COLUMN has_territorial INTEGER NOT NULL DEFAULT 1 CHECK (has_territorial IN (0, 1));
UPDATE area_release SET
    has_within_scope = EXISTS (SELECT 1 FROM area_value v WHERE v.release_id = area_release.id AND v.within_scope_kt IS NOT NULL),
    has_territorial = EXISTS (SELECT 1 FROM area_value v WHERE v.release_id = area_release.id AND v.territorial_kt IS NOT NULL);
ALTER TABLE area_code ADD COLUMN county TEXT NOT NULL DEFAULT '';
)sql",
    // 8: corrections and sites (issue 13). A row's earlier versions are kept, append-only, with the
    // reason for each change; a removed row stays as a tombstone so a re-import does not bring it back;
    // a site splits a source (one building, depot or meter) and is part of a row's identity.
    R"sql(
ALTER TABLE inventory_row ADD COLUMN site TEXT NOT NULL DEFAULT '';
ALTER TABLE inventory_row ADD COLUMN removed_at TEXT;
ALTER TABLE inventory_row ADD COLUMN removed_reason TEXT CHECK (removed_reason IS NULL OR length(trim(removed_reason)) > 0);
DROP INDEX inventory_row_identity;
CREATE UNIQUE INDEX inventory_row_identity
    ON inventory_row (organisation_id, period_kind, period_start, ifnull(scope, 0), source, site, ifnull(factor_name, ''));

CREATE TABLE inventory_row_version (
    id                        INTEGER PRIMARY KEY,
    inventory_row_id          INTEGER NOT NULL REFERENCES inventory_row (id) ON DELETE RESTRICT,
    replaced_at               TEXT NOT NULL,
    action                    TEXT NOT NULL CHECK (action IN ('correct', 'remove', 'rename-source')),
    reason                    TEXT NOT NULL CHECK (length(trim(reason)) > 0),
    -- The row's fields before the change, as in inventory_row.
    period_kind               TEXT NOT NULL,
    period_start              INTEGER NOT NULL,
    scope                     INTEGER,
    source                    TEXT NOT NULL,
    site                      TEXT NOT NULL,
    activity_amount           REAL,
    activity_unit             TEXT,
    factor_year               INTEGER,
    factor_name               TEXT,
    factor_unit               TEXT,
    factor_kg_co2e_per_unit   REAL,
    factor_source             TEXT,
    emissions_kg_co2e         REAL NOT NULL,
    quality                   TEXT NOT NULL,
    note                      TEXT NOT NULL,
    source_url                TEXT NOT NULL,
    input_file                TEXT NOT NULL,
    input_line                INTEGER
) STRICT;
CREATE INDEX inventory_row_version_row ON inventory_row_version (inventory_row_id);
CREATE TRIGGER inventory_row_version_no_update BEFORE UPDATE ON inventory_row_version
    BEGIN SELECT RAISE(ABORT, 'earlier versions of a row are append-only'); END;
CREATE TRIGGER inventory_row_version_no_delete BEFORE DELETE ON inventory_row_version
    BEGIN SELECT RAISE(ABORT, 'earlier versions of a row are append-only'); END;

-- A corrected row's latest correction.
CREATE VIEW corrected_inventory_row AS
SELECT v.inventory_row_id AS corrected_row_id, v.replaced_at AS corrected_at, v.reason AS correction_reason
FROM inventory_row_version v
WHERE v.action IN ('correct', 'rename-source')
  AND v.id = (SELECT max(w.id) FROM inventory_row_version w WHERE w.inventory_row_id = v.inventory_row_id AND w.action IN ('correct', 'rename-source'));
)sql",
    // 9: aliases of factor level paths (issue 15). A short name such as uk_electricity_generated stands
    // for one level path per factor year, so a factor named either way is one stored factor.
    R"sql(
CREATE TABLE factor_alias (
    alias        TEXT NOT NULL CHECK (length(alias) > 0),
    factor_year  INTEGER NOT NULL CHECK (factor_year BETWEEN 1990 AND 2100),
    name         TEXT NOT NULL CHECK (length(name) > 0),
    PRIMARY KEY (alias, factor_year)
) STRICT;
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
