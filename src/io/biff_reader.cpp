// BIFF8 inside a compound file, as Excel 97-2003 writes it. FreeXL 1.0.6 (Debian's) refuses five of
// the six official DESNZ .xls workbooks: its SST parser stops on the shared-string counts those files
// misstate and freexl_open then reports success with no handle. This reader trusts record lengths only.
#include "io/biff_reader.hpp"

#include "carbontrack/error.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

namespace carbontrack::workbook {
namespace {

using bytes = std::vector<unsigned char>;

constexpr std::uint32_t end_of_chain = 0xFFFFFFFE;
constexpr std::uint32_t free_sector = 0xFFFFFFFF;

class damaged : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::uint16_t u16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t u32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) | (static_cast<std::uint32_t>(p[2]) << 16) |
           (static_cast<std::uint32_t>(p[3]) << 24);
}
double f64(const unsigned char* p) {
    std::uint64_t bits = 0;
    for (int i = 7; i >= 0; --i) bits = (bits << 8) | p[i];
    double value;
    std::memcpy(&value, &bits, sizeof value);
    return value;
}

void need(const bytes& data, std::size_t offset, std::size_t length, const char* what) {
    if (offset > data.size() || length > data.size() - offset) throw damaged(std::string("truncated ") + what);
}

// The compound file's streams, reassembled from their sector chains.
class compound_file {
public:
    explicit compound_file(bytes data) : data_(std::move(data)) {
        need(data_, 0, 512, "header");
        const unsigned sector_shift = u16(&data_[0x1E]);
        const unsigned mini_shift = u16(&data_[0x20]);
        if (sector_shift != 9 && sector_shift != 12) throw damaged("unsupported sector size");
        sector_size_ = std::size_t{1} << sector_shift;
        mini_size_ = std::size_t{1} << mini_shift;
        mini_cutoff_ = u32(&data_[0x38]);
        read_fat();
        directory_ = chain(u32(&data_[0x30]));
        const std::uint32_t mini_fat_start = u32(&data_[0x3C]);
        if (mini_fat_start != end_of_chain && mini_fat_start != free_sector) {
            const bytes table = chain(mini_fat_start);
            for (std::size_t i = 0; i + 4 <= table.size(); i += 4) mini_fat_.push_back(u32(&table[i]));
        }
    }

    // The named stream's bytes ("Workbook", or "Book" in older files); empty when absent.
    bytes stream(const std::u16string& wanted_a, const std::u16string& wanted_b) {
        bytes root_stream;
        for (std::size_t entry = 0; entry + 128 <= directory_.size(); entry += 128) {
            const unsigned char* e = &directory_[entry];
            const std::size_t name_bytes = std::min<std::size_t>(u16(e + 0x40), 64);
            std::u16string name;
            for (std::size_t i = 0; i + 1 < name_bytes; i += 2) {
                const char16_t c = static_cast<char16_t>(u16(e + i));
                if (c == 0) break;
                name.push_back(c);
            }
            const unsigned type = e[0x42];
            const std::uint32_t start = u32(e + 0x74);
            const std::size_t size = u32(e + 0x78);
            if (type == 5) root_stream = chain(start);
            if (type == 2 && (name == wanted_a || name == wanted_b)) {
                bytes content = size < mini_cutoff_ ? mini_chain(start, root_stream) : chain(start);
                if (content.size() < size) throw damaged("stream shorter than its directory entry says");
                content.resize(size);
                return content;
            }
        }
        return {};
    }

private:
    void read_fat() {
        std::vector<std::uint32_t> fat_sectors;
        for (std::size_t i = 0; i < 109; ++i) {
            const std::uint32_t s = u32(&data_[0x4C + 4 * i]);
            if (s != free_sector && s != end_of_chain) fat_sectors.push_back(s);
        }
        std::uint32_t difat = u32(&data_[0x44]);
        for (std::size_t guard = 0; difat != end_of_chain && difat != free_sector; ++guard) {
            if (guard > data_.size() / sector_size_) throw damaged("DIFAT chain loops");
            const unsigned char* p = sector(difat);
            const std::size_t per_sector = sector_size_ / 4 - 1;
            for (std::size_t i = 0; i < per_sector; ++i) {
                const std::uint32_t s = u32(p + 4 * i);
                if (s != free_sector && s != end_of_chain) fat_sectors.push_back(s);
            }
            difat = u32(p + 4 * per_sector);
        }
        for (const auto s : fat_sectors) {
            const unsigned char* p = sector(s);
            for (std::size_t i = 0; i < sector_size_ / 4; ++i) fat_.push_back(u32(p + 4 * i));
        }
    }

    const unsigned char* sector(std::uint32_t index) const {
        const std::size_t offset = (static_cast<std::size_t>(index) + 1) * sector_size_;
        need(data_, offset, sector_size_, "sector");
        return &data_[offset];
    }

    bytes chain(std::uint32_t start) const {
        bytes out;
        for (std::uint32_t s = start; s != end_of_chain; s = fat_[s]) {
            if (s >= fat_.size() || out.size() > data_.size()) throw damaged("broken sector chain");
            const unsigned char* p = sector(s);
            out.insert(out.end(), p, p + sector_size_);
        }
        return out;
    }

    bytes mini_chain(std::uint32_t start, const bytes& root_stream) const {
        bytes out;
        for (std::uint32_t s = start; s != end_of_chain; s = mini_fat_[s]) {
            if (s >= mini_fat_.size() || out.size() > root_stream.size()) throw damaged("broken mini-sector chain");
            const std::size_t offset = static_cast<std::size_t>(s) * mini_size_;
            need(root_stream, offset, mini_size_, "mini sector");
            out.insert(out.end(), root_stream.begin() + static_cast<std::ptrdiff_t>(offset),
                       root_stream.begin() + static_cast<std::ptrdiff_t>(offset + mini_size_));
        }
        return out;
    }

    bytes data_;
    std::size_t sector_size_ = 512;
    std::size_t mini_size_ = 64;
    std::size_t mini_cutoff_ = 4096;
    std::vector<std::uint32_t> fat_;
    std::vector<std::uint32_t> mini_fat_;
    bytes directory_;
};

void append_utf8(std::string& out, std::uint32_t c) {
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

// Reads a record and its CONTINUE records as one byte sequence that knows where each piece starts:
// a string's characters that cross into a CONTINUE record restart with a fresh option byte there.
class record_reader {
public:
    explicit record_reader(std::vector<bytes> pieces) : pieces_(std::move(pieces)) {}

    bool at_end() {
        skip_empty_pieces();
        return piece_ >= pieces_.size();
    }
    unsigned char byte() {
        skip_empty_pieces();
        if (piece_ >= pieces_.size()) throw damaged("string runs past its record");
        return pieces_[piece_][offset_++];
    }
    std::uint16_t word() {
        const unsigned char lo = byte();
        return static_cast<std::uint16_t>(lo | (byte() << 8));
    }
    std::uint32_t dword() {
        const std::uint32_t lo = word();
        return lo | (static_cast<std::uint32_t>(word()) << 16);
    }
    void skip(std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) byte();
    }

    // XLUnicodeRichExtendedString: character count, option byte, optional run and extension sizes.
    std::string unicode_string(std::size_t characters) {
        unsigned char options = byte();
        const std::size_t runs = (options & 0x08) ? word() : 0;
        const std::size_t extension = (options & 0x04) ? dword() : 0;
        std::string text;
        for (std::size_t i = 0; i < characters; ++i) {
            if (offset_ == pieces_[piece_].size() && piece_ + 1 < pieces_.size()) {
                ++piece_;
                offset_ = 0;
                options = byte();  // a continued string restates whether its characters are 8- or 16-bit
            }
            const std::uint32_t c = (options & 0x01) ? word() : byte();
            append_utf8(text, c);
        }
        skip(4 * runs + extension);
        return text;
    }

private:
    void skip_empty_pieces() {
        while (piece_ < pieces_.size() && offset_ >= pieces_[piece_].size()) {
            ++piece_;
            offset_ = 0;
        }
    }

    std::vector<bytes> pieces_;
    std::size_t piece_ = 0;
    std::size_t offset_ = 0;
};

struct record {
    std::uint16_t type;
    std::size_t position;
    bytes data;
};

constexpr std::uint16_t bof = 0x0809, eof = 0x000A, boundsheet = 0x0085, sst = 0x00FC, continue_record = 0x003C, labelsst = 0x00FD,
                        number = 0x0203, rk = 0x027E, mulrk = 0x00BD, label = 0x0204, rstring = 0x00D6, formula = 0x0006,
                        string_record = 0x0207, boolerr = 0x0205;

double decode_rk(std::uint32_t value) {
    double result;
    if (value & 0x02) {
        result = static_cast<double>(static_cast<std::int32_t>(value) >> 2);
    } else {
        const std::uint64_t bits = static_cast<std::uint64_t>(value & 0xFFFFFFFC) << 32;
        std::memcpy(&result, &bits, sizeof result);
    }
    return (value & 0x01) ? result / 100 : result;
}

std::vector<record> split_records(const bytes& stream) {
    std::vector<record> records;
    std::size_t p = 0;
    while (p + 4 <= stream.size()) {
        const std::uint16_t type = u16(&stream[p]);
        const std::size_t length = u16(&stream[p + 2]);
        if (type == 0 && length == 0) break;
        need(stream, p + 4, length, "record");
        records.push_back({type, p, bytes(stream.begin() + static_cast<std::ptrdiff_t>(p + 4),
                                          stream.begin() + static_cast<std::ptrdiff_t>(p + 4 + length))});
        p += 4 + length;
    }
    return records;
}

// The record at `i` with its CONTINUE records; advances `i` past them.
std::vector<bytes> with_continues(const std::vector<record>& records, std::size_t& i) {
    std::vector<bytes> pieces{records[i].data};
    while (i + 1 < records.size() && records[i + 1].type == continue_record) pieces.push_back(records[++i].data);
    return pieces;
}

std::vector<std::string> read_shared_strings(std::vector<bytes> pieces) {
    record_reader reader(std::move(pieces));
    reader.skip(8);  // total and unique counts: wrong in some official files, so not relied on
    std::vector<std::string> strings;
    while (!reader.at_end()) {
        const std::size_t characters = reader.word();
        strings.push_back(reader.unicode_string(characters));
    }
    return strings;
}

cell text_cell(std::string text) { return cell{cell_kind::text, std::move(text), 0}; }
cell number_cell(double value) { return cell{cell_kind::number, {}, value}; }

void read_sheet_records(const std::vector<record>& records, std::size_t i, const std::vector<std::string>& strings, sheet& target) {
    std::size_t pending_row = 0, pending_column = 0;
    bool string_pending = false;
    for (++i; i < records.size() && records[i].type != eof; ++i) {
        const record& r = records[i];
        const bytes& d = r.data;
        if (r.type == bof) {  // an embedded chart's substream: skip to its EOF
            while (i < records.size() && records[i].type != eof) ++i;
            continue;
        }
        if (d.size() < 6 && r.type != string_record) continue;
        const std::size_t row = d.size() >= 2 ? u16(&d[0]) : 0;
        const std::size_t column = d.size() >= 4 ? u16(&d[2]) : 0;
        switch (r.type) {
            case labelsst:
                need(d, 6, 4, "LABELSST");
                if (const std::uint32_t index = u32(&d[6]); index < strings.size()) target.set(row, column, text_cell(strings[index]));
                break;
            case number:
                need(d, 6, 8, "NUMBER");
                target.set(row, column, number_cell(f64(&d[6])));
                break;
            case rk:
                need(d, 6, 4, "RK");
                target.set(row, column, number_cell(decode_rk(u32(&d[6]))));
                break;
            case mulrk:
                for (std::size_t p = 4, c = column; p + 6 <= d.size() - 2; p += 6, ++c) target.set(row, c, number_cell(decode_rk(u32(&d[p + 2]))));
                break;
            case label:
            case rstring: {
                std::size_t at = i;
                record_reader reader(with_continues(records, at));
                reader.skip(6);
                const std::size_t characters = reader.word();
                target.set(row, column, text_cell(reader.unicode_string(characters)));
                i = at;
                break;
            }
            case formula:
                need(d, 6, 8, "FORMULA");
                if (u16(&d[12]) != 0xFFFF) {
                    target.set(row, column, number_cell(f64(&d[6])));
                } else if (d[6] == 0) {  // a text result follows in a STRING record
                    pending_row = row;
                    pending_column = column;
                    string_pending = true;
                } else if (d[6] == 1) {
                    target.set(row, column, number_cell(d[8] ? 1 : 0));
                }
                break;
            case string_record:
                if (string_pending) {
                    std::size_t at = i;
                    record_reader reader(with_continues(records, at));
                    const std::size_t characters = reader.word();
                    target.set(pending_row, pending_column, text_cell(reader.unicode_string(characters)));
                    string_pending = false;
                    i = at;
                }
                break;
            case boolerr:
                need(d, 6, 2, "BOOLERR");
                if (d[7] == 0) target.set(row, column, number_cell(d[6] ? 1 : 0));
                break;
            default: break;
        }
    }
}

}  // namespace

void read_biff(const std::filesystem::path& file, document& doc) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw parse_error(doc.file, 0, "cannot open the file");
    bytes data{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    try {
        compound_file container(std::move(data));
        const bytes stream = container.stream(u"Workbook", u"Book");
        if (stream.empty()) throw damaged("no Workbook stream (not an Excel 97-2003 workbook)");
        const auto records = split_records(stream);
        std::vector<std::string> strings;
        std::vector<std::pair<std::size_t, std::string>> sheets;  // BOF position, name
        for (std::size_t i = 0; i < records.size(); ++i) {
            const record& r = records[i];
            if (r.type == boundsheet && r.data.size() >= 8) {
                if (r.data[5] != 0) continue;  // charts, macro sheets
                record_reader reader({bytes(r.data.begin() + 6, r.data.end())});
                const std::size_t characters = reader.byte();
                sheets.emplace_back(u32(&r.data[0]), reader.unicode_string(characters));
            } else if (r.type == sst) {
                strings = read_shared_strings(with_continues(records, i));
            }
        }
        std::map<std::size_t, std::size_t> record_at;
        for (std::size_t i = 0; i < records.size(); ++i) record_at.emplace(records[i].position, i);
        for (const auto& [position, name] : sheets) {
            auto found = record_at.find(position);
            if (found == record_at.end() || records[found->second].type != bof) throw damaged("sheet '" + name + "' does not start where it says");
            sheet& target = doc.sheets.emplace_back(name);
            read_sheet_records(records, found->second, strings, target);
        }
    } catch (const damaged& e) {
        throw parse_error(doc.file, 0, std::string("not a readable xls workbook: ") + e.what());
    }
}

}  // namespace carbontrack::workbook
