// Crash safety: the national area release is imported and killed with SIGKILL at seeded points spread
// over the import's measured duration. After every kill SQLite must find the file intact and the
// import must be all or nothing: every table holds either its rows from before or from after.
#include "child_process.hpp"
#include "support.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>
#include <random>
#include <thread>

namespace carbontrack {
namespace {

using testing::child_process;
using testing::scratch_dir;

using table_counts = std::map<std::string, long long>;

table_counts count_rows(const std::filesystem::path& db_file) {
    SQLite::Database db(db_file.string(), SQLite::OPEN_READWRITE);
    table_counts counts;
    SQLite::Statement tables(db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    while (tables.executeStep()) {
        const std::string table = tables.getColumn(0).getString();
        counts[table] = db.execAndGet("SELECT count(*) FROM \"" + table + "\"").getInt64();
    }
    return counts;
}

std::string integrity(const std::filesystem::path& db_file) {
    SQLite::Database db(db_file.string(), SQLite::OPEN_READWRITE);
    return db.execAndGet("PRAGMA integrity_check").getString();
}

void copy_database(const std::filesystem::path& from, const std::filesystem::path& to) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(to.string() + suffix);
    std::filesystem::copy_file(from, to);
}

}  // namespace

TEST_CASE("an area import killed at any point leaves an intact database holding all of the release or none of it",
          "[crash][slow]") {
    scratch_dir dir;
    const auto release = testing::dataset("area/mysociety_local_authority_emissions_2005_2020.csv").string();
    const std::vector<std::string> import{"--db", "work.db", "area", "import", release};
    REQUIRE(testing::run_carbontrack({"--db", "base.db", "init"}, dir.path()).exit_code == 0);
    const auto before = count_rows(dir / "base.db");

    // The whole import, timed, gives the state after and the span to spread the kills over.
    copy_database(dir / "base.db", dir / "work.db");
    const auto start = std::chrono::steady_clock::now();
    child_process full(import, dir.path());
    REQUIRE(full.wait() == 0);
    const double duration = testing::seconds_since(start);
    const auto after = count_rows(dir / "work.db");
    // 394 authorities x 16 years x 20 sub-sectors.
    REQUIRE(after.at("area_value") == 126'080);
    REQUIRE(before.at("area_value") == 0);

    constexpr int kills = 50;
    std::mt19937 random(20'240'817);
    std::uniform_real_distribution<double> within_slot(0.0, 1.0);
    int none = 0, all = 0, open_uncommitted = 0;
    for (int i = 0; i < kills; ++i) {
        // One kill per equal slot of the measured duration, at a seeded point inside the slot.
        const double at = duration * (i + within_slot(random)) / kills;
        CAPTURE(i, at, duration);
        copy_database(dir / "base.db", dir / "work.db");
        {
            child_process victim(import, dir.path());
            std::this_thread::sleep_for(std::chrono::duration<double>(at));
            victim.kill();
        }
        // SQLite creates the write-ahead log when the import opens the database.
        const bool opened = std::filesystem::exists(dir / "work.db-wal");
        REQUIRE(integrity(dir / "work.db") == "ok");
        const auto counts = count_rows(dir / "work.db");
        CHECK((counts == before || counts == after));
        none += counts == before;
        all += counts == after;
        open_uncommitted += opened && counts == before;
    }
    // Spread over the whole import, kills land before it starts, while it has the database open and
    // after it has committed.
    CHECK(open_uncommitted > 0);
    CHECK(all + none == kills);
}

}  // namespace carbontrack
