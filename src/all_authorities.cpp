#include "carbontrack/all_authorities.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/series.hpp"

namespace carbontrack {

std::vector<authority_assessment> assess_all_authorities(const area_data& data, const std::vector<area_selection>& areas,
                                                         const std::string& series, int net_zero_year,
                                                         std::optional<int> baseline_year) {
    const auto all_series = area_series_for_each(data, areas, series);
    std::vector<authority_assessment> result;
    result.reserve(areas.size());
    for (std::size_t i = 0; i < areas.size(); ++i) {
        authority_assessment assessment{areas[i].code, areas[i].label, std::nullopt, {}};
        std::visit(
            [&](const auto& s) {
                if (s.points().empty()) {
                    assessment.problem = "no figures in this release";
                    return;
                }
                const period baseline = baseline_year ? period{calendar_year{*baseline_year}} : s.points().front().when;
                try {
                    const target t(target_definition{"net zero by " + std::to_string(net_zero_year), areas[i].code, series, baseline,
                                                     {{calendar_year{net_zero_year}, 100.0}}, pathway_kind::linear, std::nullopt,
                                                     std::nullopt});
                    assessment.report = evaluate(t, s);
                } catch (const data_error& e) {
                    assessment.problem = e.what();
                }
            },
            all_series[i]);
        result.push_back(std::move(assessment));
    }
    return result;
}

}  // namespace carbontrack
