// Which authority a user means. Councils go by GSS codes, mySociety's three-letter codes and several
// spellings of their names; the identifier table says which of those are the same council, and a
// county absent from a release is found as the districts that name it as their Second Tier Authority
// (or, in a release that prints none, as the districts the identifier table files under it).
#include "carbontrack/area.hpp"

#include "area/record_stream.hpp"
#include "carbontrack/error.hpp"
#include "text.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>

namespace carbontrack {
namespace {

std::string folded(std::string_view s) { return text::lower(text::collapse_spaces(s)); }

// "Blaby District Council" -> "blaby", so people can type the place rather than the council's title.
std::string place_name(std::string_view name) {
    std::string place = folded(name);
    for (std::string_view suffix : {" county council", " district council", " borough council", " city council", " council"})
        if (text::strip_suffix(place, suffix)) break;
    return place;
}

// Every identifier that names the same council as `text`, folded; always holds `text` itself.
std::set<std::string> aliases_of(std::string_view text, const std::vector<area_code_row>& codes) {
    const std::string wanted = folded(text);
    std::set<std::string> names{wanted};
    for (const auto& row : codes) {
        const std::array<std::string, 4> ids{folded(row.gss_code), folded(row.mysociety_code), folded(row.name), place_name(row.name)};
        if (std::find(ids.begin(), ids.end(), wanted) == ids.end()) continue;
        for (const auto& id : ids)
            if (!id.empty()) names.insert(id);
    }
    return names;
}

// The identifier rows by folded GSS and mySociety code, built once per query.
class code_index {
public:
    explicit code_index(const std::vector<area_code_row>& codes) {
        for (const auto& row : codes)
            for (const auto& code : {row.gss_code, row.mysociety_code})
                if (!code.empty()) rows_.emplace(folded(code), &row);
    }

    const area_code_row* find(const area_authority_entry& authority) const {
        auto it = rows_.find(folded(authority.code));
        return it == rows_.end() ? nullptr : it->second;
    }

    // The GSS code when the identifier table knows it, else the code the file gave.
    area_selection single(const area_authority_entry& authority) const {
        const auto* row = find(authority);
        return {authority.name, row && !row->gss_code.empty() ? row->gss_code : authority.code, {authority.id}, false};
    }

private:
    std::map<std::string, const area_code_row*> rows_;
};

// "Leicestershire County Council" (the row of GSS code `gss`) -> "Leicestershire", as DESNZ names counties.
std::string county_place(const std::string& gss, const std::vector<area_code_row>& codes) {
    for (const auto& row : codes) {
        if (row.gss_code != gss) continue;
        std::string place = text::collapse_spaces(row.name);
        text::strip_suffix(place, " County Council");
        return place;
    }
    return gss;
}

}  // namespace

std::optional<area_tier> parse_tier(std::string_view text) {
    for (auto tier : {area_tier::district, area_tier::county, area_tier::combined})
        if (to_string(tier) == text) return tier;
    return std::nullopt;
}

std::string_view to_string(area_tier tier) {
    switch (tier) {
        case area_tier::district: return "district";
        case area_tier::county: return "county";
        case area_tier::combined: return "combined";
    }
    return "district";
}

std::vector<area_code_row> read_area_codes(const std::filesystem::path& file) {
    constexpr std::array<std::string_view, 5> columns{"gss_code", "mysociety_code", "name", "tier", "county"};
    std::vector<area_code_row> rows;
    error_collector errors(file.string());
    std::size_t width = 0;
    std::map<std::string, std::size_t> first_line;
    csv::record_stream(file).read([&](const std::vector<std::string_view>& cells, std::size_t line) {
        if (width == 0) {
            // The county column came later; files without it are still read.
            if ((cells.size() != 4 && cells.size() != 5) || !std::equal(cells.begin(), cells.end(), columns.begin()))
                throw parse_error(file.string(), 1, "bad header: expected gss_code,mysociety_code,name,tier[,county]");
            width = cells.size();
            return true;
        }
        if (cells.size() != width) {
            errors.add(line, "the row has " + std::to_string(cells.size()) + " cells but the header has " + std::to_string(width));
            return true;
        }
        area_code_row row{std::string(text::trim(cells[0])), std::string(text::trim(cells[1])), text::collapse_spaces(cells[2]),
                          area_tier::district, line, width == 5 ? std::string(text::trim(cells[4])) : std::string()};
        auto tier = parse_tier(text::trim(cells[3]));
        if (!tier) errors.add(line, "tier must be district, county or combined, not '" + std::string(cells[3]) + "'", "tier");
        if (row.name.empty()) errors.add(line, "the name is empty", "name");
        if (row.gss_code.empty() && row.mysociety_code.empty()) errors.add(line, "a row needs a gss_code or a mysociety_code");
        for (const auto& code : {row.gss_code, row.mysociety_code}) {
            if (code.empty()) continue;
            auto [it, inserted] = first_line.emplace(folded(code), line);
            if (!inserted) errors.add(line, "the code " + code + " already appears on line " + std::to_string(it->second));
        }
        if (tier) row.tier = *tier;
        rows.push_back(std::move(row));
        return true;
    });
    if (width == 0) throw parse_error(file.string(), 1, "the file is empty; expected a header line");
    for (const auto& row : rows) {
        if (row.county.empty()) continue;
        const bool known = std::any_of(rows.begin(), rows.end(), [&](const area_code_row& r) { return r.gss_code == row.county && r.tier == area_tier::county; });
        if (!known) errors.add(row.line, "the county " + row.county + " is not a gss_code of a county row in this file", "county");
    }
    errors.throw_if_any();
    return rows;
}

area_selection resolve_area(std::string_view text, const std::vector<area_authority_entry>& authorities,
                            const std::vector<area_code_row>& codes) {
    const auto names = aliases_of(text, codes);
    const code_index index(codes);
    auto named = [&](const std::string& s) { return !s.empty() && names.contains(s); };

    // A code is exact; a name may be typed as the council's title or as the place.
    for (const auto& a : authorities)
        if (named(folded(a.code))) return index.single(a);
    std::vector<const area_authority_entry*> by_name;
    for (const auto& a : authorities)
        if (named(folded(a.name)) || named(place_name(a.name))) by_name.push_back(&a);
    if (by_name.size() == 1) return index.single(*by_name.front());
    if (by_name.size() > 1) {
        std::string which;
        for (const auto* a : by_name) which += (which.empty() ? "" : ", ") + a->code + " " + a->name;
        throw data_error("'" + std::string(text) + "' names several authorities (" + which + "); use a code");
    }

    area_selection county;
    for (const auto& a : authorities) {
        if (a.parent.empty() || !(named(folded(a.parent)) || named(place_name(a.parent)))) continue;
        if (county.authority_ids.empty()) county.label = a.parent;
        county.authority_ids.push_back(a.id);
    }
    if (county.authority_ids.empty()) {
        for (const auto& a : authorities) {
            const auto* row = index.find(a);
            if (!row || row->county.empty() || !named(folded(row->county))) continue;
            if (county.authority_ids.empty()) county.label = county_place(row->county, codes);
            county.authority_ids.push_back(a.id);
        }
    }
    if (!county.authority_ids.empty()) {
        county.summed_from_districts = true;
        county.code = county.label;
        for (const auto& row : codes)
            if (!row.gss_code.empty() && names.contains(folded(row.gss_code))) county.code = row.gss_code;
        county.label += " (sum of " + std::to_string(county.authority_ids.size()) + " districts)";
        return county;
    }

    std::string suggestions;
    std::size_t shown = 0;
    const std::string wanted = folded(text);
    for (const auto& a : authorities) {
        if (shown == 5) break;
        if (folded(a.name).find(wanted) == std::string::npos && folded(a.parent).find(wanted) == std::string::npos) continue;
        suggestions += (suggestions.empty() ? "" : ", ") + a.code + " " + a.name;
        ++shown;
    }
    throw data_error("no authority or county '" + std::string(text) + "' in this release" +
                     (suggestions.empty() ? std::string(codes.empty() ? "; import datasets/area/authority_codes.csv with 'area codes' to "
                                                                        "use GSS codes with mySociety data"
                                                                      : "")
                                          : "; did you mean: " + suggestions));
}

std::vector<area_selection> rankable_areas(const std::vector<area_authority_entry>& authorities, const std::vector<area_code_row>& codes,
                                           const std::vector<area_tier>& tiers) {
    const auto wanted = [&](area_tier tier) { return std::find(tiers.begin(), tiers.end(), tier) != tiers.end(); };
    const code_index index(codes);
    std::vector<area_selection> result;
    for (const auto& a : authorities) {
        const auto* row = index.find(a);
        if (wanted(row ? row->tier : area_tier::district)) result.push_back(index.single(a));
    }
    if (!wanted(area_tier::county)) return result;
    // A county with no row of its own is the districts naming it as their Second Tier Authority (a
    // unitary names itself there, and is not a county).
    std::set<std::string> counties;
    for (const auto& a : authorities) {
        if (!a.parent.empty() && folded(a.parent) != folded(a.name)) counties.insert(a.parent);
        if (const auto* row = index.find(a); row && !row->county.empty() && a.parent.empty()) counties.insert(row->county);
    }
    for (const auto& county : counties) {
        auto selection = resolve_area(county, authorities, codes);
        if (selection.summed_from_districts) result.push_back(std::move(selection));
    }
    return result;
}

}  // namespace carbontrack
