// Whether a target can be stored: its series exists for its entity, its entity is an authority the
// area statistics know, and its periods are the series' kind. The other rules are the target's own.
#pragma once

#include "carbontrack/store.hpp"
#include "carbontrack/target.hpp"

#include <optional>
#include <string>

namespace carbontrack::app {

// Which part of a target a problem is in, so a front end can point at the flag or the column.
enum class target_field { entity, series, baseline };

struct target_problem {
    target_field field;
    std::string message;
};

// The first problem found, or none. An authority is checked only when some area release is loaded:
// targets may be imported before the statistics they follow.
std::optional<target_problem> check_target(const store& db, const target& t);

}  // namespace carbontrack::app
