// Readers for the area layouts (official long, its CO2-only variant, mySociety's wide, totals). Every row is validated as it streams past; values go straight to
// the sink, so memory does not grow with the file. Errors are collected and thrown together at the end.
#include "carbontrack/area.hpp"

#include "area/record_stream.hpp"
#include "carbontrack/csv.hpp"
#include "carbontrack/error.hpp"
#include "text.hpp"

#include <date/date.h>

#include <array>
#include <cctype>
#include <chrono>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

namespace carbontrack {
namespace {

// A file this broken is not worth reading to the end; the first errors say what is wrong.
constexpr std::size_t max_errors = 1000;
constexpr int first_series_year = 2005;  // DESNZ's local-authority series starts in 2005
// Plausibility bounds. The largest sub-sector figure of any authority is about 11,000 kt and a whole
// authority's about 50,000 kt; the most populous authority has about 1.1 million people and the
// largest is 26,500 km2. Beyond these a figure is a unit or export error, never a real value.
constexpr double max_figure_kt = 1e5;
constexpr double max_population_thousands = 1e5;
constexpr double max_area_km2 = 1e6;

int latest_possible_year() {
    const auto today = date::year_month_day{date::floor<date::days>(std::chrono::system_clock::now())};
    return static_cast<int>(today.year());
}

std::string header_key(std::string_view name) { return text::lower(text::collapse_spaces(name)); }

// ---- The official long layout ---------------------------------------------------------------------

enum long_column : std::size_t {
    country, country_code, region, region_code, second_tier, la_name, la_code, calendar_year,
    sector, subsector, greenhouse_gas, territorial, within_scope, population, area, long_column_count
};

using long_names = std::array<std::string_view, long_column_count>;

constexpr long_names ghg_names{"Country", "Country Code", "Region", "Region Code", "Second Tier Authority", "Local Authority",
                               "Local Authority Code", "Calendar Year", "LA GHG Sector", "LA GHG Sub-sector", "Greenhouse gas",
                               "Territorial emissions (kt CO2e)", "CO2 emissions within the scope of influence of LAs (kt CO2e)",
                               "Mid-year Population (thousands)", "Area (km2)"};
constexpr long_names co2_names{"Country", "Country Code", "Region", "Region Code", "Second Tier Authority", "Local Authority",
                               "Local Authority Code", "Calendar Year", "LA CO2 Sector", "LA CO2 Sub-sector", "Greenhouse gas",
                               "Territorial emissions (kt CO2)", "CO2 emissions within the scope of influence of LAs (kt CO2)",
                               "Mid-year Population (thousands)", "Area (km2)"};
// The 2005-2023 release's long CSV: only the within-scope header differs, and says kt CO2.
constexpr long_names ghg_scope_co2_names{"Country", "Country Code", "Region", "Region Code", "Second Tier Authority", "Local Authority",
                                         "Local Authority Code", "Calendar Year", "LA GHG Sector", "LA GHG Sub-sector", "Greenhouse gas",
                                         "Territorial emissions (kt CO2e)", "Emissions within the scope of influence of LAs (kt CO2)",
                                         "Mid-year Population (thousands)", "Area (km2)"};
constexpr std::array required_long{la_name, la_code, calendar_year, sector, subsector};

const long_names& long_names_of(area_layout layout) {
    if (layout == area_layout::desnz_co2) return co2_names;
    if (layout == area_layout::desnz_ghg_scope_co2) return ghg_scope_co2_names;
    return ghg_names;
}

// DESNZ lists consumption it cannot place in any authority as rows of their own, named by these
// words and without an authority code; they belong to no authority's figures.
// Checked on every row, so without building a lower-cased copy of the name.
bool starts_with_folded(std::string_view text, std::string_view lower_prefix) {
    if (text.size() < lower_prefix.size()) return false;
    for (std::size_t i = 0; i < lower_prefix.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[i])) != lower_prefix[i]) return false;
    return true;
}

bool unallocated(std::string_view authority_name) {
    return starts_with_folded(authority_name, "unallocated") || starts_with_folded(authority_name, "large elec users");
}

// ---- Totals per authority and year (the 2005-2023 release as derived from its long CSV) ----------

enum totals_column : std::size_t {
    totals_code, totals_name, totals_year, totals_country, totals_country_code, totals_region, totals_region_code, totals_parent,
    totals_within_scope, totals_territorial, totals_population, totals_area, totals_column_count
};
constexpr std::array<std::string_view, totals_column_count> totals_names{
    "lad_code", "lad_name", "year", "country", "country_code", "region", "region_code", "second_tier_authority",
    "total_emissions_scope_ktco2", "territorial_emissions_ktco2e", "mid_year_population_thousands", "area_km2"};
// The sector, sub-sector and gas a total is filed under: a totals-only release has no other.
constexpr std::string_view all_sectors = "All sectors";
constexpr std::string_view all_gases = "All gases";

// ---- mySociety's wide layout ------------------------------------------------------------------------

struct wide_subsector {
    std::string_view column;
    std::string_view sector;
    std::string_view subsector;  // DESNZ's own name, so releases of either layout compare
};

constexpr std::array<wide_subsector, 20> wide_subsectors{{
    {"Industry Electricity:kt CO2", "Industry", "Industry Electricity"},
    {"Industry Gas:kt CO2", "Industry", "Industry Gas"},
    {"Large Industrial Installations:kt CO2", "Industry", "Large Industrial Installations"},
    {"Industrial Other Fuels:kt CO2", "Industry", "Industrial 'Other'"},
    {"Commercial Electricity:kt CO2", "Commercial", "Commercial Electricity"},
    {"Commercial Gas:kt CO2", "Commercial", "Commercial Gas"},
    {"Commercial Other Fuels:kt CO2", "Commercial", "Commercial 'Other'"},
    {"Public Sector Electricity:kt CO2", "Public Sector", "Public Sector Electricity"},
    {"Public Sector Gas:kt CO2", "Public Sector", "Public Sector Gas"},
    {"Public Sector Other Fuels:kt CO2", "Public Sector", "Public Sector 'Other'"},
    {"Domestic Electricity:kt CO2", "Domestic", "Domestic Electricity"},
    {"Domestic Gas:kt CO2", "Domestic", "Domestic Gas"},
    {"Domestic Other Fuels:kt CO2", "Domestic", "Domestic 'Other'"},
    {"Road Transport (A roads):kt CO2", "Transport", "Road Transport (A roads)"},
    {"Road Transport (Minor roads):kt CO2", "Transport", "Road Transport (Minor roads)"},
    {"Transport Other:kt CO2", "Transport", "Transport Other"},
    {"Agriculture Electricity:kt CO2", "Agriculture", "Agriculture Electricity"},
    {"Agriculture:kt CO2", "Agriculture", "Agriculture"},
    {"Agriculture 'Other':kt CO2", "Agriculture", "Agriculture 'Other'"},
    {"Waste Management Other:kt CO2", "Waste management", "Waste Management Other"},
}};

// Sums and ratios mySociety derives from the sub-sectors; carbontrack derives its own.
constexpr std::array<std::string_view, 10> wide_derived{
    "Industry Total:kt CO2", "Commercial Total:kt CO2", "Public Sector Total:kt CO2", "Domestic Total:kt CO2",
    "Transport Total:kt CO2", "Agriculture Total:kt CO2", "Waste Management Total:kt CO2", "Total Emissions:kt CO2",
    "Per Person Emissions:t", "Emissions per km2:kt"};

enum wide_column : std::size_t { wide_year, wide_code, wide_name, wide_population, wide_area, wide_fixed_count };
constexpr std::array<std::string_view, wide_fixed_count> wide_fixed{"Year", "local-authority-code", "official-name", "Population:000s",
                                                                    "Area:km2"};

constexpr std::size_t absent = static_cast<std::size_t>(-1);

// Where each known column sits in the file, found from the header.
struct column_map {
    area_layout layout = area_layout::desnz_ghg;
    std::array<std::size_t, long_column_count> long_at{};
    std::array<std::size_t, totals_column_count> totals_at{};
    std::array<std::size_t, wide_fixed_count> wide_at{};
    std::array<std::size_t, wide_subsectors.size()> subsector_at{};
    std::size_t width = 0;
};

std::string expected_headers() {
    return "expected the DESNZ long CSV (Country, ..., Local Authority Code, Calendar Year, LA GHG Sector, LA GHG Sub-sector, "
           "Greenhouse gas, Territorial emissions (kt CO2e), CO2 emissions within the scope of influence of LAs (kt CO2e), "
           "Mid-year Population (thousands), Area (km2)) with the 2005-2023 within-scope header 'Emissions within the scope of "
           "influence of LAs (kt CO2)' or without, its CO2-only variant (LA CO2 Sector, LA CO2 Sub-sector, ... (kt CO2)), "
           "mySociety's wide CSV (Year, local-authority-code, official-name, <sub-sector>:kt CO2, ..., Population:000s) or a totals "
           "CSV (lad_code, lad_name, year, total_emissions_scope_ktco2, territorial_emissions_ktco2e, mid_year_population_thousands, "
           "area_km2)";
}

column_map map_columns(const std::vector<std::string_view>& header, const std::string& file) {
    std::map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < header.size(); ++i) {
        auto [it, inserted] = at.emplace(header_key(header[i]), i);
        if (!inserted) throw parse_error(file, 1, "bad header: the column '" + std::string(header[i]) + "' appears twice");
    }
    auto find = [&](std::string_view name) {
        auto it = at.find(header_key(name));
        return it == at.end() ? absent : it->second;
    };
    std::vector<bool> known(header.size(), false);
    auto claim = [&](std::string_view name) {
        auto i = find(name);
        if (i != absent) known[i] = true;
        return i;
    };

    column_map map;
    map.width = header.size();
    if (find("LA GHG Sector") != absent || find("LA CO2 Sector") != absent) {
        map.layout = find("LA CO2 Sector") != absent                  ? area_layout::desnz_co2
                     : find(ghg_scope_co2_names[within_scope]) != absent ? area_layout::desnz_ghg_scope_co2
                                                                          : area_layout::desnz_ghg;
        const auto& names = long_names_of(map.layout);
        for (std::size_t c = 0; c < long_column_count; ++c) map.long_at[c] = claim(names[c]);
        for (auto c : required_long)
            if (map.long_at[c] == absent) throw parse_error(file, 1, "bad header: the required column '" + std::string(names[c]) + "' is missing");
        if (map.long_at[territorial] == absent && map.long_at[within_scope] == absent)
            throw parse_error(file, 1, "bad header: neither '" + std::string(names[territorial]) + "' nor '" + std::string(names[within_scope]) +
                                           "' is present");
    } else if (find("local-authority-code") != absent && find("Year") != absent) {
        map.layout = area_layout::mysociety_wide;
        for (std::size_t c = 0; c < wide_fixed_count; ++c) map.wide_at[c] = claim(wide_fixed[c]);
        bool any = false;
        for (std::size_t s = 0; s < wide_subsectors.size(); ++s) {
            map.subsector_at[s] = claim(wide_subsectors[s].column);
            any = any || map.subsector_at[s] != absent;
        }
        for (auto name : wide_derived) claim(name);
        if (!any) throw parse_error(file, 1, "bad header: mySociety's layout but no '<sub-sector>:kt CO2' column");
    } else if (find(totals_names[totals_code]) != absent && find(totals_names[totals_year]) != absent) {
        map.layout = area_layout::desnz_totals;
        for (std::size_t c = 0; c < totals_column_count; ++c) map.totals_at[c] = claim(totals_names[c]);
        if (map.totals_at[totals_within_scope] == absent && map.totals_at[totals_territorial] == absent)
            throw parse_error(file, 1, "bad header: neither '" + std::string(totals_names[totals_within_scope]) + "' nor '" +
                                           std::string(totals_names[totals_territorial]) + "' is present");
    } else {
        throw parse_error(file, 1, "unknown area file layout; " + expected_headers());
    }
    for (std::size_t i = 0; i < header.size(); ++i)
        if (!known[i])
            throw parse_error(file, 1, "bad header: unknown column '" + std::string(header[i]) + "' for the " +
                                           std::string(to_string(map.layout)) + " layout");
    return map;
}

std::vector<std::string> first_record(const std::filesystem::path& file) {
    std::vector<std::string> header;
    csv::record_stream(file).read([&](const std::vector<std::string_view>& cells, std::size_t) {
        header.assign(cells.begin(), cells.end());
        return false;
    });
    if (header.empty()) throw parse_error(file.string(), 1, "the file is empty; expected a header line");
    return header;
}

// Hash lookups by string_view, so interning a name allocates only the first time it is seen.
struct text_hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using intern_table = std::unordered_map<std::string, std::uint32_t, text_hash, std::equal_to<>>;

struct population_seen {
    std::optional<double> population_thousands;
    std::optional<double> area_km2;
    std::size_t line = 0;
};

bool same(const std::optional<double>& a, const std::optional<double>& b) {
    if (a.has_value() != b.has_value()) return false;
    return !a || std::abs(*a - *b) <= 1e-9 * std::max(1.0, std::abs(*a));
}

// Validates rows of either layout and feeds the sink; one instance reads one file.
class area_reader {
public:
    area_reader(const std::filesystem::path& file, area_sink& sink)
        : file_(file), sink_(sink), errors_(file.string()), last_year_(latest_possible_year()) {}

    area_read_summary read() {
        csv::record_stream stream(file_);
        stream.read([&](const std::vector<std::string_view>& cells, std::size_t line) {
            if (!columns_) {
                columns_ = map_columns(cells, file_.string());
                header_.assign(cells.begin(), cells.end());
                summary_.layout = columns_->layout;
                return true;
            }
            ++summary_.rows;
            if (cells.size() != columns_->width) {
                errors_.add(line, "the row has " + std::to_string(cells.size()) + " cells but the header has " + std::to_string(columns_->width));
            } else if (!utf8_valid(cells, line)) {
            } else if (columns_->layout == area_layout::mysociety_wide) {
                read_wide_row(cells, line);
            } else if (columns_->layout == area_layout::desnz_totals) {
                read_totals_row(cells, line);
            } else {
                read_long_row(cells, line);
            }
            if (errors_.size() < max_errors) return true;
            errors_.add(line, "stopped reading after " + std::to_string(max_errors) + " errors");
            return false;
        });
        if (!columns_) throw parse_error(file_.string(), 1, "the file is empty; expected a header line");
        if (summary_.rows == 0) errors_.add(1, "the file has a header but no rows");
        if (errors_.empty()) {
            for (const auto& [key, seen] : populations_)
                sink_.add_population({static_cast<std::uint32_t>(key >> 16), static_cast<int>(key & 0xFFFF), seen.population_thousands, seen.area_km2});
        }
        errors_.throw_if_any();
        summary_.authorities = authorities_.size();
        return summary_;
    }

private:
    bool utf8_valid(const std::vector<std::string_view>& cells, std::size_t line) {
        if (csv::all_ascii(cells)) return true;
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (auto problem = csv::utf8_problem(cells[i]); !problem.empty()) {
                errors_.add(line, std::move(problem), header_[i]);
                return false;
            }
        }
        return true;
    }

    static std::string_view cell(const std::vector<std::string_view>& cells, std::size_t at) {
        return at == absent ? std::string_view{} : text::trim(cells[at]);
    }

    std::optional<int> year(std::string_view text, std::size_t line, std::string_view column) {
        int value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
            // Built by appending: GCC 12 misreads "'" + std::string(...) as an overlapping copy (-Wrestrict).
            std::string message = "'";
            message.append(text).append("' is not a year");
            errors_.add(line, std::move(message), std::string(column));
            return std::nullopt;
        }
        if (value < first_series_year || value > last_year_) {
            errors_.add(line, std::to_string(value) + " is not a year of the local-authority series (" + std::to_string(first_series_year) +
                                  " to " + std::to_string(last_year_) + ")",
                        std::string(column));
            return std::nullopt;
        }
        summary_.first_year = summary_.first_year == 0 ? value : std::min(summary_.first_year, value);
        summary_.last_year = std::max(summary_.last_year, value);
        return value;
    }

    // An empty cell is a missing figure; anything else must be a number no larger than `limit` either
    // way (net sinks, such as land use, are negative). False when it is not.
    bool figure(std::string_view text, std::size_t line, std::string_view column, std::optional<double>& out, double limit = max_figure_kt) {
        out.reset();
        if (text.empty()) return true;
        out = csv::parse_number(text);
        if (!out) {
            errors_.add(line, csv::number_problem(text), std::string(column));
        } else if (std::abs(*out) > limit) {
            errors_.add(line, csv::magnitude_problem(text, column, limit, "beyond any real authority"), std::string(column));
            out.reset();
        }
        return out.has_value();
    }

    bool positive(std::string_view text, std::size_t line, std::string_view column, std::optional<double>& out, double limit) {
        if (!figure(text, line, column, out, limit)) return false;
        if (out && *out <= 0) {
            errors_.add(line, "'" + std::string(text) + "' must be greater than zero", std::string(column));
            return false;
        }
        return true;
    }

    std::optional<std::uint32_t> intern_authority(std::string_view code, std::string_view name, std::string_view parent, std::size_t line,
                                           std::string_view code_column) {
        if (code.empty()) {
            errors_.add(line, "the authority code is empty", std::string(code_column));
            return std::nullopt;
        }
        // Files list an authority's rows together, so the last one seen is nearly always the answer.
        if (last_authority_ && code == last_authority_->first) return last_authority_->second;
        if (auto it = authorities_.find(code); it != authorities_.end()) {
            last_authority_ = &*it;
            return it->second;
        }
        const auto index = static_cast<std::uint32_t>(authorities_.size());
        last_authority_ = &*authorities_.emplace(std::string(code), index).first;
        std::string parent_name(parent);
        if (text::lower(parent_name) == text::lower(std::string(name))) parent_name.clear();
        sink_.add_authority(index, {std::string(code), std::string(name.empty() ? code : name), parent_name});
        return index;
    }

    // DESNZ has a few dozen sub-sectors and four gases: a short list searched in order beats hashing.
    std::uint32_t intern_subsector(std::string_view sector_name, std::string_view subsector_name) {
        for (std::size_t i = 0; i < subsectors_.size(); ++i)
            if (subsectors_[i].second == subsector_name && subsectors_[i].first == sector_name) return static_cast<std::uint32_t>(i);
        const auto index = static_cast<std::uint32_t>(subsectors_.size());
        subsectors_.emplace_back(sector_name, subsector_name);
        sink_.add_subsector(index, std::string(sector_name), std::string(subsector_name));
        return index;
    }

    std::uint32_t intern_gas(std::string_view name) {
        for (std::size_t i = 0; i < gases_.size(); ++i)
            if (gases_[i] == name) return static_cast<std::uint32_t>(i);
        const auto index = static_cast<std::uint32_t>(gases_.size());
        gases_.emplace_back(name);
        sink_.add_gas(index, std::string(name));
        return index;
    }

    void check_population(std::uint32_t authority_index, int year_value, const std::optional<double>& people, const std::optional<double>& km2,
                          std::size_t line) {
        const auto key = (static_cast<std::uint64_t>(authority_index) << 16) | static_cast<std::uint64_t>(year_value);
        auto [it, inserted] = populations_.emplace(key, population_seen{people, km2, line});
        if (inserted) return;
        if (!same(it->second.population_thousands, people) || !same(it->second.area_km2, km2))
            errors_.add(line, "the population or area differs from line " + std::to_string(it->second.line) + " for the same authority and year");
    }

    void deliver(const area_value& v, std::string_view code, std::string_view sector_name, std::string_view subsector_name,
                 std::string_view gas_name) {
        ++summary_.values;
        if (!sink_.add_value(v))
            errors_.add(v.line, "duplicate row: " + std::string(code) + " " + std::to_string(v.year) + " " + std::string(sector_name) + " / " +
                                    std::string(subsector_name) + " (" + std::string(gas_name) + ") already appears earlier in the file");
    }

    void read_long_row(const std::vector<std::string_view>& cells, std::size_t line) {
        const auto& at = columns_->long_at;
        const auto& names = long_names_of(columns_->layout);
        if (unallocated(cell(cells, at[la_name]))) {
            ++summary_.unallocated_rows;
            return;
        }
        bool good = true;
        auto the_year = year(cell(cells, at[calendar_year]), line, names[calendar_year]);
        good = good && the_year;
        const auto sector_name = cell(cells, at[sector]);
        const auto subsector_name = cell(cells, at[subsector]);
        if (sector_name.empty()) errors_.add(line, "the sector is empty", std::string(names[sector]));
        if (subsector_name.empty()) errors_.add(line, "the sub-sector is empty", std::string(names[subsector]));
        // The CO2-only files name no gas: every figure in them is CO2.
        std::string_view gas_name = at[greenhouse_gas] == absent ? std::string_view("CO2") : cell(cells, at[greenhouse_gas]);
        if (gas_name.empty()) errors_.add(line, "the greenhouse gas is empty", std::string(names[greenhouse_gas]));
        area_value v;
        v.line = line;
        good = figure(cell(cells, at[territorial]), line, names[territorial], v.territorial_kt) && good;
        good = figure(cell(cells, at[within_scope]), line, names[within_scope], v.within_scope_kt) && good;
        const auto code = cell(cells, at[la_code]);
        const auto population_text = cell(cells, at[population]);
        const auto area_text = cell(cells, at[area]);
        // Each row of an authority-year repeats its population and area: read them once.
        const bool repeated = the_year && *the_year == last_.year && code == last_.code && population_text == last_.population &&
                              area_text == last_.area;
        std::optional<double> people = last_.people, km2 = last_.km2;
        if (!repeated) {
            good = positive(population_text, line, names[population], people, max_population_thousands) && good;
            good = positive(area_text, line, names[area], km2, max_area_km2) && good;
        }
        auto who = intern_authority(code, cell(cells, at[la_name]), cell(cells, at[second_tier]), line, names[la_code]);
        if (!good || !who || sector_name.empty() || subsector_name.empty() || gas_name.empty()) return;
        v.authority = *who;
        v.year = *the_year;
        v.subsector = intern_subsector(sector_name, subsector_name);
        v.gas = intern_gas(gas_name);
        if (!repeated) {
            check_population(*who, *the_year, people, km2, line);
            last_ = {std::string(code), *the_year, std::string(population_text), std::string(area_text), people, km2};
        }
        deliver(v, code, sector_name, subsector_name, gas_name);
    }

    void read_totals_row(const std::vector<std::string_view>& cells, std::size_t line) {
        const auto& at = columns_->totals_at;
        if (unallocated(cell(cells, at[totals_name]))) {
            ++summary_.unallocated_rows;
            return;
        }
        bool good = true;
        auto the_year = year(cell(cells, at[totals_year]), line, totals_names[totals_year]);
        good = good && the_year;
        area_value v;
        v.line = line;
        good = figure(cell(cells, at[totals_within_scope]), line, totals_names[totals_within_scope], v.within_scope_kt) && good;
        good = figure(cell(cells, at[totals_territorial]), line, totals_names[totals_territorial], v.territorial_kt) && good;
        std::optional<double> people, km2;
        good = positive(cell(cells, at[totals_population]), line, totals_names[totals_population], people, max_population_thousands) && good;
        good = positive(cell(cells, at[totals_area]), line, totals_names[totals_area], km2, max_area_km2) && good;
        const auto code = cell(cells, at[totals_code]);
        auto who = intern_authority(code, cell(cells, at[totals_name]), cell(cells, at[totals_parent]), line, totals_names[totals_code]);
        if (!good || !who) return;
        check_population(*who, *the_year, people, km2, line);
        v.authority = *who;
        v.year = *the_year;
        v.subsector = intern_subsector(all_sectors, all_sectors);
        v.gas = intern_gas(all_gases);
        deliver(v, code, all_sectors, all_sectors, all_gases);
    }

    void read_wide_row(const std::vector<std::string_view>& cells, std::size_t line) {
        const auto& at = columns_->wide_at;
        bool good = true;
        auto the_year = year(cell(cells, at[wide_year]), line, wide_fixed[wide_year]);
        good = good && the_year;
        std::optional<double> people, km2;
        good = positive(cell(cells, at[wide_population]), line, wide_fixed[wide_population], people, max_population_thousands) && good;
        good = positive(cell(cells, at[wide_area]), line, wide_fixed[wide_area], km2, max_area_km2) && good;
        std::array<std::optional<double>, wide_subsectors.size()> figures{};
        for (std::size_t s = 0; s < wide_subsectors.size(); ++s)
            if (columns_->subsector_at[s] != absent)
                good = figure(cell(cells, columns_->subsector_at[s]), line, wide_subsectors[s].column, figures[s]) && good;
        const auto code = cell(cells, at[wide_code]);
        auto who = intern_authority(code, cell(cells, at[wide_name]), {}, line, wide_fixed[wide_code]);
        if (!good || !who) return;
        check_population(*who, *the_year, people, km2, line);
        const auto co2 = intern_gas("CO2");
        for (std::size_t s = 0; s < wide_subsectors.size(); ++s) {
            if (columns_->subsector_at[s] == absent) continue;
            area_value v;
            v.line = line;
            v.authority = *who;
            v.year = *the_year;
            v.subsector = intern_subsector(wide_subsectors[s].sector, wide_subsectors[s].subsector);
            v.gas = co2;
            v.within_scope_kt = figures[s];
            deliver(v, code, wide_subsectors[s].sector, wide_subsectors[s].subsector, "CO2");
        }
    }

    std::filesystem::path file_;
    area_sink& sink_;
    error_collector errors_;
    int last_year_;
    std::optional<column_map> columns_;
    std::vector<std::string> header_;
    area_read_summary summary_;
    intern_table authorities_;
    const intern_table::value_type* last_authority_ = nullptr;
    std::vector<std::pair<std::string, std::string>> subsectors_;
    std::vector<std::string> gases_;
    std::unordered_map<std::uint64_t, population_seen> populations_;
    struct repeated_cells {
        std::string code;
        int year = 0;
        std::string population;
        std::string area;
        std::optional<double> people;
        std::optional<double> km2;
    } last_;
};

}  // namespace

std::string_view to_string(area_layout layout) {
    switch (layout) {
        case area_layout::desnz_ghg: return "desnz-ghg";
        case area_layout::desnz_co2: return "desnz-co2";
        case area_layout::mysociety_wide: return "mysociety-wide";
        case area_layout::desnz_totals: return "desnz-totals";
        case area_layout::desnz_ghg_scope_co2: return "desnz-ghg-scope-co2";
    }
    return "desnz-ghg";
}

std::optional<area_layout> parse_area_layout(std::string_view text) {
    for (auto layout : {area_layout::desnz_ghg, area_layout::desnz_co2, area_layout::mysociety_wide, area_layout::desnz_totals,
                        area_layout::desnz_ghg_scope_co2})
        if (to_string(layout) == text) return layout;
    return std::nullopt;
}

area_basis basis_of(area_layout layout, area_measure measure) {
    switch (layout) {
        case area_layout::desnz_ghg: return area_basis::co2e;
        case area_layout::desnz_co2:
        case area_layout::mysociety_wide: return area_basis::co2;
        case area_layout::desnz_totals:
        case area_layout::desnz_ghg_scope_co2: return measure == area_measure::territorial ? area_basis::co2e : area_basis::co2;
    }
    return area_basis::co2e;
}

area_basis basis_of(area_layout layout) { return basis_of(layout, area_measure::within_scope); }

std::string_view to_string(area_detail detail) { return detail == area_detail::totals ? "totals" : "sectors"; }

area_detail detail_of(area_layout layout) { return layout == area_layout::desnz_totals ? area_detail::totals : area_detail::sectors; }

std::string_view to_string(area_basis basis) { return basis == area_basis::co2e ? "CO2e" : "CO2"; }

std::string_view to_string(area_measure measure) { return measure == area_measure::territorial ? "territorial" : "within scope of influence"; }

std::string_view series_word(area_measure measure) { return measure == area_measure::territorial ? "territorial" : "within-scope"; }

area_layout detect_area_layout(const std::filesystem::path& file) {
    const auto header = first_record(file);
    return map_columns(std::vector<std::string_view>(header.begin(), header.end()), file.string()).layout;
}

area_read_summary read_area_file(const std::filesystem::path& file, area_sink& sink) { return area_reader(file, sink).read(); }

std::string default_release_name(const std::filesystem::path& file) {
    std::string name = file.filename().string();
    text::strip_suffix(name, ".gz");
    text::strip_suffix(name, ".csv");
    return name;
}

}  // namespace carbontrack
