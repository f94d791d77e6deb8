// The issue-13 CLI tests' shared fixture: run the real binary or fail, load Leicestershire as the main
// job does (inventory and boundary), and the database's canonical dump to prove a refusal wrote nothing.
#pragma once

#include "support.hpp"

#include "carbontrack/store.hpp"

#include <string>
#include <vector>

namespace carbontrack::testing {

inline const std::string leicestershire_council = "Leicestershire County Council";

inline run_result must(const std::vector<std::string>& args, const scratch_dir& dir) {
    auto result = run_carbontrack(args, dir.path());
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result;
}

inline void load_leicestershire(const scratch_dir& dir) {
    must({"init", "--org", leicestershire_council}, dir);
    must({"factors", "import", key_factors().string()}, dir);
    must({"inventory", "import", dataset("council/leicestershire_own_operations.csv").string()}, dir);
    must({"boundary", "import", dataset("boundaries/leicestershire_boundary.csv").string()}, dir);
}

inline std::string database_dump(const scratch_dir& dir) {
    return store(dir / "carbontrack.db", store::open_mode::must_exist).canonical_dump();
}

}  // namespace carbontrack::testing
