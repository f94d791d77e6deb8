// A correction is a user's explicit change to a stored figure, with its reason; the figure before it
// is kept in the history, and the change is one audit record. Nothing is ever overwritten silently.
#pragma once

#include <string>

namespace carbontrack {

// Marks a stored figure a user corrected: when and why (the latest correction).
struct correction_mark {
    std::string applied_at;  // UTC, ISO-8601
    std::string reason;
};

}  // namespace carbontrack
