// Near-duplicate names by folding (case, spacing, punctuation) and edit distance.
#include "carbontrack/source_names.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace carbontrack {
namespace {

// Lower case letters and digits only: "Street-lighting & Traffic signals" -> "streetlightingtrafficsignals".
std::string folded(std::string_view s) {
    std::string out;
    for (char c : s) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || byte >= 0x80) out += static_cast<char>(std::tolower(byte));
    }
    return out;
}

std::string lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::optional<std::string> similar_name(const std::string& name, const std::vector<std::string>& known) {
    if (std::find(known.begin(), known.end(), name) != known.end()) return std::nullopt;
    const std::string key = folded(name);
    for (const auto& k : known)
        if (!key.empty() && folded(k) == key) return k;
    std::optional<std::string> best;
    std::size_t best_distance = 3;
    for (const auto& k : known) {
        const std::size_t limit = std::min(name.size(), k.size()) < 8 ? 1 : 2;
        const std::size_t d = edit_distance(lowered(name), lowered(k));
        if (d <= limit && d < best_distance) {
            best = k;
            best_distance = d;
        }
    }
    return best;
}

std::optional<std::string> nearest_choice(const std::string& typed, const std::vector<std::string>& choices) {
    std::optional<std::string> best;
    std::size_t best_distance = std::max<std::size_t>(2, typed.size() / 3) + 1;
    for (const auto& c : choices) {
        const std::size_t d = edit_distance(lowered(typed), lowered(c));
        if (d < best_distance) {
            best = c;
            best_distance = d;
        }
    }
    return best;
}

}  // namespace carbontrack
