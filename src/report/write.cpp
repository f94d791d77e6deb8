// Choosing the format, drawing the charts through gnuplot and writing the file. A report is written
// whole or not at all: the text goes to a temporary name that is renamed over the target last.
#include "report/writers.hpp"

#include "carbontrack/error.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include <stdlib.h>

namespace carbontrack::report {
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw error("could not read the chart " + file.string());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_text(const std::filesystem::path& file, const std::string& text) {
    const auto partial = std::filesystem::path(file.string() + ".partial");
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw error("could not write " + file.string());
        out << text;
        if (!out.flush()) throw error("could not write " + file.string());
    }
    std::filesystem::rename(partial, file);
}

// A private directory for the charts HTML inlines, removed however the write ends.
class temporary_directory {
public:
    temporary_directory() {
        std::string pattern = (std::filesystem::temp_directory_path() / "carbontrack-report-XXXXXX").string();
        if (!mkdtemp(pattern.data())) throw error("could not create a temporary directory for the charts");
        path_ = pattern;
    }
    ~temporary_directory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    temporary_directory(const temporary_directory&) = delete;
    temporary_directory& operator=(const temporary_directory&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::vector<std::filesystem::path> draw(const std::vector<const figure*>& figures, const std::filesystem::path& directory, const std::string& stem) {
    std::vector<std::filesystem::path> files;
    std::vector<chart::render_job> jobs;
    for (const auto* f : figures) {
        files.push_back(directory / (stem + "-" + f->name + ".svg"));
        jobs.push_back({&f->chart, files.back()});
    }
    if (!jobs.empty()) chart::render_all(jobs);
    return files;
}

// A relative link a Markdown viewer resolves: a name with spaces is wrapped in angle brackets.
std::string link_to(const std::filesystem::path& file) {
    const std::string name = file.filename().string();
    return name.find(' ') == std::string::npos ? name : "<" + name + ">";
}

}  // namespace

std::vector<const figure*> figures_of(const document& doc) {
    std::vector<const figure*> found;
    for (const auto& s : doc.sections)
        for (const auto& b : s.blocks)
            if (const auto* f = std::get_if<figure>(&b)) found.push_back(f);
    return found;
}

std::string heading_of(const column& c) { return c.unit.empty() ? c.heading : c.heading + " (" + c.unit + ")"; }

file_format format_for(const std::filesystem::path& out) {
    const std::string extension = lower(out.extension().string());
    if (extension == ".html" || extension == ".htm") return file_format::html;
    if (extension == ".md") return file_format::markdown;
    if (extension == ".xlsx") return file_format::xlsx;
    throw error(out.string() + ": the report's format comes from its extension: .html, .md or .xlsx");
}

void write(const document& doc, const std::filesystem::path& out) {
    const auto format = format_for(out);
    const auto figures = figures_of(doc);
    switch (format) {
        case file_format::html: {
            const temporary_directory charts;
            std::vector<std::string> svgs;
            for (const auto& file : draw(figures, charts.path(), "chart")) svgs.push_back(read_text(file));
            write_text(out, html_text(doc, svgs));
            return;
        }
        case file_format::markdown: {
            const auto directory = out.has_parent_path() ? out.parent_path() : std::filesystem::path(".");
            std::vector<std::string> links;
            for (const auto& file : draw(figures, directory, out.stem().string())) links.push_back(link_to(file));
            write_text(out, markdown_text(doc, links));
            return;
        }
        case file_format::xlsx: {
            const auto partial = std::filesystem::path(out.string() + ".partial");
            write_workbook(doc, partial, static_cast<std::time_t>(doc.day.time_since_epoch() / std::chrono::seconds{1}));
            std::filesystem::rename(partial, out);
            return;
        }
    }
}

}  // namespace carbontrack::report
