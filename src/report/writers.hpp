// The three renderings of a report document. Charts are drawn before these run: HTML receives each
// figure's SVG text, Markdown the file names written beside it; the workbook holds the tables only.
#pragma once

#include "carbontrack/report.hpp"

#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace carbontrack::report {

// Every figure of the document in reading order.
std::vector<const figure*> figures_of(const document& doc);

// A column's heading with its unit: "Emissions (tCO2e)".
std::string heading_of(const column& c);

// `svgs[i]` is the SVG of figures_of(doc)[i].
std::string html_text(const document& doc, const std::vector<std::string>& svgs);
// `files[i]` is the file name (relative to the Markdown file) of figures_of(doc)[i].
std::string markdown_text(const document& doc, const std::vector<std::string>& files);
// `created` is the workbook's creation time: pinned, so the same inputs give the same bytes.
void write_workbook(const document& doc, const std::filesystem::path& out, std::time_t created);

// gnuplot's SVG made fit to sit inside HTML: the XML prologue dropped and every id (and each reference
// to one) given `prefix`, so two charts' markers and filters cannot collide.
std::string inline_svg(const std::string& svg, const std::string& prefix);

}  // namespace carbontrack::report
