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
    const auto release = db.find_area_release(release_name);
    if (!release) {
        if (release_name.empty())
            throw data_error("the series for " + entity + " needs area statistics; import a release with 'carbontrack area import FILE'");
        throw data_error("no area release named '" + release_name + "'; see 'carbontrack area releases'");
    }
    const auto selection = resolve_area(entity, db.area_authorities(release->id), db.area_codes());
    const auto data = db.area_figures(*release, selection.authority_ids, std::nullopt);
    return {area_series(data, selection, name), selection.label, "DESNZ local authority statistics, release " + release->name};
}

}  // namespace carbontrack
