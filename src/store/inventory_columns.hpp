// How an inventory row is read from and written to its table, shared by the import and the corrections.
// Private to src/store: the column lists and the entry they map to change together, here only.
#pragma once

#include "carbontrack/inventory.hpp"
#include "store/connection.hpp"

#include <cstdint>

namespace carbontrack::inventory_columns {

// Every column read_entry() reads, in order, from `source` (rows with their latest restatement and correction marks).
extern const char* const columns;
extern const char* const source;

// Columns 0..18: the row's id and stored fields (the history table's rows read the same way).
inventory_entry read_fields(SQLite::Statement& row);
// read_fields() and the marks in columns 19..26.
inventory_entry read_entry(SQLite::Statement& row);

// Binds a row's stored fields, organisation first, to parameters 1..19 in the order of `insert_columns`.
extern const char* const insert_columns;
void bind_entry(SQLite::Statement& statement, std::int64_t organisation_id, const inventory_entry& e);

// Binds a row's identity (kind, start, scope or 0, source, site, factor name or '') to parameters first .. first + 5.
void bind_identity(SQLite::Statement& statement, int first, const inventory_entry& e);
// The identity condition over those six parameters, numbered from ?N: "period_kind = ?N AND ...".
std::string identity_condition(int first);

}  // namespace carbontrack::inventory_columns
