// The period parser: a parsed period prints a label that parses back to itself, and a refusal
// always comes with a reason.
#include "carbontrack/error.hpp"
#include "carbontrack/period.hpp"

#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace carbontrack;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = try_parse_period(text);
    const auto problem = period_problem(text);
    if (parsed.has_value() == !problem.empty()) std::abort();
    if (!parsed) return 0;
    const auto again = try_parse_period(parsed->label());
    if (!again || *again != *parsed) std::abort();
    if (parsed->factor_year() < parsed->start_year() || parsed->factor_year() > parsed->start_year() + 1) std::abort();
    return 0;
}
