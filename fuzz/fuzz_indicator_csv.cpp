// The indicator CSV reader and its checks: definitions and values come back validated or the file
// is refused with a carbontrack::error.
#include "scratch_file.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/indicator.hpp"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace carbontrack;
    try {
        const auto batch = read_indicator_csv(fuzz::scratch_file(data, size));
        for (const auto& v : batch.values)
            if (!std::isfinite(v.amount)) std::abort();
    } catch (const error&) {
    }
    return 0;
}
