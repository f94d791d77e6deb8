// The audit trail: one append-only record per change, written in the change's own transaction.
#include "carbontrack/audit.hpp"
#include "carbontrack/store.hpp"

#include "support.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <iterator>

using namespace carbontrack;
using namespace carbontrack::testing;
using Catch::Matchers::Contains;

namespace {

const std::string council = "Leicestershire County Council";

// The expected digest straight from OpenSSL's one-shot EVP_Digest, not through carbontrack's hashing code.
std::string openssl_sha256(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    REQUIRE(EVP_Digest(bytes.data(), bytes.size(), digest.data(), &size, EVP_sha256(), nullptr) == 1);
    std::string hex;
    for (unsigned int i = 0; i < size; ++i) {
        constexpr std::string_view digits = "0123456789abcdef";
        hex += digits[digest[i] >> 4];
        hex += digits[digest[i] & 0x0f];
    }
    return hex;
}

nlohmann::json log_json(const scratch_dir& dir) {
    const auto result = run_carbontrack({"log", "--format", "json"}, dir.path());
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

}  // namespace

TEST_CASE("the audit log records each command with its input file's SHA-256 and the rows it wrote", "[hardening]") {
    scratch_dir dir;
    const auto inventory_file = dataset("council/leicestershire_own_operations.csv");
    REQUIRE(run_carbontrack({"init", "--org", council}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"inventory", "import", inventory_file.string()}, dir.path()).exit_code == 0);
    const auto log = log_json(dir);
    REQUIRE(log.size() == 3);

    SECTION("init: the organisation inserted and made the default (one row added, one changed), database-wide, no file") {
        CHECK_THAT(log[0]["command"].get<std::string>(), Contains("init --org 'Leicestershire County Council'"));
        CHECK(log[0]["input_file"].is_null());
        CHECK(log[0]["input_sha256"].is_null());
        CHECK(log[0]["organisation"].is_null());
        CHECK(log[0]["rows_added"] == 1);
        CHECK(log[0]["rows_changed"] == 1);
    }
    SECTION("factors import: the key CSV's 130 factors, its SHA-256, and no organisation") {
        CHECK_THAT(log[1]["command"].get<std::string>(), Contains("factors import " + key_factors().string()));
        CHECK(log[1]["input_file"] == key_factors().string());
        CHECK(log[1]["input_sha256"] == openssl_sha256(key_factors()));
        CHECK(log[1]["organisation"].is_null());
        CHECK(log[1]["rows_added"] == 130);
        CHECK(log[1]["rows_changed"] == 0);
        CHECK(log[1]["rows_removed"] == 0);
    }
    SECTION("inventory import: the council's 8 rows, its SHA-256 and its organisation") {
        CHECK(log[2]["input_file"] == inventory_file.string());
        CHECK(log[2]["input_sha256"] == openssl_sha256(inventory_file));
        CHECK(log[2]["organisation"] == council);
        CHECK(log[2]["rows_added"] == 8);
    }
    SECTION("times are UTC ISO-8601 and never go backwards") {
        for (const auto& entry : log) CHECK(entry["recorded_at"].get<std::string>().size() == std::string("2025-01-01T00:00:00Z").size());
        CHECK(log[0]["recorded_at"] <= log[2]["recorded_at"]);
        CHECK(log[2]["schema_version"] == store::latest_schema_version());
    }
    SECTION("a re-run that changes nothing records nothing") {
        REQUIRE(run_carbontrack({"inventory", "import", inventory_file.string()}, dir.path()).exit_code == 0);
        REQUIRE(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()).exit_code == 0);
        REQUIRE(run_carbontrack({"init", "--org", council}, dir.path()).exit_code == 0);
        CHECK(log_json(dir).size() == 3);
    }
    SECTION("a one-row add records the row and no file") {
        REQUIRE(run_carbontrack({"inventory", "add", "--period", "2023/24", "--scope", "1", "--source", "Fleet", "--tco2e", "1234"}, dir.path())
                    .exit_code == 0);
        const auto after = log_json(dir);
        REQUIRE(after.size() == 4);
        CHECK_THAT(after[3]["command"].get<std::string>(), Contains("inventory add --period 2023/24 --scope 1 --source Fleet --tco2e 1234"));
        CHECK(after[3]["input_file"].is_null());
        CHECK(after[3]["rows_added"] == 1);
    }
    SECTION("--limit shows the newest records and the table shortens the hash") {
        const auto newest = run_carbontrack({"log", "--limit", "1"}, dir.path());
        REQUIRE(newest.exit_code == 0);
        CHECK_THAT(newest.out, Contains("inventory import"));
        CHECK_THAT(newest.out, Contains(openssl_sha256(inventory_file).substr(0, 16)));
        CHECK_THAT(newest.out, !Contains("factors import"));
        const auto csv = run_carbontrack({"log", "--format", "csv"}, dir.path());
        CHECK_THAT(csv.out, Contains(openssl_sha256(key_factors())));
    }
}

TEST_CASE("the database itself refuses to update or delete the audit log", "[hardening]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"init", "--org", council}, dir.path()).exit_code == 0);
    SQLite::Database raw((dir / "carbontrack.db").string(), SQLite::OPEN_READWRITE);
    REQUIRE(raw.execAndGet("SELECT count(*) FROM audit_log").getInt() == 1);
    SECTION("UPDATE") { CHECK_THROWS_WITH(raw.exec("UPDATE audit_log SET command = 'nothing happened'"), Contains("append-only")); }
    SECTION("DELETE") { CHECK_THROWS_WITH(raw.exec("DELETE FROM audit_log"), Contains("append-only")); }
    CHECK(raw.execAndGet("SELECT count(*) FROM audit_log").getInt() == 1);
    CHECK(raw.execAndGet("SELECT command FROM audit_log").getString().find("init") != std::string::npos);
}

TEST_CASE("a rejected or rolled-back import leaves no log row and no change", "[hardening]") {
    scratch_dir dir;
    REQUIRE(run_carbontrack({"init", "--org", council}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"factors", "import", key_factors().string()}, dir.path()).exit_code == 0);
    REQUIRE(run_carbontrack({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir.path()).exit_code == 0);
    const auto before = store(dir / "carbontrack.db").canonical_dump();

    SECTION("a file with a bad row is refused before anything is written") {
        const auto bad = write_file(dir / "bad.csv", "period,scope,source,activity,unit,factor,tco2e,quality,note\n2021/22,2,Buildings,12,parsecs,uk_electricity_generated,,,\n");
        CHECK(run_carbontrack({"inventory", "import", bad.string()}, dir.path()).exit_code == 1);
    }
    SECTION("an import that wrote a new organisation and a row before failing rolls back, log record included") {
        // The organisation --org names is created and line 2 inserted; line 3 is a calendar year in a
        // financial-year inventory, found only while writing, so the whole change rolls back.
        const auto mixed = write_file(dir / "mixed.csv",
                                      "period,scope,source,activity,unit,factor,tco2e,quality,note\n"
                                      "2021/22,1,Fleet,,,,500,measured,\n"
                                      "2021,1,Fleet,,,,400,measured,\n");
        const auto result = run_carbontrack({"--org", "Another council", "inventory", "import", mixed.string()}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("financial years"));
    }
    SECTION("an import that contradicts a stored figure after inserting a new one rolls back") {
        const auto conflicting = write_file(dir / "conflict.csv",
                                            "period,scope,source,activity,unit,factor,tco2e,quality,note\n"
                                            "2021/22,1,Fleet,,,,500,measured,\n"
                                            "2019/20,,Total,,,,\"11,664\",published,\n");
        const auto result = run_carbontrack({"inventory", "import", conflicting.string()}, dir.path());
        CHECK(result.exit_code == 1);
        CHECK_THAT(result.err, Contains("already recorded with different figures"));
    }
    SECTION("a changed published factor is refused at its line") {
        const auto changed = write_file(dir / "changed.csv", "factor_year,factor,unit,ghg_unit,value,extracted_from\n"
                                                             "2030,new_factor,kWh,kg CO2e,0.1,test\n"
                                                             "2019,uk_electricity_generated,kWh,kg CO2e,0.25,test\n");
        CHECK(run_carbontrack({"factors", "import", changed.string()}, dir.path()).exit_code == 1);
    }
    const store after(dir / "carbontrack.db");
    CHECK(after.canonical_dump() == before);
    CHECK(after.audit_log().size() == 3);
}

TEST_CASE("the command line is recorded as a shell would need it typed", "[hardening]") {
    const std::array<const char*, 6> argv{"carbontrack", "--org", "Leicestershire County Council", "inventory", "import", "it's.csv"};
    CHECK(quoted_command_line(static_cast<int>(argv.size()), argv.data()) ==
          "carbontrack --org 'Leicestershire County Council' inventory import 'it'\\''s.csv'");
}

TEST_CASE("SHA-256 matches the published test vector", "[hardening]") {
    // FIPS 180-2, appendix B.1: SHA-256("abc").
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
