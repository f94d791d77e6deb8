// The SQLite database: the only place that knows SQL. The schema is versioned (PRAGMA user_version)
// and migrated on open; every import runs in one transaction that rolls back unless committed.
#pragma once

#include "carbontrack/area.hpp"
#include "carbontrack/audit.hpp"
#include "carbontrack/boundary.hpp"
#include "carbontrack/factors.hpp"
#include "carbontrack/indicator.hpp"
#include "carbontrack/inventory.hpp"
#include "carbontrack/restate.hpp"
#include "carbontrack/target.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace carbontrack {

struct organisation {
    std::int64_t id = 0;
    std::string name;
    bool is_default = false;
};

// What an import did, for the message a user sees.
struct import_result {
    std::size_t added = 0;
    std::size_t unchanged = 0;  // already stored with the same figures (or as first reported before a correction)
    std::vector<std::string> skipped;  // rows a user removed, each "PERIOD SOURCE: removed on DATE (REASON)"
};

// A stored inventory row with its tombstone, if it was removed.
struct stored_inventory_row {
    inventory_entry entry;
    std::string removed_at;  // empty unless removed
    std::string removed_reason;
    bool removed() const { return !removed_at.empty(); }
};

// One earlier version of a row: its figures before a change, and the change that replaced them.
struct inventory_version {
    inventory_entry entry;
    std::string replaced_at;  // UTC, ISO-8601
    std::string action;       // "correct", "remove" or "rename-source"
    std::string reason;
};

struct factor_query {
    std::optional<int> year;
    std::optional<std::string> name_contains;
    bool co2e_only = false;
};

class store {
public:
    enum class open_mode { create_if_missing, must_exist };

    // Opens (and migrates) the database; must_exist fails with storage_error when the file is absent.
    explicit store(const std::filesystem::path& file, open_mode mode = open_mode::create_if_missing);
    ~store();
    store(store&&) noexcept;
    store& operator=(store&&) noexcept;

    const std::filesystem::path& path() const noexcept;
    int schema_version() const;
    static int latest_schema_version() noexcept;

    // Every row of every table, in a canonical order, as text: two databases with the same content
    // give the same string. Used to prove a rejected import changed nothing.
    std::string canonical_dump() const;

    // RAII transaction: rolls back in its destructor unless commit() was called.
    class transaction {
    public:
        explicit transaction(store& s);
        ~transaction();
        transaction(const transaction&) = delete;
        transaction& operator=(const transaction&) = delete;
        void commit();

    private:
        store& store_;
        bool done_ = false;
    };

    // ---- organisations (store.cpp)
    // The named organisation, created when `create` is set; nullopt when absent and not created.
    std::optional<organisation> find_organisation(const std::string& name) const;
    organisation ensure_organisation(const std::string& name);
    // The database's default organisation, created as "Council" when there is none yet.
    organisation default_organisation();
    void set_default_organisation(const std::string& name);
    // Renames an organisation (its rows, targets and indicators follow, being held by id); a data_error
    // when `from` does not exist or `to` is taken.
    void rename_organisation(const std::string& from, const std::string& to);
    std::vector<organisation> organisations() const;

    // ---- factors (factor_store.cpp)
    // Adds factors not yet stored; identical ones are counted unchanged; a factor whose value differs
    // from the stored one is an import_errors at its line (restating is a separate, explicit step).
    import_result add_factors(const std::vector<factor_record>& factors, const std::string& input_file);
    // The factors of a year named `name`: a level path, or an alias of one (see add_factor_aliases),
    // so both names give the same records, named by their level path.
    std::vector<factor_record> factors_named(int year, const std::string& name) const;
    // Stores aliases of level paths; each path must already be stored for its year. An alias stored
    // for another path is an import_errors at its line; identical ones are counted unchanged.
    import_result add_factor_aliases(const std::vector<factor_alias>& aliases, const std::string& input_file);
    std::vector<int> factor_years() const;
    std::vector<factor_record> list_factors(const factor_query& query) const;
    std::size_t factor_count() const;

    // ---- inventory (inventory_store.cpp)
    // Adds costed rows for the organisation: identical rows already stored are counted unchanged;
    // a row whose identity is stored with different figures is an error at its line.
    import_result add_inventory(std::int64_t organisation_id, const std::vector<inventory_entry>& entries);
    std::vector<inventory_entry> inventory(std::int64_t organisation_id, std::optional<period> only = std::nullopt) const;

    // ---- corrections (correction_store.cpp). Each keeps the row's previous version in its history.
    // The organisation's row with this id, removed or not; nullopt when it has none of that id.
    std::optional<stored_inventory_row> inventory_row(std::int64_t organisation_id, std::int64_t row_id) const;
    // Replaces the row's figures with `corrected` (same id); a corrected identity that another row holds is a data_error.
    void correct_inventory_row(std::int64_t organisation_id, std::int64_t row_id, const inventory_entry& corrected, const std::string& reason);
    // Makes the row a tombstone: it leaves every total and a re-import of it is skipped.
    void remove_inventory_row(std::int64_t organisation_id, std::int64_t row_id, const std::string& reason);
    // Renames a source in every period (and in the boundary); returns the number of rows renamed.
    std::size_t rename_inventory_source(std::int64_t organisation_id, const std::string& from, const std::string& to, const std::string& reason);
    // The row's earlier versions, oldest first (the current one is inventory_row()).
    std::vector<inventory_version> inventory_history(std::int64_t organisation_id, std::int64_t row_id) const;

    // ---- reporting boundary (boundary_store.cpp)
    // Declares sources the organisation's inventory covers. A source already declared from the same
    // period is counted unchanged; from another period, its start moves (counted as added).
    import_result set_boundary(std::int64_t organisation_id, const std::vector<boundary_source>& sources, const std::string& input_file);
    // False when the source is not in the boundary.
    bool remove_boundary_source(std::int64_t organisation_id, const std::string& source);
    // Records that a boundary source does not occur in a period; false when already recorded.
    bool mark_not_applicable(std::int64_t organisation_id, const not_applicable_source& mark);
    reporting_boundary boundary(std::int64_t organisation_id) const;

    // ---- area (area_store.cpp)
    enum class area_import_outcome { added, replaced, already_stored };
    // Stores the file `read` delivers as the release `name`, in one transaction. A release already
    // stored is left alone (already_stored, `read` not called) unless `replace` is set.
    area_import_outcome import_area_release(const std::string& name, area_layout layout, const std::string& source_file, bool replace,
                                            const std::function<void(area_sink&)>& read);
    std::vector<area_release> area_releases() const;
    // The named release, or the newest (last imported) when `name` is empty; nullopt when absent.
    std::optional<area_release> find_area_release(const std::string& name) const;
    std::vector<area_authority_entry> area_authorities(std::int64_t release_id) const;
    std::vector<area_subsector_entry> area_subsectors() const;
    // A release's figures and populations for the given authorities (every authority when empty),
    // in every year or one: a cell per sub-sector and gas, missing figures left missing.
    area_data area_figures(const area_release& release, const std::vector<std::int64_t>& authority_ids, std::optional<int> year) const;
    // Every authority's figures summed over sub-sectors and gases, one cell per authority and year
    // (sub-sector id 0), for totals over a whole release; SQLite's SUM keeps an all-missing year
    // missing. Not for sector breakdowns.
    area_data area_authority_totals(const area_release& release) const;
    // Replaces the identifier table (GSS code, mySociety code, name, tier) with `rows`.
    void set_area_codes(const std::vector<area_code_row>& rows);
    std::vector<area_code_row> area_codes() const;

    // ---- targets (target_store.cpp)
    // Adds the organisation's target; a target of the same name is an error unless `replace`, and
    // an identical one is reported as already stored (false) so a re-run changes nothing.
    bool add_target(std::int64_t organisation_id, const target& t, bool replace);
    std::vector<target> targets(std::int64_t organisation_id) const;
    // False when the organisation has no target of that name.
    bool remove_target(std::int64_t organisation_id, const std::string& name);

    // ---- indicators (indicator_store.cpp)
    // Checks the batch against the organisation's indicators (check_indicator_batch) and stores it in
    // one transaction: new definitions and values are added, identical ones counted unchanged, and any
    // problem is an import_errors at its line with nothing written.
    import_result add_indicators(std::int64_t organisation_id, const indicator_batch& batch);
    std::vector<indicator_definition> indicator_definitions(std::int64_t organisation_id) const;
    std::vector<indicator_value> indicator_values(std::int64_t organisation_id) const;
    // Corrections (each keeps the previous version in indicator_value_history, with its reason).
    // A value id the organisation does not hold is a data_error.
    void correct_indicator_value(std::int64_t organisation_id, std::int64_t value_id, double amount, const std::string& reason);
    void remove_indicator_value(std::int64_t organisation_id, std::int64_t value_id, const std::string& reason);
    // Replaces a definition's goal, deadline, unit label, source or note, keeping its values; a change of
    // kind, direction or unit dimension that would reinterpret stored values is a data_error. False when
    // the definition is already as given.
    bool replace_indicator_definition(std::int64_t organisation_id, const indicator_definition& definition, const std::string& reason);

    // ---- audit trail (audit_store.cpp)
    // One command's change to the database, audited. It takes the write lock at once (BEGIN IMMEDIATE,
    // waiting out the busy timeout) so what the command reads before it writes cannot go stale, and counts
    // every row inserted, updated or deleted in any table meanwhile (cascades and WITHOUT ROWID tables
    // too). commit() appends the audit record, when anything changed, and commits; destroyed uncommitted,
    // it rolls back the change and its record together. Store calls made inside nest as savepoints.
    class audited_change {
    public:
        audited_change(store& s, audit_entry draft);
        ~audited_change();
        audited_change(const audited_change&) = delete;
        audited_change& operator=(const audited_change&) = delete;

        void set_organisation(const std::string& name);
        void set_input_sha256(const std::string& hex);
        // Why the command changed what it changed (a correction's or removal's --reason).
        void set_reason(const std::string& reason);
        // The record appended, or nullopt when the command changed nothing (a re-run logs nothing).
        std::optional<audit_entry> commit();

        struct row_counts;

    private:
        store& store_;
        audit_entry draft_;
        std::unique_ptr<row_counts> counts_;
        bool done_ = false;
    };
    // The newest `limit` records (every record when nullopt), oldest first.
    std::vector<audit_entry> audit_log(std::optional<std::size_t> limit = std::nullopt) const;

    // ---- factor revisions and restatements (restate_store.cpp)
    // Stores a revised factor set as `revision` beside the published factors, never over them: factors
    // equal to the published ones are counted unchanged; one with no published original, or one the
    // revision already holds with another value, is an import_errors at its line.
    import_result add_factor_revision(const std::string& revision, const std::vector<factor_record>& factors, const std::string& input_file);
    // The CO2e factor now stored for a year, name and unit: the latest revision's value, else the published one.
    std::optional<factor_record> current_factor(int year, const std::string& name, const std::string& unit) const;
    // Writes the plan's new figures for the organisation, keeping the old ones in the history, under one
    // restatement record with its reason; returns the restatement's id.
    std::int64_t apply_restatement(std::int64_t organisation_id, const restatement_plan& plan, const std::string& periods, const std::string& reason);

    // ---- backup and integrity (backup_store.cpp)
    // Copies the database with SQLite's online backup API into `target`, a file that must not exist yet;
    // readers and writers may carry on meanwhile.
    void backup_to(const std::filesystem::path& target) const;
    // PRAGMA integrity_check and PRAGMA foreign_key_check, one line per problem; empty when sound.
    std::vector<std::string> integrity_problems() const;
    std::vector<std::string> foreign_key_problems() const;

    struct impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace carbontrack
