// The report as an Excel workbook (libxlsxwriter): a cover sheet, then one sheet per table with units
// in the headers and figures stored as numbers at full precision (shown to the report's decimals).
#include "report/writers.hpp"

#include "carbontrack/error.hpp"

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <memory>

namespace carbontrack::report {
namespace {

void check(lxw_error status, const std::string& what) {
    if (status != LXW_NO_ERROR) throw error("could not write the workbook (" + what + "): " + lxw_strerror(status));
}

// Excel counts a column's width in characters; UTF-8 continuation bytes are not characters.
double width_of(const std::string& text) {
    return static_cast<double>(std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

int decimals_in(const std::string& shown) {
    const auto point = shown.find('.');
    if (point == std::string::npos) return 0;
    std::size_t digits = 0;
    while (point + 1 + digits < shown.size() && shown[point + 1 + digits] >= '0' && shown[point + 1 + digits] <= '9') ++digits;
    return static_cast<int>(digits);
}

class workbook_file {
public:
    workbook_file(const std::filesystem::path& out, std::time_t created) : book_(workbook_new(out.c_str())) {
        if (!book_) throw error("could not create the workbook " + out.string());
        properties_.title = const_cast<char*>("Greenhouse gas emissions report");
        properties_.comments = const_cast<char*>("Written by carbontrack");
        properties_.created = created;
        check(workbook_set_properties(book_, &properties_), "properties");
        bold_ = workbook_add_format(book_);
        format_set_bold(bold_);
        heading_ = workbook_add_format(book_);
        format_set_bold(heading_);
        format_set_text_wrap(heading_);
        format_set_bottom(heading_, LXW_BORDER_THIN);
        format_set_bg_color(heading_, 0xF6F8FA);
        italic_ = workbook_add_format(book_);
        format_set_italic(italic_);
        for (int d = 0; d <= 6; ++d) {
            numbers_[static_cast<std::size_t>(d)] = workbook_add_format(book_);
            const std::string pattern = d == 0 ? "#,##0" : "#,##0." + std::string(static_cast<std::size_t>(d), '0');
            format_set_num_format(numbers_[static_cast<std::size_t>(d)], pattern.c_str());
        }
    }
    ~workbook_file() {
        if (book_) workbook_close(book_);
    }
    workbook_file(const workbook_file&) = delete;
    workbook_file& operator=(const workbook_file&) = delete;

    void close() {
        const auto status = workbook_close(book_);
        book_ = nullptr;
        check(status, "closing");
    }

    void cover(const document& doc) {
        lxw_worksheet* sheet = workbook_add_worksheet(book_, "Report");
        worksheet_set_column(sheet, 0, 0, 24, nullptr);
        worksheet_set_column(sheet, 1, 1, 90, nullptr);
        lxw_row_t row = 0;
        worksheet_write_string(sheet, row++, 0, doc.title.c_str(), bold_);
        const std::pair<const char*, std::string> facts[] = {{"Organisation", doc.organisation},
                                                             {"Financial year", doc.period},
                                                             {"Date", doc.date_line},
                                                             {"SHA-256 of the inputs", doc.inputs_sha256}};
        for (const auto& [label, value] : facts) {
            worksheet_write_string(sheet, row, 0, label, bold_);
            worksheet_write_string(sheet, row++, 1, value.c_str(), nullptr);
        }
        ++row;
        worksheet_write_string(sheet, row++, 0, "Sheets", bold_);
        for (const auto& s : doc.sections)
            for (const auto& b : s.blocks)
                if (const auto* t = std::get_if<table>(&b)) {
                    worksheet_write_string(sheet, row, 0, t->name.c_str(), nullptr);
                    worksheet_write_string(sheet, row++, 1, (s.title + ": " + t->caption).c_str(), nullptr);
                }
    }

    void add(const table& t) {
        lxw_worksheet* sheet = workbook_add_worksheet(book_, t.name.c_str());
        if (!sheet) throw error("could not add the sheet '" + t.name + "' to the workbook");
        worksheet_write_string(sheet, 0, 0, t.caption.c_str(), bold_);
        std::vector<double> widths(t.columns.size(), 8.0);
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const std::string heading = heading_of(t.columns[c]);
            worksheet_write_string(sheet, 1, static_cast<lxw_col_t>(c), heading.c_str(), heading_);
            widths[c] = std::max(widths[c], std::min(width_of(heading), 28.0));
        }
        lxw_row_t row = 2;
        for (const auto& cells : t.rows) {
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const auto& x = cells[c];
                const auto column = static_cast<lxw_col_t>(c);
                if (x.value) {
                    const int decimals = std::min(decimals_in(x.text), 6);
                    worksheet_write_number(sheet, row, column, *x.value, numbers_[static_cast<std::size_t>(decimals)]);
                    // A figure shown with words ("(est.)", "more than") keeps them beside it as a comment.
                    if (x.text.find_first_of("abcdefghijklmnopqrstuvwxyz(") != std::string::npos)
                        worksheet_write_comment(sheet, row, column, x.text.c_str());
                } else {
                    worksheet_write_string(sheet, row, column, x.text.c_str(), nullptr);
                }
                if (c < widths.size()) widths[c] = std::max(widths[c], std::min(width_of(x.text) + 1, 60.0));
            }
            ++row;
        }
        ++row;
        for (const auto& note : t.notes) worksheet_write_string(sheet, row++, 0, note.c_str(), italic_);
        for (std::size_t c = 0; c < widths.size(); ++c) worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
        worksheet_freeze_panes(sheet, 2, 1);
    }

private:
    lxw_workbook* book_;
    lxw_doc_properties properties_{};
    lxw_format* bold_ = nullptr;
    lxw_format* heading_ = nullptr;
    lxw_format* italic_ = nullptr;
    std::array<lxw_format*, 7> numbers_{};
};

}  // namespace

void write_workbook(const document& doc, const std::filesystem::path& out, std::time_t created) {
    workbook_file book(out, created);
    book.cover(doc);
    for (const auto& s : doc.sections)
        for (const auto& b : s.blocks)
            if (const auto* t = std::get_if<table>(&b)) book.add(*t);
    book.close();
}

}  // namespace carbontrack::report
