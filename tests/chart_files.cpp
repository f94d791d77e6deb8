#include "chart_files.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>
#include <libxml/parser.h>

#include <algorithm>

namespace carbontrack::testing {
namespace {

using Catch::Matchers::StartsWith;

const xmlChar* xml(const char* text) { return reinterpret_cast<const xmlChar*>(text); }

// libxml2's xmlFree is a variable holding the allocator's free function, not a function.
struct xml_free {
    void operator()(xmlChar* p) const { xmlFree(p); }
};

std::string node_text(const xmlNode* node) {
    std::unique_ptr<xmlChar, xml_free> content{xmlNodeGetContent(node)};
    return content ? reinterpret_cast<const char*>(content.get()) : "";
}

std::string attribute(const xmlNode* node, const char* name) {
    std::unique_ptr<xmlChar, xml_free> value{xmlGetProp(node, xml(name))};
    return value ? reinterpret_cast<const char*>(value.get()) : "";
}

template <class Visit>
void walk(const xmlNode* node, Visit&& visit) {
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            visit(n);
            walk(n->children, visit);
        }
    }
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8U) | static_cast<unsigned char>(bytes[at + i]);
    return v;
}

}  // namespace

svg_file::svg_file(const std::filesystem::path& file)
    : doc_(xmlReadFile(file.c_str(), "UTF-8", XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING), xmlFreeDoc) {
    INFO(file);
    REQUIRE(doc_ != nullptr);
    REQUIRE(xmlStrEqual(root()->name, xml("svg")) == 1);
}

const xmlNode* svg_file::root() const { return xmlDocGetRootElement(doc_.get()); }

std::vector<std::string> svg_file::texts() const {
    std::vector<std::string> out;
    walk(root(), [&](const xmlNode* n) {
        if (xmlStrEqual(n->name, xml("text")) == 1) out.push_back(node_text(n));
    });
    return out;
}

bool svg_file::has_text(const std::string& text) const {
    const auto all = texts();
    return std::find(all.begin(), all.end(), text) != all.end();
}

bool svg_file::has_text_starting(const std::string& start) const {
    const auto all = texts();
    return std::any_of(all.begin(), all.end(), [&](const std::string& t) { return t.starts_with(start); });
}

std::string svg_file::title() const {
    std::string out;
    for (const xmlNode* n = root()->children; n != nullptr; n = n->next) {
        if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, xml("title")) == 1) out = node_text(n);
    }
    return out;
}

std::size_t svg_file::markers_of(const std::string& key) const {
    std::size_t count = 0;
    bool found = false;
    walk(root(), [&](const xmlNode* n) {
        if (xmlStrEqual(n->name, xml("g")) != 1 || !attribute(n, "id").starts_with("gnuplot_plot_")) return;
        bool named = false;
        std::size_t uses = 0;
        walk(n->children, [&](const xmlNode* inner) {
            if (xmlStrEqual(inner->name, xml("text")) == 1 && node_text(inner) == key) named = true;
            if (xmlStrEqual(inner->name, xml("use")) == 1) ++uses;
        });
        if (named) {
            found = true;
            count = uses;
        }
    });
    INFO("series key: " << key);
    REQUIRE(found);
    return count;
}

png_size check_png(const std::filesystem::path& file) {
    const std::string bytes = read_bytes(file);
    INFO(file);
    REQUIRE(bytes.size() > 33);
    REQUIRE(bytes.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
    REQUIRE(bytes.substr(12, 4) == "IHDR");
    return {big_endian(bytes, 16), big_endian(bytes, 20)};
}

void check_pdf(const std::filesystem::path& file) {
    const std::string bytes = read_bytes(file);
    INFO(file);
    REQUIRE_THAT(bytes, StartsWith("%PDF-1."));
    const auto end = bytes.rfind("%%EOF");
    REQUIRE(end != std::string::npos);
    CHECK(bytes.find_first_not_of("\r\n", end + 5) == std::string::npos);
}

}  // namespace carbontrack::testing
