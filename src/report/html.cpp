// One self-contained HTML file: CSS and SVG inline, nothing fetched, laid out to print on A4. Every
// piece of text is escaped here, in one place, whatever section it came from.
#include "report/writers.hpp"

#include <sstream>

namespace carbontrack::report {
namespace {

constexpr std::string_view style = R"css(
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
:root { --ink: #1f2328; --quiet: #57606a; --rule: #d0d7de; --band: #f6f8fa; --accent: #0072b2; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: var(--ink); font-size: 10.5pt; line-height: 1.45;
       max-width: 190mm; margin: 0 auto; padding: 10mm 0; }
h1 { font-size: 20pt; line-height: 1.2; margin: 0 0 4pt; color: var(--accent); }
h2 { font-size: 14pt; margin: 18pt 0 6pt; padding-bottom: 2pt; border-bottom: 2px solid var(--accent); break-after: avoid; }
p { margin: 4pt 0 6pt; }
.meta { color: var(--quiet); margin-bottom: 10pt; }
nav ol { margin: 4pt 0 0; padding-left: 18pt; columns: 2; }
table { border-collapse: collapse; width: 100%; margin: 8pt 0 2pt; font-size: 8.5pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; font-size: 9.5pt; }
th, td { border-bottom: 1px solid var(--rule); padding: 2.5pt 4pt; vertical-align: top; }
th { background: var(--band); text-align: left; font-weight: bold; }
th .unit { display: block; font-weight: normal; color: var(--quiet); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
td:first-child { min-width: 30mm; }
tr.total td { font-weight: bold; border-top: 1.5px solid var(--ink); }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.note { font-size: 8.5pt; color: var(--quiet); margin: 2pt 0; }
figure { margin: 10pt 0; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figure.half { display: inline-block; width: 49%; vertical-align: top; margin: 6pt 0; }
table.keep { break-inside: avoid; }
figcaption { font-size: 9pt; color: var(--quiet); margin-top: 2pt; }
ul { margin: 4pt 0 6pt; padding-left: 16pt; }
li { margin: 2pt 0; }
footer { margin-top: 20pt; padding-top: 4pt; border-top: 1px solid var(--rule); font-size: 8pt; color: var(--quiet); overflow-wrap: anywhere; }
.rag-green { color: #1a7f37; font-weight: bold; } .rag-amber { color: #9a6700; font-weight: bold; } .rag-red { color: #cf222e; font-weight: bold; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  section { break-before: auto; }
  h2 { break-before: auto; }
  a { color: inherit; text-decoration: none; }
}
)css";

bool is_total_row(const std::vector<cell>& row) { return !row.empty() && (row.front().text == "Total" || row.front().text == "All recorded sources"); }

std::string rag_class(const std::string& text) {
    if (text == "green" || text == "amber" || text == "red") return " rag-" + text;
    return {};
}

void write_table(std::ostringstream& out, const table& t) {
    // A short table is kept on one page, so its caption never sits alone at the foot of one.
    out << (t.rows.size() <= 25 ? "<table class=\"keep\">" : "<table>") << "\n<caption>" << html_escape(t.caption) << "</caption>\n<thead><tr>";
    for (const auto& c : t.columns) {
        out << "<th" << (c.numeric ? " class=\"num\"" : "") << ">" << html_escape(c.heading);
        if (!c.unit.empty()) out << "<span class=\"unit\">" << html_escape(c.unit) << "</span>";
        out << "</th>";
    }
    out << "</tr></thead>\n<tbody>\n";
    for (const auto& row : t.rows) {
        out << (is_total_row(row) ? "<tr class=\"total\">" : "<tr>");
        for (std::size_t i = 0; i < row.size(); ++i) {
            const bool numeric = i < t.columns.size() && t.columns[i].numeric;
            const std::string classes = (numeric ? "num" : "") + rag_class(row[i].text);
            out << "<td" << (classes.empty() ? "" : " class=\"" + (classes.front() == ' ' ? classes.substr(1) : classes) + "\"") << ">"
                << html_escape(row[i].text) << "</td>";
        }
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n";
    for (const auto& note : t.notes) out << "<p class=\"note\">" << html_escape(note) << "</p>\n";
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string escaped;
    escaped.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '"': escaped += "&quot;"; break;
            case '\'': escaped += "&#39;"; break;
            default: escaped += c;
        }
    }
    return escaped;
}

std::string html_text(const document& doc, const std::vector<std::string>& svgs) {
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>" << html_escape(doc.title) << "</title>\n<style>" << style << "</style>\n</head>\n<body>\n"
        << "<header>\n<h1>" << html_escape(doc.title) << "</h1>\n<p class=\"meta\">" << html_escape(doc.organisation) << " \u00b7 financial year "
        << html_escape(doc.period) << " \u00b7 " << html_escape(doc.date_line) << "</p>\n</header>\n";
    out << "<nav><strong>Contents</strong><ol>";
    for (std::size_t i = 0; i < doc.sections.size(); ++i)
        out << "<li><a href=\"#section-" << i + 1 << "\">" << html_escape(doc.sections[i].title.substr(doc.sections[i].title.find(' ') + 1)) << "</a></li>";
    out << "</ol></nav>\n";
    std::size_t figure_index = 0;
    for (std::size_t i = 0; i < doc.sections.size(); ++i) {
        const auto& s = doc.sections[i];
        out << "<section id=\"section-" << i + 1 << "\">\n<h2>" << html_escape(s.title) << "</h2>\n";
        for (const auto& b : s.blocks) {
            if (const auto* p = std::get_if<paragraph>(&b)) {
                out << "<p>" << html_escape(p->text) << "</p>\n";
            } else if (const auto* list = std::get_if<bullet_list>(&b)) {
                out << "<ul>\n";
                for (const auto& item : list->items) out << "<li>" << html_escape(item) << "</li>\n";
                out << "</ul>\n";
            } else if (const auto* t = std::get_if<table>(&b)) {
                write_table(out, *t);
            } else if (const auto* f = std::get_if<figure>(&b)) {
                out << (f->half_width ? "<figure class=\"half\">\n" : "<figure>\n") << inline_svg(svgs.at(figure_index), "c" + std::to_string(figure_index + 1)) << "\n<figcaption>"
                    << html_escape(f->caption) << "</figcaption>\n</figure>\n";
                ++figure_index;
            }
        }
        out << "</section>\n";
    }
    out << "<footer>Written by carbontrack from the database's own data; the same database and options give the same file. "
        << "SHA-256 of the inputs: <code>" << doc.inputs_sha256 << "</code></footer>\n</body>\n</html>\n";
    return out.str();
}

std::string inline_svg(const std::string& svg, const std::string& prefix) {
    const auto start = svg.find("<svg");
    std::string body = start == std::string::npos ? svg : svg.substr(start);
    std::string result;
    result.reserve(body.size() + 1024);
    // gnuplot writes ids as id='x' or id="x" and refers to them as href='#x' or url(#x).
    static constexpr std::string_view openings[] = {"id='", "id=\"", "href='#", "href=\"#", "url(#"};
    std::size_t i = 0;
    while (i < body.size()) {
        bool matched = false;
        for (const auto opening : openings) {
            const bool attribute_start = opening.starts_with("url") || i == 0 || body[i - 1] == ' ' || body[i - 1] == ':' || body[i - 1] == '\t';
            if (attribute_start && body.compare(i, opening.size(), opening) == 0) {
                result.append(opening);
                result.append(prefix + "-");
                i += opening.size();
                matched = true;
                break;
            }
        }
        if (!matched) result += body[i++];
    }
    while (!result.empty() && (result.back() == '\n' || result.back() == ' ')) result.pop_back();
    return result;
}

}  // namespace carbontrack::report
