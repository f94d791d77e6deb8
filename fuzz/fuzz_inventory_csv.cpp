// The own-operations CSV reader: any bytes either read as rows that obey the domain rules or are
// refused with a carbontrack::error; nothing else may escape, crash or leak.
#include "scratch_file.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/inventory.hpp"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace carbontrack;
    try {
        const auto rows = read_inventory_csv(fuzz::scratch_file(data, size));
        if (rows.empty()) std::abort();  // an accepted file has at least one row
        for (const auto& row : rows) {
            if (row.activity_amount && !(std::isfinite(*row.activity_amount) && *row.activity_amount >= 0)) std::abort();
            if (row.tco2e && !(std::isfinite(*row.tco2e) && *row.tco2e >= 0)) std::abort();
            if (row.scope && (*row.scope < 1 || *row.scope > 3)) std::abort();
        }
    } catch (const error&) {
    }
    return 0;
}
