#include "carbontrack/csv.hpp"

#include "carbontrack/workbook.hpp"
#include "carbontrack/error.hpp"
#include "io/csv_reader.hpp"

#include <zlib.h>

#include <climits>
#include <cstdio>
#include <cstring>

namespace carbontrack::csv {
namespace {

class gzip_byte_source : public io::ByteSourceBase {
public:
    explicit gzip_byte_source(const std::filesystem::path& file) : name_(file.string()) {
        handle_ = gzopen(name_.c_str(), "rb");
        if (!handle_) throw parse_error(name_, 0, "cannot open the file: " + std::string(std::strerror(errno)));
    }
    gzip_byte_source(const gzip_byte_source&) = delete;
    gzip_byte_source& operator=(const gzip_byte_source&) = delete;
    ~gzip_byte_source() override { gzclose(handle_); }

    int read(char* buffer, int size) override {
        int got = gzread(handle_, buffer, static_cast<unsigned>(size));
        if (got < 0) {
            int code = 0;
            throw parse_error(name_, 0, "cannot read the file: " + std::string(gzerror(handle_, &code)));
        }
        return got;
    }

private:
    std::string name_;
    gzFile handle_;
};

}  // namespace

std::unique_ptr<io::ByteSourceBase> open_byte_source(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) throw parse_error(file.string(), 0, "is a directory, not a CSV file");
    if (!std::filesystem::exists(file, ec)) throw parse_error(file.string(), 0, "no such file");
    // A workbook's bytes read as CSV give "unknown column 'PK...'"; say what the file is instead.
    if (const auto kind = workbook::detect_format(file))
        throw parse_error(file.string(), 0,
                          "is a spreadsheet workbook (" + std::string(workbook::format_name(*kind)) +
                              "), but this command reads CSV (.csv or .csv.gz); save the sheet as CSV UTF-8. "
                              "'factors import' reads DESNZ workbooks (.xlsx, .xls) as published");
    return std::make_unique<gzip_byte_source>(file);
}

std::string describe(const io::error::base& e) {
    if (dynamic_cast<const io::error::too_few_columns*>(&e)) return "the row has fewer columns than the header";
    if (dynamic_cast<const io::error::too_many_columns*>(&e)) return "the row has more columns than the header";
    if (dynamic_cast<const io::error::escaped_string_not_closed*>(&e)) return "a quoted cell is never closed";
    if (auto missing = dynamic_cast<const io::error::missing_column_in_header*>(&e))
        return "the column '" + std::string(missing->column_name) + "' is missing";
    if (auto extra = dynamic_cast<const io::error::extra_column_in_header*>(&e))
        return "unknown column '" + std::string(extra->column_name) + "'";
    if (auto duplicated = dynamic_cast<const io::error::duplicated_column_in_header*>(&e))
        return "the column '" + std::string(duplicated->column_name) + "' appears twice";
    return e.what();
}

std::string utf8_problem(std::string_view text) {
    // Nearly every cell is ASCII: one branch-free pass, which the compiler vectorises, settles those.
    unsigned char high_bits = 0;
    for (const char c : text) high_bits |= static_cast<unsigned char>(c);
    if (high_bits < 0x80) return {};
    // RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
    const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t size = text.size();
    for (std::size_t i = 0; i < size;) {
        const unsigned char lead = bytes[i];
        std::size_t length = 0;
        unsigned char low = 0x80, high = 0xBF;  // the allowed range of the second byte
        if (lead < 0x80) length = 1;
        else if (lead >= 0xC2 && lead <= 0xDF) length = 2;
        else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        }
        bool good = length > 0 && i + length <= size;
        for (std::size_t k = 1; good && k < length; ++k) {
            const unsigned char next = bytes[i + k];
            good = k == 1 ? next >= low && next <= high : next >= 0x80 && next <= 0xBF;
        }
        if (!good) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", lead);
            return std::string("byte ") + hex + " at position " + std::to_string(i + 1) +
                   " is not UTF-8; save the file as UTF-8 (Excel: CSV UTF-8)";
        }
        i += length;
    }
    return {};
}

std::vector<std::string> read_header(const std::filesystem::path& file) {
    io::LineReader lines(file.string(), open_byte_source(file));
    char* first = nullptr;
    try {
        first = lines.next_line();
    } catch (const io::error::base& e) {
        throw parse_error(file.string(), 1, describe(e));
    }
    if (!first || !*first) throw parse_error(file.string(), 1, "the file is empty; expected a header line");
    std::vector<std::string> names;
    std::string current;
    bool quoted = false;
    for (const char* p = first; *p; ++p) {
        if (*p == '"') {
            quoted = !quoted;
        } else if (*p == ',' && !quoted) {
            names.push_back(current);
            current.clear();
        } else {
            current += *p;
        }
    }
    names.push_back(current);
    return names;
}

}  // namespace carbontrack::csv
