// Several carbontrack processes on one database at once: writers importing different organisations'
// inventories and targets while readers print summaries. WAL and the busy timeout must serialise the
// writers without losing a row, readers must never see half an import, and a writer kept waiting past
// the timeout must say so clearly.
#include "child_process.hpp"
#include "support.hpp"

#include <SQLiteCpp/Database.h>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <thread>

namespace carbontrack {
namespace {

using Catch::Matchers::Contains;
using testing::child_process;
using testing::dataset;
using testing::run_carbontrack;
using testing::scratch_dir;

constexpr int writers = 4;
// The illustrative inventory has 88 rows and its targets file 2 targets.
constexpr std::size_t inventory_rows = 88;
constexpr std::size_t target_count = 2;

std::string writer_org(int i) { return "Writer " + std::to_string(i); }

// One writer's commands, run one after another: import, targets, and a re-import that adds nothing.
std::vector<std::vector<std::string>> writer_steps(int i) {
    const auto org = writer_org(i);
    const auto inventory = dataset("examples/illustrative_example_council_inventory.csv").string();
    return {{"--org", org, "inventory", "import", inventory},
            {"--org", org, "target", "import", dataset("targets/example_council_targets.csv").string()},
            {"--org", org, "inventory", "import", inventory}};
}

}  // namespace

TEST_CASE("four writers and two readers share one database without losing or half-showing a row", "[concurrency][slow]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"init"}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"factors", "import", testing::key_factors().string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path()).exit_code == 0);
    const auto steady_summary = run_carbontrack({"inventory", "summary", "--format", "json"}, dir.path());
    REQUIRE(steady_summary.exit_code == 0);

    struct writer {
        std::size_t step = 0;
        std::unique_ptr<child_process> running;
    };
    std::vector<writer> active(writers);
    for (int i = 0; i < writers; ++i) active[static_cast<std::size_t>(i)].running = std::make_unique<child_process>(writer_steps(i + 1)[0], dir.path());

    // Readers: the default organisation's summary never changes while others write, and a writer's
    // organisation shows none or all of its inventory, never part of it.
    int reads = 0;
    std::unique_ptr<child_process> summary_reader, list_reader;
    auto check_reads = [&] {
        if (summary_reader && !summary_reader->running()) {
            CHECK(summary_reader->wait() == 0);
            CHECK(summary_reader->out() == steady_summary.out);
            summary_reader.reset();
            ++reads;
        }
        if (list_reader && !list_reader->running()) {
            const int code = list_reader->wait();
            if (code == 0) {
                const auto rows = nlohmann::json::parse(list_reader->out())["rows"].size();
                CHECK((rows == 0 || rows == inventory_rows));
            } else {
                CHECK_THAT(list_reader->err(), Contains("no organisation named 'Writer 1'"));
            }
            list_reader.reset();
            ++reads;
        }
        if (!summary_reader) summary_reader = std::make_unique<child_process>(std::vector<std::string>{"inventory", "summary", "--format", "json"}, dir.path());
        if (!list_reader)
            list_reader = std::make_unique<child_process>(std::vector<std::string>{"--org", writer_org(1), "inventory", "list", "--format", "json"}, dir.path());
    };

    for (bool busy = true; busy;) {
        busy = false;
        for (int i = 0; i < writers; ++i) {
            auto& w = active[static_cast<std::size_t>(i)];
            if (!w.running) continue;
            busy = true;
            if (w.running->running()) continue;
            INFO(w.running->err());
            CHECK(w.running->wait() == 0);
            const auto steps = writer_steps(i + 1);
            w.running = ++w.step < steps.size() ? std::make_unique<child_process>(steps[w.step], dir.path()) : nullptr;
        }
        check_reads();
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    summary_reader.reset();
    list_reader.reset();
    CHECK(reads >= 2);

    for (int i = 1; i <= writers; ++i) {
        CAPTURE(i);
        const auto listed = run_carbontrack({"--org", writer_org(i), "inventory", "list", "--format", "json"}, dir.path());
        REQUIRE(listed.exit_code == 0);
        CHECK(nlohmann::json::parse(listed.out)["rows"].size() == inventory_rows);
        const auto targets = run_carbontrack({"--org", writer_org(i), "target", "list", "--format", "json"}, dir.path());
        REQUIRE(targets.exit_code == 0);
        CHECK(nlohmann::json::parse(targets.out).size() == target_count);
    }
    SQLite::Database db((dir / "carbontrack.db").string(), SQLite::OPEN_READWRITE);
    CHECK(db.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK(db.execAndGet("SELECT count(*) FROM inventory_row").getInt64() == static_cast<long long>(writers * inventory_rows + 8));
}

TEST_CASE("a writer kept waiting past the busy timeout exits 1 saying the database is busy, and changes nothing", "[concurrency]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"init"}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"factors", "import", testing::key_factors().string()}, dir.path()).exit_code == 0);
    const std::vector<std::string> import{"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()};
    {
        // This process holds the write lock for longer than the other's 300 ms timeout.
        SQLite::Database holder((dir / "carbontrack.db").string(), SQLite::OPEN_READWRITE);
        holder.exec("BEGIN IMMEDIATE");
        const auto start = std::chrono::steady_clock::now();
        child_process waiting(import, dir.path(), {"CARBONTRACK_BUSY_TIMEOUT_MS=300"});
        CHECK(waiting.wait() == 1);
        CHECK(testing::seconds_since(start) >= 0.3);
        CHECK(waiting.out().empty());
        CHECK_THAT(waiting.err(), Contains("the database is busy"));
        CHECK_THAT(waiting.err(), Contains("waited 300 ms"));
        holder.exec("ROLLBACK");
    }
    const auto listed = run_carbontrack({"inventory", "list", "--format", "json"}, dir.path());
    REQUIRE(listed.exit_code == 0);
    CHECK(nlohmann::json::parse(listed.out)["rows"].empty());
    SECTION("once the lock is released the same import succeeds") {
        const auto again = run_carbontrack(import, dir.path());
        CHECK(again.exit_code == 0);
        CHECK_THAT(again.out, Contains("Imported 8 inventory rows"));
    }
}

}  // namespace carbontrack
