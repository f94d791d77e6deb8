// Area emissions by source: DESNZ local-authority statistics, one named release (vintage) per import.
// Each measure of a release is all CO2 or all CO2e; a county is the sum of its districts and its per-person
// figure is sum(emissions) / sum(population), never a sum of ratios. An empty cell is missing, never zero.
#pragma once

#include "carbontrack/units.hpp"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace carbontrack {

// ---- Reading files ---------------------------------------------------------------------------

// desnz_ghg: the official 15-column long CSV (kt CO2e per gas; the 2005-2020 and 2005-2021 headers);
// desnz_ghg_scope_co2: the same from the 2005-2023 release on, whose within-scope column is kt CO2;
// desnz_co2: the older CO2-only header (LA CO2 Sector, ... (kt CO2)); mysociety_wide: one row per
// authority and year, a column per sub-sector; desnz_totals: one row per authority and year with the
// release's within-scope CO2 and territorial CO2e totals and no sectors (a DESNZ-derived totals CSV).
enum class area_layout { desnz_ghg, desnz_co2, mysociety_wide, desnz_totals, desnz_ghg_scope_co2 };
std::string_view to_string(area_layout layout);
std::optional<area_layout> parse_area_layout(std::string_view text);

// Which mass a release's figures are. The CO2-only layouts are CO2, never CO2e.
enum class area_basis { co2, co2e };
std::string_view to_string(area_basis basis);  // "CO2" or "CO2e"

// Territorial (all gases, incl. land use) and within-scope-of-influence figures are separate series.
enum class area_measure { territorial, within_scope };
std::string_view to_string(area_measure measure);
std::string_view series_word(area_measure measure);  // "territorial" or "within-scope", as users type it

// The mass a layout's figures of one measure are: territorial figures of the all-gas layouts are
// CO2e and stay CO2e, so they are never added to a CO2 figure.
area_basis basis_of(area_layout layout, area_measure measure);
// The within-scope basis (the measure every layout carries).
area_basis basis_of(area_layout layout);

// What a release can answer: figures by sector and sub-sector, or each authority's totals only.
enum class area_detail { sectors, totals };
std::string_view to_string(area_detail detail);
area_detail detail_of(area_layout layout);

// Reads only the header; a header that is none of the layouts is a parse_error at line 1 that names
// the columns carbontrack expected.
area_layout detect_area_layout(const std::filesystem::path& file);

struct area_authority_info {
    std::string code;    // as the file gives it: a GSS code (E07000129) or mySociety's (BLA)
    std::string name;
    std::string parent;  // the official layout's Second Tier Authority; empty when it is the authority
};

// One authority x year x sub-sector x gas. Names are interned by index so rows stay small.
struct area_value {
    std::uint32_t authority = 0;
    std::uint32_t subsector = 0;
    std::uint32_t gas = 0;
    int year = 0;
    std::optional<double> territorial_kt;
    std::optional<double> within_scope_kt;
    std::size_t line = 0;
};

struct area_population {
    std::uint32_t authority = 0;
    int year = 0;
    std::optional<double> population_thousands;
    std::optional<double> area_km2;
};

// Where a reader delivers a file, row by row, so a national release never sits in memory. Each name
// is announced once, before the first value that uses its index.
class area_sink {
public:
    virtual ~area_sink() = default;
    virtual void add_authority(std::uint32_t index, const area_authority_info& authority) = 0;
    virtual void add_subsector(std::uint32_t index, const std::string& sector, const std::string& subsector) = 0;
    virtual void add_gas(std::uint32_t index, const std::string& gas) = 0;
    // false when the same authority, year, sub-sector and gas was delivered before (a duplicate key).
    virtual bool add_value(const area_value& value) = 0;
    virtual void add_population(const area_population& population) = 0;
};

struct area_read_summary {
    area_layout layout = area_layout::desnz_ghg;
    std::size_t rows = 0;
    std::size_t values = 0;
    std::size_t authorities = 0;
    // DESNZ's "Unallocated consumption" and "Large elec users (high voltage lines) unknown location"
    // rows belong to no authority: they are counted here and kept out of every authority's figures.
    std::size_t unallocated_rows = 0;
    int first_year = 0;
    int last_year = 0;
};

// Reads a file of any layout into `sink`, validating every row (numbers, years, keys, population);
// throws import_errors naming every bad line once the whole file has been read.
area_read_summary read_area_file(const std::filesystem::path& file, area_sink& sink);

// The release name an import gets when none is given: the file name without .csv / .csv.gz.
std::string default_release_name(const std::filesystem::path& file);

// ---- Authority identifiers ---------------------------------------------------------------------

// How councils are tiered: a district (or unitary) reports its own figures; a county or a combined
// authority is an aggregate of districts, so rankings leave it out unless asked for.
enum class area_tier { district, county, combined };
std::string_view to_string(area_tier tier);
std::optional<area_tier> parse_tier(std::string_view text);

// One authority's identifiers: they all name the same council (E10000018 = LEC = Leicestershire).
struct area_code_row {
    std::string gss_code;
    std::string mysociety_code;
    std::string name;
    area_tier tier = area_tier::district;
    std::size_t line = 0;
    // The GSS code of the county a district belongs to, for releases that name no Second Tier
    // Authority (the totals layout); empty when not known or not a county district.
    std::string county;
};

// Reads gss_code,mysociety_code,name,tier with an optional fifth column county; throws import_errors
// for bad rows and duplicates.
std::vector<area_code_row> read_area_codes(const std::filesystem::path& file);

// ---- What storage holds ----------------------------------------------------------------------

struct area_release {
    std::int64_t id = 0;
    std::string name;
    area_layout layout = area_layout::desnz_ghg;
    std::string source_file;
    std::string imported_at;
    std::size_t values = 0;
    int first_year = 0;
    int last_year = 0;
    area_detail detail = area_detail::sectors;
    // Whether the release holds any figure of each measure (a within-scope-only file has no territorial).
    bool has_within_scope = true;
    bool has_territorial = true;

    area_basis basis() const { return basis_of(layout); }
    area_basis basis(area_measure measure) const { return basis_of(layout, measure); }
    bool carries(area_measure measure) const { return measure == area_measure::territorial ? has_territorial : has_within_scope; }
};

// The release a question uses when the user names none: the newest (latest last year, then latest
// import) that carries the measure, and sectors when the question needs them. Throws data_error saying
// why none fits.
const area_release& newest_release_for(const std::vector<area_release>& releases, area_measure measure, bool needs_sectors);

// Throws data_error when `release` has totals only: "release R has totals only; sectors come from S".
void require_sectors(const area_release& release, const std::vector<area_release>& releases);

// The release named `name` (refusing a sector question when it has totals only), or when `name` is
// empty newest_release_for(). Throws data_error naming the known releases when none is so named.
const area_release& choose_release(const std::vector<area_release>& releases, std::string_view name, area_measure measure, bool needs_sectors);

struct area_authority_entry {
    std::int64_t id = 0;
    std::string code;
    std::string name;
    std::string parent;
};

struct area_subsector_entry {
    std::int64_t id = 0;
    std::string sector;
    std::string subsector;
};

// One stored figure (gases apart), in the release's unit: kt CO2 or kt CO2e.
struct area_cell {
    std::int64_t authority_id = 0;
    int year = 0;
    std::int64_t subsector_id = 0;
    std::optional<double> territorial_kt;
    std::optional<double> within_scope_kt;
};

struct area_population_entry {
    std::int64_t authority_id = 0;
    int year = 0;
    std::optional<double> population_thousands;
};

// ---- Queries -----------------------------------------------------------------------------------

// What a user's --la means in one release: one authority, or the districts summed to their county.
struct area_selection {
    std::string label;  // "Leicestershire (sum of 7 districts)"
    std::string code;   // the code the answer is filed under (GSS when known)
    std::vector<std::int64_t> authority_ids;
    bool summed_from_districts = false;
};

// Accepts a code (GSS or mySociety), a council's name ("Blaby District Council", "Blaby") or a county
// ("E10000018", "LEC", "Leicestershire"): an authority in the release when there is one, otherwise the
// districts whose Second Tier Authority it names. Throws data_error, with suggestions, when nothing fits.
area_selection resolve_area(std::string_view text, const std::vector<area_authority_entry>& authorities,
                            const std::vector<area_code_row>& codes);

// The authorities a ranking or an every-authority command covers: by default the districts and
// unitaries, not aggregates of them. Asking for counties adds each county council, as its own row
// where the release has one (mySociety's) or as its districts summed (the official layout); asking
// for combined authorities adds those the release holds. An authority the identifier table does not
// know counts as a district.
std::vector<area_selection> rankable_areas(const std::vector<area_authority_entry>& authorities,
                                           const std::vector<area_code_row>& codes,
                                           const std::vector<area_tier>& tiers = {area_tier::district});

// The stored figures a query needs, fetched by the caller from storage.
struct area_data {
    area_layout layout = area_layout::desnz_ghg;
    area_basis basis(area_measure measure) const { return basis_of(layout, measure); }
    std::vector<area_subsector_entry> subsectors;
    std::vector<area_cell> cells;
    std::vector<area_population_entry> populations;
};

enum class area_breakdown { sector, subsector };

struct area_year_line {
    int year = 0;
    std::vector<std::optional<units::gas_mass>> parts;  // one per column; missing when no figure
    std::optional<units::gas_mass> total;
    std::optional<double> population_thousands;
};

// A year x sector table. Per person, every figure is divided by the selection's summed population.
struct area_summary {
    area_basis basis = area_basis::co2;
    area_measure measure = area_measure::within_scope;
    bool per_person = false;
    std::vector<std::string> columns;
    std::vector<area_year_line> years;
};

area_summary summarise_area(const area_data& data, const area_selection& selection, area_measure measure,
                            area_breakdown by, bool per_person);

// Emissions of one selection in one year: the sum over sub-sectors and gases; missing when any of its
// authorities has no figure that year (a partial county total would understate it).
std::optional<units::gas_mass> area_total(const area_data& data, const area_selection& selection, int year, area_measure measure);
// sum(emissions) / sum(population) over the selection's authorities; missing when either is unknown.
std::optional<units::gas_mass> area_per_person(const area_data& data, const area_selection& selection, int year, area_measure measure);

enum class area_metric { total, per_person, change_since };

struct area_rank_entry {
    std::string code;
    std::string name;
    std::optional<units::gas_mass> emissions;  // total, or per person
    std::optional<double> change_pct;          // change-since: (now - then) / then x 100
    int position = 0;                          // 1 = lowest; 0 when the authority has no figure
    int quartile = 0;                          // 1 = lowest quarter; 0 without a figure
};

// Ranks ascending (the lowest emitter, or the largest cut, is first); ties share a position.
std::vector<area_rank_entry> rank_areas(const area_data& data, const std::vector<area_selection>& among, int year,
                                        area_metric metric, std::optional<int> since, area_measure measure);

struct area_diff_line {
    int year = 0;
    std::string sector;     // empty for the year's total
    std::string subsector;  // empty for a total or a sector
    std::optional<units::gas_mass> from;
    std::optional<units::gas_mass> to;
};

// to - from; missing unless both are known.
std::optional<units::gas_mass> area_change(const area_diff_line& line);

// How a selection's figures moved between two releases. By total: every year. By sector or
// sub-sector: only the figures that changed, appeared or disappeared.
std::vector<area_diff_line> diff_area(const area_data& from, const area_selection& from_selection, const area_data& to,
                                      const area_selection& to_selection, area_measure measure, std::optional<area_breakdown> by);

// Each selection's total for every year of the release, in one pass: what area_total gives year by
// year, with the same rule (a year is absent when any authority of the selection has no figure).
std::vector<std::vector<std::pair<int, units::gas_mass>>> area_yearly_totals(const area_data& data, const std::vector<area_selection>& selections,
                                                                             area_measure measure);

// ---- Typed masses of either basis ------------------------------------------------------------------

// A figure as stored (kt in the release's basis) becomes a typed mass here and nowhere else.
units::gas_mass kilotonnes(area_basis basis, double kt);
double in_kilotonnes(const units::gas_mass& mass);
double in_tonnes(const units::gas_mass& mass);
// (to - from) / from x 100; nullopt when from is zero. Throws data_error when the bases differ.
std::optional<double> area_percent_change(const units::gas_mass& from, const units::gas_mass& to);

}  // namespace carbontrack
