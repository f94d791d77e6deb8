#include "chart/finish_files.hpp"

#include "carbontrack/error.hpp"

#include "chart/gnuplot_text.hpp"

#include <date/date.h>

#include <charconv>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

namespace carbontrack::chart {
namespace {

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw error("cannot read the chart gnuplot wrote to " + file.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_all(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw error("cannot write the chart " + file.string());
}

// Builds a new string rather than replacing in place, which would move the rest of the file each time.
std::string replace_all(const std::string& text, std::string_view from, std::string_view to) {
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    std::size_t done = 0;
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, done)) {
        out.append(text, done, at - done);
        out += to;
        done = at + from.size();
    }
    out.append(text, done);
    return out;
}

std::string xml_text(std::string_view text) {
    std::string out;
    for (const char c : valid_utf8(text)) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\n': out += ' '; break;
            default:
                // Control characters are not allowed in XML 1.0 at all.
                out += static_cast<unsigned char>(c) < 0x20U ? ' ' : c;
        }
    }
    return out;
}

}  // namespace

std::int64_t pdf_timestamp() {
    const char* value = std::getenv("SOURCE_DATE_EPOCH");
    if (value == nullptr) return 0;
    const std::string_view text{value};
    std::int64_t seconds = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    // Years past 9999 would not fit the fourteen digits being overwritten.
    if (ec != std::errc{} || end != text.data() + text.size() || seconds < 0 || seconds >= 253402300800) return 0;
    return seconds;
}

void pin_pdf_dates(const std::filesystem::path& file, std::int64_t seconds_since_epoch) {
    const std::string stamp = date::format("%Y%m%d%H%M%S", date::sys_seconds{std::chrono::seconds{seconds_since_epoch}});
    std::string pdf = read_all(file);
    bool changed = false;
    for (const std::string_view key : {"/CreationDate (D:", "/ModDate (D:"}) {
        for (std::size_t at = pdf.find(key); at != std::string::npos; at = pdf.find(key, at + 1)) {
            const std::size_t digits = at + key.size();
            if (digits + stamp.size() > pdf.size()) break;
            pdf.replace(digits, stamp.size(), stamp);
            changed = true;
        }
    }
    if (changed) write_all(file, pdf);
}

void finish_svg(const std::filesystem::path& file, std::string_view title, std::string_view font) {
    std::string svg = read_all(file);
    const std::string family = "font-family=\"" + std::string(font);
    const std::string css_family = "font-family=\"" + std::string(font) + ", Verdana, Arial, Helvetica, sans-serif\"";
    svg = replace_all(svg, family + ":Bold\"", css_family + " font-weight=\"bold\"");
    svg = replace_all(svg, family + "\"", css_family);
    svg = replace_all(svg, "<title>Gnuplot</title>", "<title>" + xml_text(title) + "</title>");
    // The driver opens each page with an empty background group stroked in whatever colour the
    // previous chart of the batch used last; as in a fresh process, it becomes currentColor.
    const std::string_view background = "</defs>\n<g fill=\"none\" color=\"#FFFFFF\" stroke=\"";
    if (const auto at = svg.find(background); at != std::string::npos) {
        const std::size_t value = at + background.size();
        const std::size_t end = svg.find('"', value);
        if (end != std::string::npos) svg.replace(value, end - value, "currentColor");
    }
    write_all(file, svg);
}

}  // namespace carbontrack::chart
