// Checking a target against the store before it is kept: a typo in a series or an authority is
// refused when it is typed, not found later by `progress`.
#include "carbontrack/app/target_check.hpp"

#include "carbontrack/area.hpp"
#include "carbontrack/error.hpp"
#include "carbontrack/series.hpp"
#include "carbontrack/series_id.hpp"

namespace carbontrack::app {
namespace {

std::string kind_words(period_kind kind) { return kind == period_kind::financial_year ? "financial years" : "calendar years"; }

}  // namespace

std::optional<target_problem> check_target(const store& db, const target& t) {
    std::optional<series_id> id;
    try {
        id = series_id::parse_for(t.entity(), t.series());
    } catch (const data_error& e) {
        return target_problem{target_field::series, e.what()};
    }
    if (t.baseline().kind() != id->periods()) {
        return target_problem{target_field::baseline,
                              "the baseline " + t.baseline().label() + " is not in " + kind_words(id->periods()) + ", which the series '" +
                                  t.series() + "' counts" + (id->own_operations() ? "" : " (area statistics are by calendar year)")};
    }
    if (id->own_operations()) return std::nullopt;
    const auto releases = db.area_releases();
    if (releases.empty()) return std::nullopt;
    const auto codes = db.area_codes();
    std::string why;
    for (const auto& release : releases) {
        try {
            resolve_area(t.entity(), db.area_authorities(release.id), codes);
            return std::nullopt;
        } catch (const data_error& e) {
            if (why.empty()) why = e.what();
        }
    }
    return target_problem{target_field::entity, "no area release knows the authority '" + t.entity() + "': " + why};
}

}  // namespace carbontrack::app
