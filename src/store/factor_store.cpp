#include "carbontrack/error.hpp"
#include "store/connection.hpp"

#include <cmath>

namespace carbontrack {

using storage_errors::guarded;

namespace {

factor_record read_factor(SQLite::Statement& row) {
    factor_record f;
    f.year = row.getColumn(0).getInt();
    f.name = row.getColumn(1).getString();
    f.unit = row.getColumn(2).getString();
    f.gas = row.getColumn(3).getString();
    f.kg_per_unit = row.getColumn(4).getDouble();
    f.scope = row.getColumn(5).getString();
    f.source = row.getColumn(6).getString();
    f.line = static_cast<std::size_t>(row.getColumn(7).getInt64());
    return f;
}

constexpr const char* factor_columns = "factor_year, name, unit, gas, kg_per_unit, scope, source, ifnull(input_line, 0)";

}  // namespace

import_result store::add_factors(const std::vector<factor_record>& factors, const std::string& input_file) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        import_result result;
        error_collector conflicts(input_file);
        SQLite::Statement existing(impl_->db, "SELECT kg_per_unit FROM factor WHERE factor_year = ? AND name = ? AND unit = ? AND gas = ?");
        SQLite::Statement insert(impl_->db,
                                 "INSERT INTO factor (factor_year, name, unit, gas, kg_per_unit, scope, source, input_file, input_line) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // A key name that is an alias of a level path is that factor, so it is compared with (and
        // stored as) the path it stands for: the same factor can never be stored twice under two names.
        SQLite::Statement alias_of(impl_->db, "SELECT name FROM factor_alias WHERE alias = ? AND factor_year = ?");
        for (auto f : factors) {
            alias_of.reset();
            alias_of.bind(1, f.name);
            alias_of.bind(2, f.year);
            if (alias_of.executeStep()) f.name = alias_of.getColumn(0).getString();
            existing.reset();
            factor_binding::bind_key(existing, 1, f);
            if (existing.executeStep()) {
                const double stored = existing.getColumn(0).getDouble();
                if (same_stored_value(stored, f.kg_per_unit)) {
                    ++result.unchanged;
                } else {
                    conflicts.add(f.line, "the " + std::to_string(f.year) + " factor '" + f.name + "' per " + f.unit + " (" + f.gas +
                                              ") is already stored as " + std::to_string(stored) +
                                              "; a changed published factor is a restatement, not an import");
                }
                continue;
            }
            insert.reset();
            factor_binding::bind_row(insert, 1, f, input_file);
            insert.exec();
            ++result.added;
        }
        conflicts.throw_if_any();
        tx.commit();
        return result;
    });
}

std::vector<factor_record> store::factors_named(int year, const std::string& name) const {
    return guarded(impl_->path, [&] {
        std::vector<factor_record> result;
        SQLite::Statement query(impl_->db, std::string("SELECT ") + factor_columns +
                                               " FROM factor WHERE factor_year = ?1 AND name = coalesce("
                                               "(SELECT name FROM factor_alias WHERE alias = ?2 AND factor_year = ?1), ?2) ORDER BY unit, gas");
        query.bind(1, year);
        query.bind(2, name);
        while (query.executeStep()) result.push_back(read_factor(query));
        return result;
    });
}

import_result store::add_factor_aliases(const std::vector<factor_alias>& aliases, const std::string& input_file) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        import_result result;
        error_collector errors(input_file);
        SQLite::Statement stored(impl_->db, "SELECT name FROM factor_alias WHERE alias = ? AND factor_year = ?");
        SQLite::Statement path_exists(impl_->db, "SELECT 1 FROM factor WHERE factor_year = ? AND name = ? LIMIT 1");
        SQLite::Statement insert(impl_->db, "INSERT INTO factor_alias (alias, factor_year, name) VALUES (?, ?, ?)");
        for (const auto& a : aliases) {
            stored.reset();
            stored.bind(1, a.alias);
            stored.bind(2, a.year);
            if (stored.executeStep()) {
                const std::string current = stored.getColumn(0).getString();
                if (current == a.level_path)
                    ++result.unchanged;
                else
                    errors.add(a.line, "'" + a.alias + "' already stands for '" + current + "' in " + std::to_string(a.year), "level_path");
                continue;
            }
            path_exists.reset();
            path_exists.bind(1, a.year);
            path_exists.bind(2, a.level_path);
            if (!path_exists.executeStep()) {
                errors.add(a.line, "no " + std::to_string(a.year) + " factor is stored under '" + a.level_path +
                                       "'; import that year's DESNZ workbook first", "level_path");
                continue;
            }
            insert.reset();
            insert.bind(1, a.alias);
            insert.bind(2, a.year);
            insert.bind(3, a.level_path);
            insert.exec();
            ++result.added;
        }
        errors.throw_if_any();
        tx.commit();
        return result;
    });
}

std::vector<int> store::factor_years() const {
    return guarded(impl_->path, [&] {
        std::vector<int> years;
        SQLite::Statement query(impl_->db, "SELECT DISTINCT factor_year FROM factor ORDER BY factor_year");
        while (query.executeStep()) years.push_back(query.getColumn(0).getInt());
        return years;
    });
}

std::vector<factor_record> store::list_factors(const factor_query& q) const {
    return guarded(impl_->path, [&] {
        std::vector<factor_record> result;
        SQLite::Statement query(impl_->db, std::string("SELECT ") + factor_columns +
                                               " FROM factor WHERE (?1 IS NULL OR factor_year = ?1)"
                                               " AND (?2 IS NULL OR instr(lower(name), lower(?2)) > 0)"
                                               " AND (?3 = 0 OR gas = 'CO2e')"
                                               " ORDER BY factor_year, name, unit, gas");
        if (q.year) query.bind(1, *q.year);
        if (q.name_contains) query.bind(2, *q.name_contains);
        query.bind(3, q.co2e_only ? 1 : 0);
        while (query.executeStep()) result.push_back(read_factor(query));
        return result;
    });
}

std::size_t store::factor_count() const {
    return guarded(impl_->path, [&] { return static_cast<std::size_t>(impl_->db.execAndGet("SELECT count(*) FROM factor").getInt64()); });
}

}  // namespace carbontrack
