#include "carbontrack/chart.hpp"

#include <array>

namespace carbontrack::chart {

std::string_view hex(colour c) {
    switch (c) {
        case colour::black: return "#000000";
        case colour::orange: return "#E69F00";
        case colour::sky_blue: return "#56B4E9";
        case colour::bluish_green: return "#009E73";
        case colour::yellow: return "#F0E442";
        case colour::blue: return "#0072B2";
        case colour::vermillion: return "#D55E00";
        case colour::reddish_purple: return "#CC79A7";
        case colour::grey: return "#7F7F7F";
    }
    return "#000000";
}

colour category_colour(std::size_t index) {
    // Neighbours in a stack alternate dark and light so adjacent bands stay distinct in grey scale too.
    static constexpr std::array order{colour::blue,       colour::orange, colour::bluish_green, colour::reddish_purple,
                                      colour::sky_blue,   colour::vermillion, colour::yellow,   colour::grey};
    return order[index % order.size()];
}

}  // namespace carbontrack::chart
