// A streaming RFC 4180 reader over libcsv, private to the area importers. It reads the file (plain or
// gzip) in small blocks, so memory stays flat however many rows a release has, and reports the line
// each record starts on so importers can name it in errors.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack::csv {

class record_stream {
public:
    // Returns false to stop reading (a caller that wants only the header).
    using row_handler = std::function<bool(const std::vector<std::string_view>& cells, std::size_t line)>;

    explicit record_stream(std::filesystem::path file);

    // Calls `on_row` for every non-blank record, header included, until it returns false. Cells are trimmed of spaces and
    // tabs outside quotes and valid only during the call. Throws parse_error when the file cannot be
    // read or its quoting is malformed (the parser cannot find the next record after that).
    void read(const row_handler& on_row);

    const std::string& file_name() const noexcept { return name_; }

private:
    std::filesystem::path file_;
    std::string name_;
};

}  // namespace carbontrack::csv
