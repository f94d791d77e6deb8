// Fetching a named series from the store: the one place that knows which data answers which entity.
#include "carbontrack/error.hpp"
#include "carbontrack/series.hpp"
#include "carbontrack/store.hpp"

namespace carbontrack {

loaded_series load_series(const store& db, const organisation& org, const std::string& entity, const std::string& name,
                          const std::string& release_name) {
    if (entity == own_operations_entity) {
        return {own_operations_series(db.inventory(org.id), db.boundary(org.id), name), org.name + " (own operations)", "own-operations inventory"};
    }
    const auto need = area_series_needs(name);
    const auto releases = db.area_releases();
    if (releases.empty())
        throw data_error("the series for " + entity + " needs area statistics; import a release with 'carbontrack area import FILE'");
    const auto* release = &choose_release(releases, release_name, need.measure, need.needs_sectors);
    const auto selection = resolve_area(entity, db.area_authorities(release->id), db.area_codes());
    const auto data = db.area_figures(*release, selection.authority_ids, std::nullopt);
    return {area_series(data, selection, name), selection.label, "DESNZ local authority statistics, release " + release->name};
}

}  // namespace carbontrack
