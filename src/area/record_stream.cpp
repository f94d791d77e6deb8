#include "area/record_stream.hpp"

#include "carbontrack/error.hpp"

#include <csv.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <exception>
#include <memory>

namespace carbontrack::csv {
namespace {

// Small enough to keep the importer's footprint a few hundred KiB, large enough that zlib and libcsv
// spend their time on data rather than calls.
constexpr std::size_t block_size = 64 * 1024;
// The same bound as the other importers' reader: no real record comes near it, and a file with no
// line breaks (a binary file, a lost quote) must not grow the importer's memory without limit.
constexpr std::size_t max_record_bytes = std::size_t{1} << 24;
// libcsv grows a cell's buffer by a fixed step (128 bytes by default), so a 16 MiB cell took 131,072
// reallocations; where realloc cannot grow in place (AddressSanitizer, other allocators) each copies
// the whole cell and the import ran for minutes. A 1 MiB step keeps that to 16; pages never written
// cost no resident memory.
constexpr std::size_t cell_growth_bytes = std::size_t{1} << 20;

struct gzip_closer {
    void operator()(gzFile handle) const noexcept { gzclose(handle); }
};
using gzip_file = std::unique_ptr<gzFile_s, gzip_closer>;

struct parser_guard {
    csv_parser parser{};
    parser_guard() {
        if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0) throw std::bad_alloc();
        csv_set_blk_size(&parser, cell_growth_bytes);
    }
    parser_guard(const parser_guard&) = delete;
    parser_guard& operator=(const parser_guard&) = delete;
    ~parser_guard() { csv_free(&parser); }
};

// What libcsv's callbacks need: the cells of the record being built and where it started.
struct record_state {
    const record_stream::row_handler* on_row = nullptr;
    std::string text;                  // every cell of the record, back to back
    std::vector<std::size_t> ends;     // where each cell ends in `text`
    std::vector<std::string_view> cells;
    std::size_t line = 1;              // the physical line the parser has reached
    std::size_t record_line = 1;       // the line the current record started on
    std::size_t newlines_in_cells = 0; // quoted cells may span lines
    bool first_record = true;
    // libcsv is C: an exception must not unwind through it, so the handler's is kept and rethrown.
    std::exception_ptr failure;
    bool stopped = false;

    static void on_cell(void* data, std::size_t length, void* self) {
        auto& state = *static_cast<record_state*>(self);
        if (state.ends.empty()) state.record_line = state.line;
        const char* begin = static_cast<const char*>(data);
        if (begin) {
            std::string_view cell(begin, length);
            // Excel writes a UTF-8 byte-order mark before the first header cell.
            if (state.first_record && state.ends.empty() && cell.starts_with("\xEF\xBB\xBF")) cell.remove_prefix(3);
            // Almost no cell holds a line break; memchr says so for a short cell at a fraction of a count.
            if (std::memchr(cell.data(), '\n', cell.size()) != nullptr)
                state.newlines_in_cells += static_cast<std::size_t>(std::count(cell.begin(), cell.end(), '\n'));
            state.text.append(cell);
        }
        state.ends.push_back(state.text.size());
    }

    static void on_record_end(int terminator, void* self) {
        auto& state = *static_cast<record_state*>(self);
        if (!state.ends.empty() && !state.failure && !state.stopped) {
            state.cells.clear();
            std::size_t begin = 0;
            for (std::size_t end : state.ends) {
                state.cells.emplace_back(state.text.data() + begin, end - begin);
                begin = end;
            }
            try {
                state.stopped = !(*state.on_row)(state.cells, state.record_line);
            } catch (...) {
                state.failure = std::current_exception();
            }
            state.first_record = false;
        }
        state.text.clear();
        state.ends.clear();
        state.line += state.newlines_in_cells + (terminator == '\n' ? 1 : 0);
        state.newlines_in_cells = 0;
    }
};

}  // namespace

record_stream::record_stream(std::filesystem::path file) : file_(std::move(file)), name_(file_.string()) {}

void record_stream::read(const row_handler& on_row) {
    std::error_code ec;
    if (std::filesystem::is_directory(file_, ec)) throw parse_error(name_, 0, "is a directory, not a CSV file");
    if (!std::filesystem::exists(file_, ec)) throw parse_error(name_, 0, "no such file");
    // zlib reads a file that is not gzip-compressed unchanged, so one path serves .csv and .csv.gz.
    gzip_file input(gzopen(name_.c_str(), "rb"));
    if (!input) throw parse_error(name_, 0, "cannot open the file: " + std::string(std::strerror(errno)));
    gzbuffer(input.get(), static_cast<unsigned>(block_size));

    parser_guard guard;
    record_state state;
    state.on_row = &on_row;
    std::array<char, block_size> block{};
    for (;;) {
        const int got = gzread(input.get(), block.data(), static_cast<unsigned>(block.size()));
        if (got < 0) {
            int code = 0;
            throw parse_error(name_, state.line, "cannot read the file: " + std::string(gzerror(input.get(), &code)));
        }
        if (got == 0) break;
        const auto size = static_cast<std::size_t>(got);
        const std::size_t parsed = csv_parse(&guard.parser, block.data(), size, record_state::on_cell, record_state::on_record_end, &state);
        if (state.failure) std::rethrow_exception(state.failure);
        if (state.stopped) return;
        if (guard.parser.entry_pos + state.text.size() > max_record_bytes)
            throw parse_error(name_, state.line, "a line is longer than 16 MiB; the file is not a table carbontrack can read");
        if (parsed != size)
            throw parse_error(name_, state.line, std::string("malformed CSV: ") + csv_strerror(csv_error(&guard.parser)) +
                                                     " (a quote inside an unquoted cell, or text after a closing quote)");
    }
    const int finished = csv_fini(&guard.parser, record_state::on_cell, record_state::on_record_end, &state);
    if (state.failure) std::rethrow_exception(state.failure);
    if (finished != 0)
        throw parse_error(name_, state.record_line, "malformed CSV: a quoted cell is never closed");
}

}  // namespace carbontrack::csv
