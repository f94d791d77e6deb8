// The workbook model and the readers behind it: liborcus for the XML formats (.xlsx, .ods) and our
// own BIFF8 reader for .xls (see biff_reader.cpp). Either way a document is plain cells; formulas give their cached result.
#include "carbontrack/workbook.hpp"

#include "carbontrack/error.hpp"
#include "io/biff_reader.hpp"

#include <orcus/orcus_ods.hpp>
#include <orcus/orcus_xlsx.hpp>
#include <orcus/spreadsheet/import_interface.hpp>
#include <orcus/zip_archive.hpp>
#include <orcus/zip_archive_stream.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <deque>
#include <fstream>

namespace carbontrack::workbook {
namespace {

namespace iface = orcus::spreadsheet::iface;
using orcus::spreadsheet::col_t;
using orcus::spreadsheet::row_t;

cell text_cell(std::string text) { return cell{cell_kind::text, std::move(text), 0}; }
cell number_cell(double value) { return cell{cell_kind::number, {}, value}; }

std::string two_digits(int n) {
    std::array<char, 8> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%02d", n);
    return buffer.data();
}

cell date_cell(int year, int month, int day, int hour, int minute, double second) {
    std::string text = std::to_string(year) + "-" + two_digits(month) + "-" + two_digits(day);
    if (hour != 0 || minute != 0 || second != 0)
        text += "T" + two_digits(hour) + ":" + two_digits(minute) + ":" + two_digits(static_cast<int>(second));
    return cell{cell_kind::date, std::move(text), 0};
}

// liborcus hands strings over by index into the workbook's shared-string table.
class shared_strings final : public iface::import_shared_strings {
public:
    const std::string& get(std::size_t index) const {
        static const std::string none;
        return index < strings_.size() ? strings_[index] : none;
    }

    std::size_t append(std::string_view s) override {
        strings_.emplace_back(s);
        return strings_.size() - 1;
    }
    std::size_t add(std::string_view s) override { return append(s); }
    // Rich-text runs: only their text matters here.
    void set_segment_font(std::size_t) override {}
    void set_segment_bold(bool) override {}
    void set_segment_italic(bool) override {}
    void set_segment_font_name(std::string_view) override {}
    void set_segment_font_size(double) override {}
    void set_segment_font_color(orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t, orcus::spreadsheet::color_elem_t,
                                orcus::spreadsheet::color_elem_t) override {}
    void append_segment(std::string_view s) override { segments_.append(s); }
    std::size_t commit_segments() override {
        strings_.push_back(std::move(segments_));
        segments_.clear();
        return strings_.size() - 1;
    }

private:
    std::vector<std::string> strings_;
    std::string segments_;
};

class sheet_builder;

// A formula's cached result becomes the cell's value; the formula itself is never evaluated.
class formula_result final : public iface::import_formula {
public:
    explicit formula_result(sheet_builder& target) : target_(target) {}
    void set_position(row_t row, col_t column) override {
        row_ = row;
        column_ = column;
        result_ = cell{};
    }
    void set_formula(orcus::spreadsheet::formula_grammar_t, std::string_view) override {}
    void set_shared_formula_index(std::size_t) override {}
    void set_result_string(std::string_view value) override { result_ = text_cell(std::string(value)); }
    void set_result_value(double value) override { result_ = number_cell(value); }
    void set_result_bool(bool value) override { result_ = number_cell(value ? 1 : 0); }
    void set_result_empty() override { result_ = cell{}; }
    void commit() override;

private:
    sheet_builder& target_;
    row_t row_ = 0;
    col_t column_ = 0;
    cell result_;
};

class sheet_builder final : public iface::import_sheet {
public:
    sheet_builder(sheet& target, const shared_strings& strings) : target_(target), strings_(strings), formula_(*this) {}

    void put(row_t row, col_t column, cell value) {
        if (row < 0 || column < 0) return;
        target_.set(static_cast<std::size_t>(row), static_cast<std::size_t>(column), std::move(value));
    }

    iface::import_formula* get_formula() override { return &formula_; }
    void set_auto(row_t row, col_t column, std::string_view s) override { put(row, column, text_cell(std::string(s))); }
    void set_string(row_t row, col_t column, orcus::spreadsheet::string_id_t index) override {
        put(row, column, text_cell(strings_.get(index)));
    }
    void set_value(row_t row, col_t column, double value) override { put(row, column, number_cell(value)); }
    void set_bool(row_t row, col_t column, bool value) override { put(row, column, number_cell(value ? 1 : 0)); }
    void set_date_time(row_t row, col_t column, int year, int month, int day, int hour, int minute, double second) override {
        put(row, column, date_cell(year, month, day, hour, minute, second));
    }
    void set_format(row_t, col_t, std::size_t) override {}
    void set_format(row_t, col_t, row_t, col_t, std::size_t) override {}
    void fill_down_cells(row_t row, col_t column, row_t count) override {
        const cell source = target_.at(static_cast<std::size_t>(row), static_cast<std::size_t>(column));
        for (row_t r = 1; r <= count; ++r) put(row + r, column, source);
    }
    orcus::spreadsheet::range_size_t get_sheet_size() const override { return {1048576, 16384}; }

private:
    sheet& target_;
    const shared_strings& strings_;
    formula_result formula_;
};

void formula_result::commit() { target_.put(row_, column_, result_); }

// liborcus resolves the A1 references of merged ranges, filters and tables through the factory; those
// parts are ignored here, so a reference only needs to parse, not to mean anything.
class a1_references final : public iface::import_reference_resolver {
public:
    orcus::spreadsheet::src_address_t resolve_address(std::string_view text) override {
        orcus::spreadsheet::src_address_t address{0, 0, 0};
        if (const auto bang = text.rfind('!'); bang != std::string_view::npos) text.remove_prefix(bang + 1);
        int column = 0, row = 0;
        for (const char c : text) {
            if (c == '$') continue;
            if (c >= 'A' && c <= 'Z') column = column * 26 + (c - 'A' + 1);
            else if (c >= 'a' && c <= 'z') column = column * 26 + (c - 'a' + 1);
            else if (c >= '0' && c <= '9') row = row * 10 + (c - '0');
            if (column > 16384 || row > 1048576) break;
        }
        address.column = column > 0 ? column - 1 : 0;
        address.row = row > 0 ? row - 1 : 0;
        return address;
    }
    orcus::spreadsheet::src_range_t resolve_range(std::string_view text) override {
        const auto colon = text.find(':');
        const auto first = resolve_address(text.substr(0, colon));
        return {first, colon == std::string_view::npos ? first : resolve_address(text.substr(colon + 1))};
    }
};

// Sheets and their builders live in deques so the references liborcus holds stay valid as sheets are added.
class document_builder final : public iface::import_factory {
public:
    iface::import_shared_strings* get_shared_strings() override { return &strings_; }
    iface::import_reference_resolver* get_reference_resolver(orcus::spreadsheet::formula_ref_context_t) override { return &references_; }
    iface::import_sheet* append_sheet(orcus::spreadsheet::sheet_t, std::string_view name) override {
        auto& added = sheets_.emplace_back(std::string(name));
        return &builders_.emplace_back(added, strings_);
    }
    iface::import_sheet* get_sheet(std::string_view name) override {
        for (std::size_t i = 0; i < sheets_.size(); ++i)
            if (sheets_[i].name() == name) return &builders_[i];
        return nullptr;
    }
    iface::import_sheet* get_sheet(orcus::spreadsheet::sheet_t index) override {
        if (index < 0 || static_cast<std::size_t>(index) >= sheets_.size()) return nullptr;
        return &builders_[static_cast<std::size_t>(index)];
    }
    void finalize() override {}

    void move_sheets_to(document& doc) {
        for (auto& s : sheets_) doc.sheets.push_back(std::move(s));
    }

private:
    shared_strings strings_;
    a1_references references_;
    std::deque<sheet> sheets_;
    std::deque<sheet_builder> builders_;
};

void read_with_orcus(const std::filesystem::path& file, document& doc) {
    document_builder builder;
    try {
        if (doc.kind == format::xlsx) {
            orcus::orcus_xlsx reader(&builder);
            reader.read_file(file.string());
        } else {
            orcus::orcus_ods reader(&builder);
            reader.read_file(file.string());
        }
    } catch (const std::exception& e) {
        throw parse_error(doc.file, 0, std::string("not a readable ") + std::string(format_name(doc.kind)) + " workbook: " + e.what());
    }
    builder.move_sheets_to(doc);
}

bool starts_with_bytes(const std::filesystem::path& file, std::string_view magic) {
    std::ifstream in(file, std::ios::binary);
    std::string head(magic.size(), '\0');
    if (!in.read(head.data(), static_cast<std::streamsize>(head.size()))) return false;
    return head == magic;
}

std::optional<format> zip_workbook_format(const std::filesystem::path& file) {
    try {
        orcus::zip_archive_stream_fd stream(file.string().c_str());
        orcus::zip_archive archive(&stream);
        archive.load();
        bool has_content = false;
        for (std::size_t i = 0; i < archive.get_file_entry_count(); ++i) {
            const auto name = archive.get_file_entry_name(i);
            if (name == "xl/workbook.xml") return format::xlsx;
            if (name == "content.xml") has_content = true;
        }
        std::vector<unsigned char> mimetype;
        if (has_content && archive.read_file_entry("mimetype", mimetype) &&
            std::string(mimetype.begin(), mimetype.end()) == "application/vnd.oasis.opendocument.spreadsheet")
            return format::ods;
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

std::string_view format_name(format f) {
    switch (f) {
        case format::xlsx: return "xlsx";
        case format::ods: return "ods";
        case format::xls: return "xls";
    }
    return "workbook";
}

std::optional<format> detect_format(const std::filesystem::path& file) {
    using namespace std::string_view_literals;
    if (starts_with_bytes(file, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"sv)) return format::xls;
    if (starts_with_bytes(file, "PK\x03\x04"sv)) return zip_workbook_format(file);
    return std::nullopt;
}

std::string cell_text(const cell& c) {
    if (c.kind != cell_kind::number) return c.text;
    std::array<char, 32> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), c.number);
    return ec == std::errc{} ? std::string(buffer.data(), end) : std::string();
}

const cell& sheet::at(std::size_t row, std::size_t column) const {
    static const cell none;
    if (row >= rows_.size() || column >= rows_[row].size()) return none;
    return rows_[row][column];
}

void sheet::set(std::size_t row, std::size_t column, cell value) {
    if (value.kind == cell_kind::empty && at(row, column).kind == cell_kind::empty) return;
    if (row >= rows_.size()) rows_.resize(row + 1);
    auto& cells = rows_[row];
    if (column >= cells.size()) cells.resize(column + 1);
    cells[column] = std::move(value);
    columns_ = std::max(columns_, cells.size());
}

const sheet* document::find(std::string_view name) const {
    for (const auto& s : sheets)
        if (s.name() == name) return &s;
    return nullptr;
}

std::string document::where(const sheet& s, std::size_t row, std::size_t column) const {
    return file + ":" + s.name() + "!" + cell_reference(row, column);
}

std::string column_letters(std::size_t column) {
    std::string letters;
    for (std::size_t n = column + 1; n > 0; n = (n - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
    return letters;
}

std::string cell_reference(std::size_t row, std::size_t column) { return column_letters(column) + std::to_string(row + 1); }

document read(const std::filesystem::path& file) {
    document doc;
    doc.file = file.string();
    const auto kind = detect_format(file);
    if (!kind) throw parse_error(doc.file, 0, "not a workbook (.xlsx, .ods or .xls)");
    doc.kind = *kind;
    if (doc.kind == format::xls)
        read_biff(file, doc);
    else
        read_with_orcus(file, doc);
    return doc;
}

}  // namespace carbontrack::workbook
