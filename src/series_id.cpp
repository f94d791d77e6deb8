// Parsing a series name: the one place that knows which texts name which series.
#include "carbontrack/series_id.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/series.hpp"

namespace carbontrack {

series_id series_id::parse_own_operations(std::string_view text) {
    const std::string name(text);
    if (name == "total") return series_id(family::own_total, name);
    if (name == "scope-1" || name == "scope-2" || name == "scope-3") {
        series_id id(family::own_scope, name);
        id.scope_ = name.back() - '0';
        return id;
    }
    if (name.starts_with("source:") && name.size() > 7) {
        series_id id(family::own_source, name);
        id.part_ = name.substr(7);
        return id;
    }
    throw data_error("unknown own-operations series '" + name + "'; use " + std::string(own_operations_series_names()));
}

series_id series_id::parse_area(std::string_view text) {
    const std::string name(text);
    const auto colon = name.find(':');
    const std::string measure = name.substr(0, colon);
    series_id id(family::area, name);
    if (colon != std::string::npos) id.part_ = name.substr(colon + 1);
    if (measure == "territorial") id.measure_ = area_measure::territorial;
    else if (measure != "within-scope" || (colon != std::string::npos && id.part_.empty()))
        throw data_error("unknown area series '" + name + "'; use " + std::string(area_series_names()));
    return id;
}

series_id series_id::parse_for(std::string_view entity, std::string_view text) {
    return entity == own_operations_entity ? parse_own_operations(text) : parse_area(text);
}

}  // namespace carbontrack
