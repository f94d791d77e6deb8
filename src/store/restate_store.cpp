#include "carbontrack/error.hpp"
#include "carbontrack/restate.hpp"
#include "store/connection.hpp"

#include <cmath>

namespace carbontrack {

using storage_errors::guarded;
using storage_keys::kind_key;

import_result store::add_factor_revision(const std::string& revision, const std::vector<factor_record>& factors, const std::string& input_file) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        import_result result;
        error_collector problems(input_file);
        SQLite::Statement published(impl_->db, "SELECT kg_per_unit FROM factor WHERE factor_year = ? AND name = ? AND unit = ? AND gas = ?");
        SQLite::Statement revised(impl_->db,
                                  "SELECT kg_per_unit FROM factor_revision WHERE revision = ? AND factor_year = ? AND name = ? AND unit = ? AND gas = ?");
        SQLite::Statement insert(impl_->db,
                                 "INSERT INTO factor_revision (revision, factor_year, name, unit, gas, kg_per_unit, scope, source, input_file, input_line) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (const auto& f : factors) {
            published.reset();
            factor_binding::bind_key(published, 1, f);
            if (!published.executeStep()) {
                problems.add(f.line, "the " + std::to_string(f.year) + " factor '" + f.name + "' per " + f.unit + " (" + f.gas +
                                         ") has no published original to revise; import it without --as-revision");
                continue;
            }
            if (same_stored_value(published.getColumn(0).getDouble(), f.kg_per_unit)) {
                ++result.unchanged;
                continue;
            }
            revised.reset();
            revised.bind(1, revision);
            factor_binding::bind_key(revised, 2, f);
            if (revised.executeStep()) {
                if (same_stored_value(revised.getColumn(0).getDouble(), f.kg_per_unit)) ++result.unchanged;
                else
                    problems.add(f.line, "revision '" + revision + "' already holds the " + std::to_string(f.year) + " factor '" + f.name +
                                             "' per " + f.unit + " with another value; name a new revision");
                continue;
            }
            insert.reset();
            insert.bind(1, revision);
            factor_binding::bind_row(insert, 2, f, input_file);
            insert.exec();
            ++result.added;
        }
        problems.throw_if_any();
        tx.commit();
        return result;
    });
}

std::optional<factor_record> store::current_factor(int year, const std::string& name, const std::string& unit) const {
    return guarded(impl_->path, [&]() -> std::optional<factor_record> {
        // The latest revision wins (revision ids start at 1); a factor never revised is the published one.
        SQLite::Statement query(impl_->db,
                                "SELECT kg_per_unit, scope, 'revision ' || quote(revision), id FROM factor_revision "
                                "WHERE factor_year = ?1 AND name = ?2 AND unit = ?3 AND gas = 'CO2e' "
                                "UNION ALL SELECT kg_per_unit, scope, source, 0 FROM factor "
                                "WHERE factor_year = ?1 AND name = ?2 AND unit = ?3 AND gas = 'CO2e' "
                                "ORDER BY 4 DESC LIMIT 1");
        query.bind(1, year);
        query.bind(2, name);
        query.bind(3, unit);
        if (!query.executeStep()) return std::nullopt;
        factor_record f;
        f.year = year;
        f.name = name;
        f.unit = unit;
        f.gas = "CO2e";
        f.kg_per_unit = query.getColumn(0).getDouble();
        f.scope = query.getColumn(1).getString();
        f.source = query.getColumn(2).getString();
        return f;
    });
}

std::int64_t store::apply_restatement(std::int64_t organisation_id, const restatement_plan& plan, const std::string& periods,
                                      const std::string& reason) {
    if (plan.rows.empty()) throw data_error("nothing to restate: every figure already uses the factors now stored");
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        SQLite::Statement restatement(impl_->db, "INSERT INTO restatement (organisation_id, factor_year, periods, reason, applied_at) VALUES (?, ?, ?, ?, ?)");
        restatement.bind(1, organisation_id);
        restatement.bind(2, plan.factor_year);
        restatement.bind(3, periods);
        restatement.bind(4, reason);
        restatement.bind(5, utc_timestamp());
        restatement.exec();
        const std::int64_t restatement_id = impl_->db.getLastInsertRowid();

        SQLite::Statement find(impl_->db,
                               "SELECT id, factor_kg_co2e_per_unit, ifnull(factor_source, ''), emissions_kg_co2e FROM inventory_row "
                               "WHERE organisation_id = ? AND removed_at IS NULL AND period_kind = ? AND period_start = ? AND ifnull(scope, 0) = ? "
                               "AND source = ? AND site = ? AND ifnull(factor_name, '') = ?");
        SQLite::Statement history(impl_->db,
                                  "INSERT INTO inventory_row_history (restatement_id, inventory_row_id, old_factor_kg_co2e_per_unit, old_factor_source, "
                                  "old_emissions_kg_co2e, new_factor_kg_co2e_per_unit, new_factor_source, new_emissions_kg_co2e) "
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        SQLite::Statement update(impl_->db,
                                 "UPDATE inventory_row SET factor_kg_co2e_per_unit = ?, factor_source = ?, emissions_kg_co2e = ? WHERE id = ?");
        for (const auto& row : plan.rows) {
            const auto& e = row.before;
            find.reset();
            find.bind(1, organisation_id);
            find.bind(2, kind_key(e.when.kind()));
            find.bind(3, e.when.start_year());
            find.bind(4, e.scope.value_or(0));
            find.bind(5, e.source);
            find.bind(6, e.site);
            find.bind(7, e.factor->name);
            // The plan was made from what is stored; a figure that moved since is not restated blind.
            if (!find.executeStep() || !same_stored_value(find.getColumn(3).getDouble(), in(e.emissions, units::kilogram_co2e)))
                throw data_error(e.when.label() + " " + e.source + " changed since the restatement was planned; run it again");
            const std::int64_t row_id = find.getColumn(0).getInt64();
            const double new_kg = in(row.after, units::kilogram_co2e);
            history.reset();
            history.bind(1, restatement_id);
            history.bind(2, row_id);
            history.bind(3, find.getColumn(1).getDouble());
            history.bind(4, find.getColumn(2).getString());
            history.bind(5, find.getColumn(3).getDouble());
            history.bind(6, row.factor.kg_per_unit);
            history.bind(7, row.factor.source);
            history.bind(8, new_kg);
            history.exec();
            update.reset();
            update.bind(1, row.factor.kg_per_unit);
            update.bind(2, row.factor.source);
            update.bind(3, new_kg);
            update.bind(4, row_id);
            update.exec();
        }
        tx.commit();
        return restatement_id;
    });
}

}  // namespace carbontrack
