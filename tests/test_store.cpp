#include "carbontrack/error.hpp"
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>

using namespace carbontrack;
using Catch::Matchers::Contains;
using Catch::Matchers::WithinRel;

namespace {

inventory_entry street_lighting(double tonnes) {
    inventory_entry e;
    e.when = financial_year{2019};
    e.scope = 2;
    e.source = "Street lighting and traffic signals";
    e.emissions = tonnes * units::tonne_co2e;
    e.quality = quality_flag::published;
    e.input_file = "test.csv";
    e.input_line = 2;
    return e;
}

}  // namespace

TEST_CASE("a new database is created at the latest schema version", "[store]") {
    testing::scratch_dir dir;
    store db(dir / "new.db");
    CHECK(db.schema_version() == store::latest_schema_version());
    SECTION("reopening it migrates nothing and keeps the data") {
        db.ensure_organisation("Leicestershire County Council");
        store again(dir / "new.db");
        CHECK(again.schema_version() == store::latest_schema_version());
        CHECK(again.find_organisation("Leicestershire County Council"));
    }
}

TEST_CASE("a read-only command does not create a database by accident", "[store]") {
    testing::scratch_dir dir;
    CHECK_THROWS_WITH(store(dir / "typo.db", store::open_mode::must_exist), Contains("no database here"));
    CHECK_FALSE(std::filesystem::exists(dir / "typo.db"));
}

TEST_CASE("a database from a newer carbontrack is refused, not damaged", "[store]") {
    testing::scratch_dir dir;
    { store db(dir / "future.db"); }
    {
        SQLite::Database raw((dir / "future.db").string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_WITH(store(dir / "future.db"), Contains("schema version 99"));
}

TEST_CASE("there is always exactly one default organisation", "[store]") {
    testing::scratch_dir dir;
    store db(dir / "orgs.db");
    CHECK(db.default_organisation().name == "Council");
    db.set_default_organisation("Leicestershire County Council");
    db.ensure_organisation("Example Council (illustrative)");
    CHECK(db.default_organisation().name == "Leicestershire County Council");
    int defaults = 0;
    for (const auto& o : db.organisations()) defaults += o.is_default ? 1 : 0;
    CHECK(defaults == 1);
}

TEST_CASE("a transaction that is not committed leaves nothing behind", "[store]") {
    testing::scratch_dir dir;
    store db(dir / "tx.db");
    const auto before = db.canonical_dump();
    {
        store::transaction tx(db);
        db.ensure_organisation("Abandoned");
    }
    CHECK(db.canonical_dump() == before);
    CHECK_FALSE(db.find_organisation("Abandoned"));
}

TEST_CASE("re-importing factors adds no duplicates and a changed factor is refused", "[store]") {
    testing::scratch_dir dir;
    store db(dir / "factors.db");
    const auto factors = read_factor_file(testing::key_factors()).factors;
    const auto first = db.add_factors(factors, "key.csv");
    CHECK(first.added == 130);
    const auto second = db.add_factors(factors, "key.csv");
    CHECK(second.added == 0);
    CHECK(second.unchanged == 130);
    CHECK(db.factor_count() == 130);
    CHECK(db.factor_years().size() == 10);

    const auto before = db.canonical_dump();
    const auto changed = read_factor_file(testing::test_data("bad/factors/changed_published_value.csv")).factors;
    CHECK_THROWS_AS(db.add_factors(changed, "changed.csv"), import_errors);
    CHECK(db.canonical_dump() == before);

    const auto found = db.factors_named(2019, "uk_electricity_generated");
    REQUIRE(found.size() == 1);
    CHECK_THAT(found.front().kg_per_unit, WithinRel(0.2556, 1e-12));
}

TEST_CASE("inventory rows are stored once and never silently overwritten", "[store]") {
    testing::scratch_dir dir;
    store db(dir / "inventory.db");
    const auto org = db.ensure_organisation("Leicestershire County Council");
    CHECK(db.add_inventory(org.id, {street_lighting(2351.52)}).added == 1);
    SECTION("the same row again is recognised") {
        const auto again = db.add_inventory(org.id, {street_lighting(2351.52)});
        CHECK(again.added == 0);
        CHECK(again.unchanged == 1);
        CHECK(db.inventory(org.id).size() == 1);
    }
    SECTION("different figures for the same row are refused and nothing changes") {
        const auto before = db.canonical_dump();
        CHECK_THROWS_AS(db.add_inventory(org.id, {street_lighting(9999)}), import_errors);
        CHECK(db.canonical_dump() == before);
    }
    SECTION("organisations do not see each other's rows") {
        const auto other = db.ensure_organisation("Example Council (illustrative)");
        CHECK(db.inventory(other.id).empty());
    }
    SECTION("a calendar-year row cannot join a financial-year inventory") {
        auto calendar = street_lighting(10);
        calendar.when = calendar_year{2020};
        CHECK_THROWS_AS(db.add_inventory(org.id, {calendar}), import_errors);
    }
    SECTION("what is read back is what was stored") {
        const auto rows = db.inventory(org.id);
        REQUIRE(rows.size() == 1);
        CHECK(rows[0].when == period{financial_year{2019}});
        CHECK(rows[0].scope == 2);
        CHECK(rows[0].quality == quality_flag::published);
        CHECK_THAT(in(rows[0].emissions, units::tonne_co2e), WithinRel(2351.52, 1e-12));
    }
}

TEST_CASE("the database itself refuses rows that break the domain rules", "[store]") {
    testing::scratch_dir dir;
    store db(dir / "checks.db");
    const auto org = db.ensure_organisation("Council");
    SECTION("a blank scope on a row that is not a Total") {
        auto bad = street_lighting(1);
        bad.scope.reset();
        CHECK_THROWS_AS(db.add_inventory(org.id, {bad}), storage_error);
    }
    SECTION("negative emissions") {
        CHECK_THROWS_AS(db.add_inventory(org.id, {street_lighting(-1)}), storage_error);
    }
    CHECK(db.inventory(org.id).empty());
}
