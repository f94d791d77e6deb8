// The factor file reader (key CSV and DESNZ flat layout): accepted factors are usable numbers with a
// year, a name and a unit; everything else is refused with a carbontrack::error.
#include "scratch_file.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/factors.hpp"

#include <cmath>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace carbontrack;
    try {
        const auto file = read_factor_file(fuzz::scratch_file(data, size));
        for (const auto& f : file.factors) {
            if (!std::isfinite(f.kg_per_unit) || f.kg_per_unit < 0) std::abort();
            if (f.year < 1990 || f.year > 2100 || f.name.empty() || f.unit.empty() || f.gas.empty()) std::abort();
        }
    } catch (const error&) {
    }
    return 0;
}
