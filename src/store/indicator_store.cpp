#include "carbontrack/error.hpp"
#include "store/connection.hpp"

#include <algorithm>

namespace carbontrack {

using storage_errors::guarded;
using storage_keys::kind_from_key;
using storage_keys::kind_key;

namespace {

constexpr const char* definition_columns =
    "name, kind, unit, direction, ifnull(numerator, ''), ifnull(denominator, ''), goal_in_unit, goal_period_kind, goal_deadline_start, "
    "goal_baseline_start, source, note";

indicator_definition read_definition(SQLite::Statement& row) {
    indicator_definition d;
    d.name = row.getColumn(0).getString();
    d.kind = parse_indicator_kind(row.getColumn(1).getString()).value_or(indicator_kind::level);
    d.unit = row.getColumn(2).getString();
    d.direction = parse_direction(row.getColumn(3).getString()).value_or(desired_direction::up);
    d.numerator = row.getColumn(4).getString();
    d.denominator = row.getColumn(5).getString();
    if (!row.getColumn(6).isNull()) {
        indicator_goal goal{row.getColumn(6).getDouble(), std::nullopt, std::nullopt};
        if (!row.getColumn(7).isNull()) {
            const auto kind = kind_from_key(row.getColumn(7).getString());
            if (!row.getColumn(8).isNull()) goal.deadline = period::from_key(kind, row.getColumn(8).getInt());
            if (!row.getColumn(9).isNull()) goal.baseline = period::from_key(kind, row.getColumn(9).getInt());
        }
        d.goal = goal;
    }
    d.source = row.getColumn(10).getString();
    d.note = row.getColumn(11).getString();
    return d;
}

void bind_definition(SQLite::Statement& insert, std::int64_t organisation_id, const indicator_definition& d) {
    insert.bind(1, organisation_id);
    insert.bind(2, d.name);
    insert.bind(3, std::string(to_string(d.kind)));
    insert.bind(4, d.unit);
    insert.bind(5, std::string(to_string(d.direction)));
    for (int i = 6; i <= 11; ++i) insert.bind(i);
    if (d.kind == indicator_kind::ratio) {
        insert.bind(6, d.numerator);
        insert.bind(7, d.denominator);
    }
    if (d.goal) {
        insert.bind(8, d.goal->value);
        const auto& any_period = d.goal->deadline ? d.goal->deadline : d.goal->baseline;
        if (any_period) insert.bind(9, kind_key(any_period->kind()));
        if (d.goal->deadline) insert.bind(10, d.goal->deadline->start_year());
        if (d.goal->baseline) insert.bind(11, d.goal->baseline->start_year());
    }
    insert.bind(12, d.source);
    insert.bind(13, d.note);
}

}  // namespace

import_result store::add_indicators(std::int64_t organisation_id, const indicator_batch& batch) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        const auto stored_definitions = indicator_definitions(organisation_id);
        const auto stored_values = indicator_values(organisation_id);
        error_collector errors(batch.input_file);
        check_indicator_batch(batch, stored_definitions, stored_values, errors);
        errors.throw_if_any();

        import_result result;
        SQLite::Statement insert_definition(
            impl_->db,
            "INSERT INTO indicator (organisation_id, name, kind, unit, direction, numerator, denominator, goal_in_unit, goal_period_kind, "
            "goal_deadline_start, goal_baseline_start, source, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (organisation_id, name) DO NOTHING");
        // Parts before ratios, so a ratio's references resolve as it is inserted.
        auto definitions = batch.definitions;
        std::stable_partition(definitions.begin(), definitions.end(), [](const auto& d) { return d.kind != indicator_kind::ratio; });
        for (const auto& d : definitions) {
            insert_definition.reset();
            bind_definition(insert_definition, organisation_id, d);
            if (insert_definition.exec() == 0) ++result.unchanged;
            else ++result.added;
        }

        SQLite::Statement insert_value(
            impl_->db,
            "INSERT INTO indicator_value (indicator_id, area, period_kind, period_start, amount_in_unit, basis, quality, source, note, "
            "input_file, input_line) SELECT id, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM indicator WHERE organisation_id = ? AND name = ? "
            "ON CONFLICT DO NOTHING");
        for (const auto& v : batch.values) {
            insert_value.reset();
            insert_value.bind(1, v.area);
            insert_value.bind(2, kind_key(v.when.kind()));
            insert_value.bind(3, v.when.start_year());
            insert_value.bind(4, v.amount);
            insert_value.bind(5, std::string(to_string(v.basis)));
            insert_value.bind(6, std::string(to_string(v.quality)));
            insert_value.bind(7, v.source);
            insert_value.bind(8, v.note);
            insert_value.bind(9, v.input_file);
            insert_value.bind(10, static_cast<std::int64_t>(v.input_line));
            insert_value.bind(11, organisation_id);
            insert_value.bind(12, v.indicator);
            if (insert_value.exec() == 0) ++result.unchanged;
            else ++result.added;
        }
        tx.commit();
        return result;
    });
}

std::vector<indicator_definition> store::indicator_definitions(std::int64_t organisation_id) const {
    return guarded(impl_->path, [&] {
        std::vector<indicator_definition> result;
        SQLite::Statement query(impl_->db, std::string("SELECT ") + definition_columns + " FROM indicator WHERE organisation_id = ? ORDER BY name");
        query.bind(1, organisation_id);
        while (query.executeStep()) result.push_back(read_definition(query));
        return result;
    });
}

std::vector<indicator_value> store::indicator_values(std::int64_t organisation_id) const {
    return guarded(impl_->path, [&] {
        std::vector<indicator_value> result;
        SQLite::Statement query(impl_->db,
                                "SELECT i.name, v.area, v.period_kind, v.period_start, v.amount_in_unit, v.basis, v.quality, v.source, v.note, "
                                "v.input_file, ifnull(v.input_line, 0) FROM indicator_value v JOIN indicator i ON i.id = v.indicator_id "
                                "WHERE i.organisation_id = ? ORDER BY i.name, v.area, v.period_kind, v.period_start");
        query.bind(1, organisation_id);
        while (query.executeStep()) {
            indicator_value v;
            v.indicator = query.getColumn(0).getString();
            v.area = query.getColumn(1).getString();
            v.when = period::from_key(kind_from_key(query.getColumn(2).getString()), query.getColumn(3).getInt());
            v.amount = query.getColumn(4).getDouble();
            v.basis = parse_value_basis(query.getColumn(5).getString()).value_or(value_basis::period_amount);
            v.quality = parse_value_quality(query.getColumn(6).getString()).value_or(value_quality::unspecified);
            v.source = query.getColumn(7).getString();
            v.note = query.getColumn(8).getString();
            v.input_file = query.getColumn(9).getString();
            v.input_line = static_cast<std::size_t>(query.getColumn(10).getInt64());
            result.push_back(std::move(v));
        }
        return result;
    });
}

}  // namespace carbontrack
