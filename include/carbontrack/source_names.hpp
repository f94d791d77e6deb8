// Source names that differ only by typing: a new source is checked against the organisation's known
// ones so "Street lightning" is caught before it becomes a second, silently separate source.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack {

// Levenshtein distance between two strings, byte by byte.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The known name `name` is most likely a mistyping of: one equal to it ignoring case, spacing and
// punctuation, else the nearest within edit distance 2 (1 for names under 8 characters, so Water and
// Waste stay apart). nullopt when `name` is itself known or nothing is that near.
std::optional<std::string> similar_name(const std::string& name, const std::vector<std::string>& known);

// The nearest of `choices` to `typed` within a third of its length (at least 2), for "did you mean"
// after an unknown subcommand or option; nullopt when none is near.
std::optional<std::string> nearest_choice(const std::string& typed, const std::vector<std::string>& choices);

}  // namespace carbontrack
