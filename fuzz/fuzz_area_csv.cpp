// The area reader in all three layouts (DESNZ GHG, DESNZ CO2, mySociety wide), streaming into a sink
// that checks what it is given: indices it has been told about and finite figures.
#include "scratch_file.hpp"

#include "carbontrack/area.hpp"
#include "carbontrack/error.hpp"

#include <cmath>
#include <cstdlib>
#include <set>
#include <tuple>

namespace {

class checking_sink : public carbontrack::area_sink {
public:
    void add_authority(std::uint32_t index, const carbontrack::area_authority_info& authority) override {
        if (index != authorities_ || authority.code.empty()) std::abort();
        ++authorities_;
    }
    void add_subsector(std::uint32_t index, const std::string&, const std::string&) override {
        if (index != subsectors_++) std::abort();
    }
    void add_gas(std::uint32_t index, const std::string&) override {
        if (index != gases_++) std::abort();
    }
    bool add_value(const carbontrack::area_value& v) override {
        if (v.authority >= authorities_ || v.subsector >= subsectors_ || v.gas >= gases_) std::abort();
        for (const auto& figure : {v.territorial_kt, v.within_scope_kt})
            if (figure && !std::isfinite(*figure)) std::abort();
        return keys_.emplace(v.authority, v.year, v.subsector, v.gas).second;
    }
    void add_population(const carbontrack::area_population& p) override {
        if (p.authority >= authorities_) std::abort();
        for (const auto& figure : {p.population_thousands, p.area_km2})
            if (figure && !(std::isfinite(*figure) && *figure > 0)) std::abort();
    }

private:
    std::uint32_t authorities_ = 0;
    std::uint32_t subsectors_ = 0;
    std::uint32_t gases_ = 0;
    std::set<std::tuple<std::uint32_t, int, std::uint32_t, std::uint32_t>> keys_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace carbontrack;
    const auto file = fuzz::scratch_file(data, size);
    try {
        detect_area_layout(file);
        checking_sink sink;
        read_area_file(file, sink);
    } catch (const error&) {
    }
    return 0;
}
