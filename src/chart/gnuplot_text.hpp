// How text and paths enter a gnuplot script. Private to the chart module.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace carbontrack::chart {

// `text` with every byte sequence that is not UTF-8 replaced by U+FFFD, so SVG stays well-formed XML.
std::string valid_utf8(std::string_view text);

// A file name as a single-quoted gnuplot string. Its bytes are kept as they are (a file name need not
// be UTF-8); throws error for a control character, which no script line could carry.
std::string gnuplot_path(const std::filesystem::path& file);

// Breaks `text` at spaces into lines of at most `width` characters; a longer word (a web address)
// is cut between characters, since gnuplot would run it off the page. Line
// breaks already in the text are kept.
std::string wrap_words(std::string_view text, std::size_t width);

}  // namespace carbontrack::chart
