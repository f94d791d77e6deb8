#include "carbontrack/error.hpp"
#include "store/connection.hpp"

namespace carbontrack {

using storage_errors::guarded;
using storage_keys::kind_from_key;
using storage_keys::kind_key;

namespace {

// A typed mass stored as kilograms plus the name of its gas.
std::pair<double, const char*> stored_mass(const units::gas_mass& mass) {
    if (const auto* co2e = std::get_if<units::co2e_mass>(&mass)) return {in(*co2e, units::kilogram_co2e), "CO2e"};
    return {in(std::get<units::co2_mass>(mass), units::kilogram_co2), "CO2"};
}

units::gas_mass typed_mass(double kilograms, const std::string& gas) {
    if (gas == "CO2") return kilograms * units::kilogram_co2;
    return kilograms * units::kilogram_co2e;
}

bool same_definition(const target& a, const target& b) {
    const auto& x = a.definition();
    const auto& y = b.definition();
    auto same_mass = [](const std::optional<units::gas_mass>& m, const std::optional<units::gas_mass>& n) {
        if (m.has_value() != n.has_value()) return false;
        return !m || (stored_mass(*m).first == stored_mass(*n).first && std::string(stored_mass(*m).second) == stored_mass(*n).second);
    };
    const bool same_budget = x.budget.has_value() == y.budget.has_value() &&
                             (!x.budget || (x.budget->from == y.budget->from && same_mass(x.budget->amount, y.budget->amount)));
    return x.name == y.name && x.entity == y.entity && x.series == y.series && x.baseline == y.baseline &&
           x.milestones == y.milestones && x.pathway == y.pathway && same_budget && same_mass(x.baseline_value, y.baseline_value);
}

}  // namespace

bool store::add_target(std::int64_t organisation_id, const target& t, bool replace) {
    for (const auto& existing : targets(organisation_id)) {
        if (existing.name() != t.name()) continue;
        if (same_definition(existing, t)) return false;
        if (!replace)
            throw data_error("a target named '" + t.name() + "' already exists with a different definition; use --replace to change it");
    }
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        remove_target(organisation_id, t.name());
        SQLite::Statement insert(impl_->db,
                                 "INSERT INTO target (organisation_id, name, entity, series, period_kind, baseline_start, pathway, "
                                 "baseline_value_kg, baseline_gas, budget_kg, budget_gas, budget_from_start) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insert.bind(1, organisation_id);
        insert.bind(2, t.name());
        insert.bind(3, t.entity());
        insert.bind(4, t.series());
        insert.bind(5, kind_key(t.baseline().kind()));
        insert.bind(6, t.baseline().start_year());
        insert.bind(7, std::string(to_string(t.pathway())));
        if (t.baseline_value()) {
            const auto [kg, gas] = stored_mass(*t.baseline_value());
            insert.bind(8, kg);
            insert.bind(9, gas);
        }
        if (t.budget()) {
            const auto [kg, gas] = stored_mass(t.budget()->amount);
            insert.bind(10, kg);
            insert.bind(11, gas);
            insert.bind(12, t.budget()->from.start_year());
        }
        insert.exec();
        const auto id = impl_->db.getLastInsertRowid();
        SQLite::Statement milestone(impl_->db, "INSERT INTO target_milestone (target_id, period_start, reduction_pct) VALUES (?, ?, ?)");
        for (const auto& m : t.milestones()) {
            milestone.reset();
            milestone.bind(1, id);
            milestone.bind(2, m.when.start_year());
            milestone.bind(3, m.reduction_pct);
            milestone.exec();
        }
        tx.commit();
        return true;
    });
}

std::vector<target> store::targets(std::int64_t organisation_id) const {
    return guarded(impl_->path, [&] {
        std::vector<target> result;
        SQLite::Statement query(impl_->db,
                                "SELECT id, name, entity, series, period_kind, baseline_start, pathway, baseline_value_kg, baseline_gas, "
                                "budget_kg, budget_gas, budget_from_start FROM target WHERE organisation_id = ? ORDER BY name");
        SQLite::Statement milestones(impl_->db,
                                     "SELECT period_start, reduction_pct FROM target_milestone WHERE target_id = ? ORDER BY period_start");
        query.bind(1, organisation_id);
        while (query.executeStep()) {
            const auto kind = kind_from_key(query.getColumn(4).getString());
            target_definition d{query.getColumn(1).getString(), query.getColumn(2).getString(), query.getColumn(3).getString(),
                                period::from_key(kind, query.getColumn(5).getInt()), {}, parse_pathway_kind(query.getColumn(6).getString()),
                                std::nullopt, std::nullopt};
            if (!query.getColumn(7).isNull()) d.baseline_value = typed_mass(query.getColumn(7).getDouble(), query.getColumn(8).getString());
            if (!query.getColumn(9).isNull())
                d.budget = carbon_budget{typed_mass(query.getColumn(9).getDouble(), query.getColumn(10).getString()),
                                         period::from_key(kind, query.getColumn(11).getInt())};
            milestones.reset();
            milestones.bind(1, query.getColumn(0).getInt64());
            while (milestones.executeStep())
                d.milestones.push_back({period::from_key(kind, milestones.getColumn(0).getInt()), milestones.getColumn(1).getDouble()});
            result.emplace_back(std::move(d));
        }
        return result;
    });
}

bool store::remove_target(std::int64_t organisation_id, const std::string& name) {
    return guarded(impl_->path, [&] {
        SQLite::Statement remove(impl_->db, "DELETE FROM target WHERE organisation_id = ? AND name = ?");
        remove.bind(1, organisation_id);
        remove.bind(2, name);
        return remove.exec() > 0;
    });
}

}  // namespace carbontrack
