#include "carbontrack/error.hpp"
#include "store/connection.hpp"

#include <algorithm>

namespace carbontrack {

using storage_errors::guarded;

namespace {

// Receives a release row by row from a reader and writes it with prepared statements; the reader's
// interned indices become database ids as each name is announced.
class release_writer final : public area_sink {
public:
    release_writer(SQLite::Database& db, std::int64_t release_id)
        : db_(db),
          release_id_(release_id),
          find_authority_(db, "SELECT id FROM area_authority WHERE code = ?"),
          insert_authority_(db, "INSERT INTO area_authority (code) VALUES (?)"),
          insert_release_authority_(db, "INSERT INTO area_release_authority (release_id, authority_id, name, parent) VALUES (?, ?, ?, ?)"),
          insert_value_(db,
                        "INSERT INTO area_value (release_id, authority_id, year, subsector_id, gas_id, territorial_kt, within_scope_kt) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"),
          insert_population_(db, "INSERT INTO area_population (release_id, authority_id, year, population_thousands, area_km2) VALUES (?, ?, ?, ?, ?)") {}

    void add_authority(std::uint32_t index, const area_authority_info& authority) override {
        find_authority_.reset();
        find_authority_.bind(1, authority.code);
        std::int64_t id = 0;
        if (find_authority_.executeStep()) {
            id = find_authority_.getColumn(0).getInt64();
        } else {
            insert_authority_.reset();
            insert_authority_.bind(1, authority.code);
            insert_authority_.exec();
            id = db_.getLastInsertRowid();
        }
        insert_release_authority_.reset();
        insert_release_authority_.bind(1, release_id_);
        insert_release_authority_.bind(2, id);
        insert_release_authority_.bind(3, authority.name);
        insert_release_authority_.bind(4, authority.parent);
        insert_release_authority_.exec();
        assign(authorities_, index, id);
    }

    void add_subsector(std::uint32_t index, const std::string& sector, const std::string& subsector) override {
        SQLite::Statement sector_id(db_, "INSERT INTO area_sector (name) VALUES (?1) ON CONFLICT (name) DO UPDATE SET name = ?1 RETURNING id");
        sector_id.bind(1, sector);
        sector_id.executeStep();
        const auto sector_key = sector_id.getColumn(0).getInt64();
        sector_id.reset();
        SQLite::Statement subsector_id(db_, "INSERT INTO area_subsector (sector_id, name) VALUES (?1, ?2) "
                                            "ON CONFLICT (sector_id, name) DO UPDATE SET name = ?2 RETURNING id");
        subsector_id.bind(1, sector_key);
        subsector_id.bind(2, subsector);
        subsector_id.executeStep();
        assign(subsectors_, index, subsector_id.getColumn(0).getInt64());
    }

    void add_gas(std::uint32_t index, const std::string& gas) override {
        SQLite::Statement gas_id(db_, "INSERT INTO area_gas (name) VALUES (?1) ON CONFLICT (name) DO UPDATE SET name = ?1 RETURNING id");
        gas_id.bind(1, gas);
        gas_id.executeStep();
        assign(gases_, index, gas_id.getColumn(0).getInt64());
    }

    bool add_value(const area_value& v) override {
        insert_value_.reset();
        insert_value_.bind(1, release_id_);
        insert_value_.bind(2, authorities_.at(v.authority));
        insert_value_.bind(3, v.year);
        insert_value_.bind(4, subsectors_.at(v.subsector));
        insert_value_.bind(5, gases_.at(v.gas));
        bind_optional(insert_value_, 6, v.territorial_kt);
        bind_optional(insert_value_, 7, v.within_scope_kt);
        if (insert_value_.exec() != 1) return false;
        ++stored_;
        within_scope_seen_ = within_scope_seen_ || v.within_scope_kt.has_value();
        territorial_seen_ = territorial_seen_ || v.territorial_kt.has_value();
        first_year_ = stored_ == 1 ? v.year : std::min(first_year_, v.year);
        last_year_ = std::max(last_year_, v.year);
        return true;
    }

    // Records how many figures the release holds and which years, once the reader is done.
    void finish() {
        SQLite::Statement update(db_, "UPDATE area_release SET value_count = ?, first_year = ?, last_year = ?, has_within_scope = ?, "
                                      "has_territorial = ? WHERE id = ?");
        update.bind(1, static_cast<std::int64_t>(stored_));
        if (stored_ > 0) {
            update.bind(2, first_year_);
            update.bind(3, last_year_);
        }
        update.bind(4, within_scope_seen_ ? 1 : 0);
        update.bind(5, territorial_seen_ ? 1 : 0);
        update.bind(6, release_id_);
        update.exec();
    }

    void add_population(const area_population& p) override {
        insert_population_.reset();
        insert_population_.bind(1, release_id_);
        insert_population_.bind(2, authorities_.at(p.authority));
        insert_population_.bind(3, p.year);
        bind_optional(insert_population_, 4, p.population_thousands);
        bind_optional(insert_population_, 5, p.area_km2);
        insert_population_.exec();
    }

private:
    static void assign(std::vector<std::int64_t>& ids, std::uint32_t index, std::int64_t id) {
        if (ids.size() <= index) ids.resize(index + 1, 0);
        ids[index] = id;
    }

    static void bind_optional(SQLite::Statement& statement, int at, const std::optional<double>& value) {
        if (value) statement.bind(at, *value);
        else statement.bind(at);
    }

    SQLite::Database& db_;
    std::int64_t release_id_;
    SQLite::Statement find_authority_;
    SQLite::Statement insert_authority_;
    SQLite::Statement insert_release_authority_;
    SQLite::Statement insert_value_;
    SQLite::Statement insert_population_;
    std::vector<std::int64_t> authorities_;
    std::vector<std::int64_t> subsectors_;
    std::vector<std::int64_t> gases_;
    std::size_t stored_ = 0;
    bool within_scope_seen_ = false;
    bool territorial_seen_ = false;
    int first_year_ = 0;
    int last_year_ = 0;
};

std::optional<double> optional_double(const SQLite::Column& column) {
    return column.isNull() ? std::nullopt : std::optional<double>(column.getDouble());
}

constexpr const char* release_columns = "r.id, r.name, r.layout, r.source_file, r.imported_at, r.value_count, ifnull(r.first_year, 0), "
                                        "ifnull(r.last_year, 0), r.detail, r.has_within_scope, r.has_territorial";

area_release read_release(SQLite::Statement& row) {
    area_release r;
    r.id = row.getColumn(0).getInt64();
    r.name = row.getColumn(1).getString();
    r.layout = parse_area_layout(row.getColumn(2).getString()).value_or(area_layout::desnz_ghg);
    r.source_file = row.getColumn(3).getString();
    r.imported_at = row.getColumn(4).getString();
    r.values = static_cast<std::size_t>(row.getColumn(5).getInt64());
    r.first_year = row.getColumn(6).getInt();
    r.last_year = row.getColumn(7).getInt();
    r.detail = row.getColumn(8).getString() == "totals" ? area_detail::totals : area_detail::sectors;
    r.has_within_scope = row.getColumn(9).getInt() != 0;
    r.has_territorial = row.getColumn(10).getInt() != 0;
    return r;
}

}  // namespace

store::area_import_outcome store::import_area_release(const std::string& name, area_layout layout, const std::string& source_file, bool replace,
                                                      const std::function<void(area_sink&)>& read) {
    return guarded(impl_->path, [&] {
        transaction tx(*this);
        SQLite::Statement existing(impl_->db, "SELECT id FROM area_release WHERE name = ?");
        existing.bind(1, name);
        std::optional<std::int64_t> release_id;
        if (existing.executeStep()) release_id = existing.getColumn(0).getInt64();
        existing.reset();
        const bool stored_before = release_id.has_value();
        if (stored_before && !replace) return area_import_outcome::already_stored;
        if (stored_before) {
            // The release keeps its id and so its place in the order releases were imported. Children
            // go first, each as one key range, so the cascade from the authorities finds nothing to scan.
            for (const char* table : {"area_value", "area_population", "area_release_authority"}) {
                SQLite::Statement clear(impl_->db, std::string("DELETE FROM ") + table + " WHERE release_id = ?");
                clear.bind(1, *release_id);
                clear.exec();
            }
            SQLite::Statement update(impl_->db, "UPDATE area_release SET layout = ?, source_file = ?, detail = ?, "
                                                "imported_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?");
            update.bind(1, std::string(to_string(layout)));
            update.bind(2, source_file);
            update.bind(3, std::string(to_string(detail_of(layout))));
            update.bind(4, *release_id);
            update.exec();
        } else {
            SQLite::Statement insert(impl_->db, "INSERT INTO area_release (name, layout, source_file, detail) VALUES (?, ?, ?, ?)");
            insert.bind(1, name);
            insert.bind(2, std::string(to_string(layout)));
            insert.bind(3, source_file);
            insert.bind(4, std::string(to_string(detail_of(layout))));
            insert.exec();
            release_id = impl_->db.getLastInsertRowid();
        }
        {
            // A national release is a few megabytes: keeping it in the page cache while it is written
            // spares spilling pages mid-transaction, within the 32 MiB budget an import has.
            impl_->db.exec("PRAGMA cache_size = -12288");
            release_writer writer(impl_->db, *release_id);
            read(writer);
            writer.finish();
        }
        tx.commit();
        return stored_before ? area_import_outcome::replaced : area_import_outcome::added;
    });
}

std::vector<area_release> store::area_releases() const {
    return guarded(impl_->path, [&] {
        std::vector<area_release> result;
        SQLite::Statement query(impl_->db, std::string("SELECT ") + release_columns + " FROM area_release r ORDER BY r.id");
        while (query.executeStep()) result.push_back(read_release(query));
        return result;
    });
}

std::optional<area_release> store::find_area_release(const std::string& name) const {
    return guarded(impl_->path, [&]() -> std::optional<area_release> {
        SQLite::Statement query(impl_->db, std::string("SELECT ") + release_columns +
                                               " FROM area_release r WHERE ?1 = '' OR r.name = ?1 ORDER BY r.id DESC LIMIT 1");
        query.bind(1, name);
        if (!query.executeStep()) return std::nullopt;
        return read_release(query);
    });
}

std::vector<area_authority_entry> store::area_authorities(std::int64_t release_id) const {
    return guarded(impl_->path, [&] {
        std::vector<area_authority_entry> result;
        SQLite::Statement query(impl_->db, "SELECT a.id, a.code, ra.name, ra.parent FROM area_release_authority ra "
                                           "JOIN area_authority a ON a.id = ra.authority_id WHERE ra.release_id = ? ORDER BY a.code");
        query.bind(1, release_id);
        while (query.executeStep())
            result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                              query.getColumn(3).getString()});
        return result;
    });
}

std::vector<area_subsector_entry> store::area_subsectors() const {
    return guarded(impl_->path, [&] {
        std::vector<area_subsector_entry> result;
        SQLite::Statement query(impl_->db, "SELECT ss.id, s.name, ss.name FROM area_subsector ss JOIN area_sector s ON s.id = ss.sector_id "
                                           "ORDER BY s.id, ss.id");
        while (query.executeStep())
            result.push_back({query.getColumn(0).getInt64(), query.getColumn(1).getString(), query.getColumn(2).getString()});
        return result;
    });
}

area_data store::area_figures(const area_release& release, const std::vector<std::int64_t>& authority_ids, std::optional<int> year) const {
    return guarded(impl_->path, [&] {
        area_data data;
        data.layout = release.layout;
        data.subsectors = area_subsectors();
        // Figures are keyed year first: every authority in a year is one range, and one authority's
        // series is a seek per year.
        const bool all = authority_ids.empty();
        const std::string who = all ? "" : " AND authority_id = ?3";
        SQLite::Statement cells(impl_->db, "SELECT authority_id, year, subsector_id, territorial_kt, within_scope_kt FROM area_value "
                                           "WHERE release_id = ?1 AND year = ?2" + who);
        SQLite::Statement people(impl_->db, "SELECT authority_id, year, population_thousands FROM area_population "
                                            "WHERE release_id = ?1 AND year = ?2" + who);
        auto fetch = [&](int in_year, std::optional<std::int64_t> authority) {
            for (auto* statement : {&cells, &people}) {
                statement->reset();
                statement->bind(1, release.id);
                statement->bind(2, in_year);
                if (authority) statement->bind(3, *authority);
            }
            while (cells.executeStep())
                data.cells.push_back({cells.getColumn(0).getInt64(), cells.getColumn(1).getInt(), cells.getColumn(2).getInt64(),
                                      optional_double(cells.getColumn(3)), optional_double(cells.getColumn(4))});
            while (people.executeStep())
                data.populations.push_back({people.getColumn(0).getInt64(), people.getColumn(1).getInt(), optional_double(people.getColumn(2))});
        };
        const int first = year ? *year : release.first_year;
        const int last = year ? *year : release.last_year;
        for (int y = first; y <= last; ++y) {
            if (all) fetch(y, std::nullopt);
            for (auto id : authority_ids) fetch(y, id);
        }
        return data;
    });
}

area_data store::area_authority_totals(const area_release& release) const {
    return guarded(impl_->path, [&] {
        area_data data;
        data.layout = release.layout;
        SQLite::Statement totals(impl_->db, "SELECT authority_id, year, sum(territorial_kt), sum(within_scope_kt) FROM area_value "
                                            "WHERE release_id = ? GROUP BY year, authority_id");
        totals.bind(1, release.id);
        while (totals.executeStep())
            data.cells.push_back({totals.getColumn(0).getInt64(), totals.getColumn(1).getInt(), 0, optional_double(totals.getColumn(2)),
                                  optional_double(totals.getColumn(3))});
        return data;
    });
}

void store::set_area_codes(const std::vector<area_code_row>& rows) {
    guarded(impl_->path, [&] {
        transaction tx(*this);
        impl_->db.exec("DELETE FROM area_code");
        SQLite::Statement insert(impl_->db, "INSERT INTO area_code (gss_code, mysociety_code, name, tier, county) VALUES (?, ?, ?, ?, ?)");
        for (const auto& row : rows) {
            insert.reset();
            if (row.gss_code.empty()) insert.bind(1);
            else insert.bind(1, row.gss_code);
            if (row.mysociety_code.empty()) insert.bind(2);
            else insert.bind(2, row.mysociety_code);
            insert.bind(3, row.name);
            insert.bind(4, std::string(to_string(row.tier)));
            insert.bind(5, row.county);
            insert.exec();
        }
        tx.commit();
    });
}

std::vector<area_code_row> store::area_codes() const {
    return guarded(impl_->path, [&] {
        std::vector<area_code_row> result;
        SQLite::Statement query(impl_->db, "SELECT ifnull(gss_code, ''), ifnull(mysociety_code, ''), name, tier, county FROM area_code ORDER BY id");
        while (query.executeStep()) {
            area_code_row row{query.getColumn(0).getString(), query.getColumn(1).getString(), query.getColumn(2).getString(),
                              area_tier::district, 0, {}};
            const auto tier = query.getColumn(3).getString();
            row.tier = tier == "county" ? area_tier::county : tier == "combined" ? area_tier::combined : area_tier::district;
            row.county = query.getColumn(4).getString();
            result.push_back(std::move(row));
        }
        return result;
    });
}

}  // namespace carbontrack
