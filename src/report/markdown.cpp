// The report as Markdown (GitHub-flavoured tables), with charts as SVG files beside it. Text from data
// is escaped for Markdown and for the HTML a Markdown viewer may pass through.
#include "report/writers.hpp"

#include <sstream>

namespace carbontrack::report {
namespace {

std::string markdown_escape(std::string_view text) {
    std::string escaped;
    for (const char c : text) {
        switch (c) {
            case '&': escaped += "&amp;"; break;
            case '<': escaped += "&lt;"; break;
            case '>': escaped += "&gt;"; break;
            case '\n': escaped += ' '; break;
            case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '#':
                escaped += '\\';
                escaped += c;
                break;
            default: escaped += c;
        }
    }
    return escaped;
}

void write_table(std::ostringstream& out, const table& t) {
    out << "**" << markdown_escape(t.caption) << "**\n\n|";
    for (const auto& c : t.columns) out << ' ' << markdown_escape(heading_of(c)) << " |";
    out << "\n|";
    for (const auto& c : t.columns) out << (c.numeric ? " ---: |" : " --- |");
    out << '\n';
    for (const auto& row : t.rows) {
        out << '|';
        for (const auto& c : row) out << ' ' << markdown_escape(c.text) << " |";
        out << '\n';
    }
    out << '\n';
    for (const auto& note : t.notes) out << "*" << markdown_escape(note) << "*\n\n";
}

}  // namespace

std::string markdown_text(const document& doc, const std::vector<std::string>& files) {
    std::ostringstream out;
    out << "# " << markdown_escape(doc.title) << "\n\n"
        << markdown_escape(doc.organisation) << " \u00b7 financial year " << markdown_escape(doc.period) << " \u00b7 "
        << markdown_escape(doc.date_line) << "\n\n";
    std::size_t figure_index = 0;
    for (const auto& s : doc.sections) {
        out << "## " << markdown_escape(s.title) << "\n\n";
        for (const auto& b : s.blocks) {
            if (const auto* p = std::get_if<paragraph>(&b)) {
                out << markdown_escape(p->text) << "\n\n";
            } else if (const auto* list = std::get_if<bullet_list>(&b)) {
                for (const auto& item : list->items) out << "- " << markdown_escape(item) << '\n';
                out << '\n';
            } else if (const auto* t = std::get_if<table>(&b)) {
                write_table(out, *t);
            } else if (const auto* f = std::get_if<figure>(&b)) {
                out << "![" << markdown_escape(f->caption) << "](" << files.at(figure_index) << ")\n\n";
                ++figure_index;
            }
        }
    }
    out << "---\n\nWritten by carbontrack from the database's own data; the same database and options give the same file. "
        << "SHA-256 of the inputs: `" << doc.inputs_sha256 << "`\n";
    return out.str();
}

}  // namespace carbontrack::report
