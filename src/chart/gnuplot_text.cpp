#include "chart/gnuplot_text.hpp"

#include "carbontrack/chart.hpp"
#include "carbontrack/error.hpp"

#include <algorithm>

namespace carbontrack::chart {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

unsigned char byte_at(std::string_view text, std::size_t i) { return static_cast<unsigned char>(text[i]); }

bool is_continuation(unsigned char b) { return (b & 0xC0U) == 0x80U; }

// The length of the well-formed UTF-8 sequence starting at i (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when there is none.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    const unsigned char lead = byte_at(text, i);
    if (lead < 0x80U) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80U;
    unsigned char high = 0xBFU;
    if (lead >= 0xC2U && lead <= 0xDFU) {
        length = 2;
    } else if (lead >= 0xE0U && lead <= 0xEFU) {
        length = 3;
        if (lead == 0xE0U) low = 0xA0U;
        if (lead == 0xEDU) high = 0x9FU;
    } else if (lead >= 0xF0U && lead <= 0xF4U) {
        length = 4;
        if (lead == 0xF0U) low = 0x90U;
        if (lead == 0xF4U) high = 0x8FU;
    } else {
        return 0;
    }
    if (i + length > text.size()) return 0;
    const unsigned char second = byte_at(text, i + 1);
    if (second < low || second > high) return 0;
    for (std::size_t k = 2; k < length; ++k) {
        if (!is_continuation(byte_at(text, i + k))) return 0;
    }
    return length;
}

std::size_t code_points(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) {
        if (!is_continuation(static_cast<unsigned char>(c))) ++count;
    }
    return count;
}

}  // namespace

std::string valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = sequence_length(text, i);
        if (length == 0) {
            out += replacement_character;
            ++i;
            continue;
        }
        out += text.substr(i, length);
        i += length;
    }
    return out;
}

std::string gnuplot_string(std::string_view text) {
    const std::string clean = valid_utf8(text);
    // Single quotes: gnuplot substitutes `commands` and @macros inside double quotes, never inside
    // single ones, where the only special character is the quote itself, written twice.
    std::string out = "'";
    for (std::size_t i = 0; i < clean.size(); ++i) {
        const char c = clean[i];
        if (c == '\r') {
            if (i + 1 < clean.size() && clean[i + 1] == '\n') continue;
            out += "'.\"\\n\".'";
        } else if (c == '\n') {
            out += "'.\"\\n\".'";
        } else if (c == '\'') {
            out += "''";
        } else if (static_cast<unsigned char>(c) < 0x20U || c == '\x7F') {
            out += ' ';
        } else {
            out += c;
        }
    }
    out += '\'';
    return out;
}

std::string gnuplot_path(const std::filesystem::path& file) {
    const std::string name = file.string();
    std::string out = "'";
    for (const char c : name) {
        if (static_cast<unsigned char>(c) < 0x20U || c == '\x7F') {
            throw error("cannot write a chart to \"" + valid_utf8(name) + "\": the file name holds a control character");
        }
        if (c == '\'') out += '\'';
        out += c;
    }
    out += '\'';
    return out;
}

std::string wrap_words(std::string_view text, std::size_t width) {
    std::string out;
    std::size_t line_start = 0;
    while (line_start <= text.size()) {
        const std::size_t line_end = std::min(text.find('\n', line_start), text.size());
        const std::string_view line = text.substr(line_start, line_end - line_start);
        std::size_t used = 0;
        std::size_t word_start = 0;
        while (word_start < line.size()) {
            std::size_t word_end = line.find(' ', word_start);
            if (word_end == std::string_view::npos) word_end = line.size();
            std::string_view word = line.substr(word_start, word_end - word_start);
            while (code_points(word) > width) {
                if (used > 0) out += '\n';
                std::size_t cut = 0;
                for (std::size_t taken = 0; cut < word.size(); ++cut) {
                    // A UTF-8 character starts at any byte that is not a continuation byte.
                    if ((static_cast<unsigned char>(word[cut]) & 0xC0U) != 0x80U && taken++ == width) break;
                }
                out += word.substr(0, cut);
                out += '\n';
                used = 0;
                word.remove_prefix(cut);
            }
            const std::size_t length = code_points(word);
            if (used == 0 && !out.empty() && out.back() == '\n' && word.empty()) {
                word_start = word_end + 1;
                continue;
            }
            if (used > 0 && used + 1 + length > width) {
                out += '\n';
                used = 0;
            } else if (used > 0) {
                out += ' ';
                ++used;
            }
            out += word;
            used += length;
            word_start = word_end + 1;
        }
        if (line_end == text.size()) break;
        out += '\n';
        line_start = line_end + 1;
    }
    return out;
}

}  // namespace carbontrack::chart
