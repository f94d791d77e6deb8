// The .xls reader: a compound file (OLE2) holding a BIFF8 "Workbook" stream, read record by record.
// Shared strings are read to the end of their records whatever count the SST header claims.
#pragma once

#include "carbontrack/workbook.hpp"

#include <filesystem>

namespace carbontrack::workbook {

// Appends every worksheet of the .xls file to `doc`; throws parse_error naming the file when the
// compound file or its BIFF stream is damaged.
void read_biff(const std::filesystem::path& file, document& doc);

}  // namespace carbontrack::workbook
