#include "carbontrack/output.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace carbontrack::output {
namespace {

// Display width in code points, so "Agriculture 'Other'" and "Cyngor Gwynedd – Môn" align alike.
std::size_t display_width(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

void pad(std::ostream& out, std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) out << ' ';
}

}  // namespace

void write_table(std::ostream& out, const table& t) {
    std::vector<std::size_t> widths(t.headings.size(), 0);
    for (std::size_t c = 0; c < t.headings.size(); ++c) widths[c] = display_width(t.headings[c]);
    for (const auto& row : t.rows)
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));
    auto write_row = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < widths.size(); ++c) {
            const std::string& cell = c < cells.size() ? cells[c] : std::string();
            const std::size_t gap = widths[c] - display_width(cell);
            if (c > 0) out << "  ";
            const bool right = c < t.right_aligned.size() && t.right_aligned[c];
            if (right) pad(out, gap);
            out << cell;
            if (!right && c + 1 < widths.size()) pad(out, gap);
        }
        out << '\n';
    };
    write_row(t.headings);
    std::vector<std::string> rule;
    for (auto w : widths) rule.emplace_back(w, '-');
    write_row(rule);
    for (const auto& row : t.rows) write_row(row);
}

std::string csv_cell(std::string_view text) {
    if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

void write_csv(std::ostream& out, const table& t) {
    auto write_row = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) out << (c ? "," : "") << csv_cell(cells[c]);
        out << '\n';
    };
    write_row(t.headings);
    for (const auto& row : t.rows) write_row(row);
}

namespace {

std::string printf_number(const char* pattern, double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, pattern, decimals, value);
    return buffer;
}

std::string grouped_number(double value, int decimals) {
    const std::string digits = printf_number("%.*f", std::abs(value), decimals);
    if (digits.find_first_not_of("0.") == std::string::npos) value = 0;  // no "-0.0"
    auto point = digits.find('.');
    std::size_t integer_digits = point == std::string::npos ? digits.size() : point;
    std::string grouped;
    for (std::size_t i = 0; i < integer_digits; ++i) {
        if (i > 0 && (integer_digits - i) % 3 == 0) grouped += ',';
        grouped += digits[i];
    }
    grouped += digits.substr(integer_digits);
    return (value < 0 ? "-" : "") + grouped;
}

std::string exact(double value) {
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
    return ec == std::errc{} ? std::string(buffer, end) : std::string("nan");
}

}  // namespace

std::string format_number(double value, number_style style, int decimals) {
    switch (style) {
        case number_style::grouped: return grouped_number(value, decimals);
        case number_style::fixed: return printf_number("%.*f", value, decimals);
        case number_style::shortest: return printf_number("%.*g", value, 6);
        case number_style::typed: return printf_number("%.*g", value, 15);
        case number_style::exact: return exact(value);
    }
    return exact(value);
}

}  // namespace carbontrack::output
