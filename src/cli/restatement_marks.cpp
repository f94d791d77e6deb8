#include "cli/restatement_marks.hpp"

namespace carbontrack::cli {
namespace {

std::vector<restatement_mark> marks_in(const std::vector<inventory_entry>& entries, const period& when) {
    std::vector<restatement_mark> marks;
    for (const auto& e : entries) {
        if (!(e.when == when) || !e.restated) continue;
        if (std::none_of(marks.begin(), marks.end(), [&](const restatement_mark& m) { return m.id == e.restated->id; })) marks.push_back(*e.restated);
    }
    return marks;
}

}  // namespace

nlohmann::json restatement_json(const std::optional<restatement_mark>& mark) {
    if (!mark) return nullptr;
    return {{"id", mark->id},
            {"reason", mark->reason},
            {"applied_at", mark->applied_at},
            {"first_reported_tco2e", in(mark->first_reported, units::tonne_co2e)},
            {"first_reported_kg_co2e_per_unit", mark->first_reported_kg_co2e_per_unit}};
}

std::string restatement_label(const std::optional<restatement_mark>& mark) {
    if (!mark) return {};
    return "restated " + mark->applied_at.substr(0, 10) + ": " + mark->reason;
}

nlohmann::json period_restatements_json(const std::vector<inventory_entry>& entries, const period& when) {
    auto list = nlohmann::json::array();
    for (const auto& m : marks_in(entries, when)) list.push_back({{"id", m.id}, {"reason", m.reason}, {"applied_at", m.applied_at}});
    return list;
}

std::string period_restatements_label(const std::vector<inventory_entry>& entries, const period& when) {
    std::string label;
    for (const auto& m : marks_in(entries, when)) label += (label.empty() ? "" : "; ") + restatement_label(m);
    return label;
}

}  // namespace carbontrack::cli
