// Reading the chart files gnuplot writes, for the chart, plot and report tests: an SVG parsed as XML
// (its texts, its title, the markers of a series) and the headers of PNG and PDF files.
#pragma once

#include "support.hpp"

#include <libxml/tree.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

// Rendering tests return early, with a warning in the report, only where gnuplot is truly absent.
#define REQUIRE_GNUPLOT()                                                                     \
    do {                                                                                      \
        if (!carbontrack::testing::installed("gnuplot")) {                                    \
            WARN("gnuplot is not installed (apt-get install gnuplot-nox): not rendered");     \
            return;                                                                           \
        }                                                                                     \
    } while (false)

namespace carbontrack::testing {

// An SVG as libxml2 reads it; construction fails the test when the file is not well-formed XML.
class svg_file {
public:
    explicit svg_file(const std::filesystem::path& file);

    // Every <text> element's content, as a reader sees it (entities decoded).
    std::vector<std::string> texts() const;
    bool has_text(const std::string& text) const;
    bool has_text_starting(const std::string& start) const;
    // The document's <title>.
    std::string title() const;
    // The markers gnuplot draws for the series whose legend entry is `key`: one per point, plus one
    // in the legend's sample. Fails the test when no series has that key.
    std::size_t markers_of(const std::string& key) const;

private:
    const xmlNode* root() const;
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> doc_;
};

struct png_size {
    std::uint32_t width;
    std::uint32_t height;
};

// Checks the PNG signature and IHDR chunk; returns the image's size.
png_size check_png(const std::filesystem::path& file);

// Checks the PDF header and that the file ends at its %%EOF marker.
void check_pdf(const std::filesystem::path& file);

}  // namespace carbontrack::testing
