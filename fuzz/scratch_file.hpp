// The CSV readers take a path, as the CLI gives them one: each input is written to a file in a
// private RAM-backed directory and read from there.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace carbontrack::fuzz {

// Overwrites this process's scratch file with `data` and returns its path.
std::filesystem::path scratch_file(const std::uint8_t* data, std::size_t size);

}  // namespace carbontrack::fuzz
