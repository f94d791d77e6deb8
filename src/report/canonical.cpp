// The report's inputs as one canonical text, and its SHA-256: the footer's proof of what a report was
// built from. Numbers are written with output::exact_number so equal inputs give equal text.
#include "report/parts.hpp"

#include "carbontrack/error.hpp"
#include "carbontrack/indicator.hpp"
#include "carbontrack/output.hpp"

#include <nlohmann/json.hpp>
#include <openssl/evp.h>

#include <memory>

namespace carbontrack::report {
namespace {

std::string exact(double value) { return output::exact_number(value); }

std::string optional_exact(const std::optional<double>& value) { return value ? exact(*value) : std::string("-"); }

std::string mass_text(const units::gas_mass& mass) {
    return std::visit(
        [](const auto& m) {
            using quantity = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<quantity, units::co2e_mass>) return exact(units::in(m, units::tonne_co2e)) + " tCO2e";
            else return exact(units::in(m, units::tonne_co2)) + " tCO2";
        },
        mass);
}

// One record per line, fields separated by a tab; text fields cannot hold a tab or a line break
// unescaped, so they are written as JSON strings.
std::string quoted(const std::string& text) { return nlohmann::json(text).dump(); }

}  // namespace

std::string canonical_inputs(const inputs& in) {
    std::string text = "carbontrack report inputs v1\n";
    text += "organisation\t" + quoted(in.org.name) + "\n";
    text += "option period\t" + in.when.label() + "\n";
    text += "option title\t" + quoted(in.chosen.title) + "\n";
    text += "option date\t" + quoted(in.chosen.date) + "\n";
    text += "option release\t" + quoted(in.chosen.release) + "\n";
    text += "option area\t" + quoted(in.chosen.area) + "\n";
    for (const auto& c : in.chosen.comparators) text += "option comparator\t" + quoted(c) + "\n";
    for (const auto& e : in.entries) {
        text += "inventory\t" + e.when.label() + "\t" + (e.scope ? std::to_string(*e.scope) : "-") + "\t" + quoted(e.source) + "\t" +
                optional_exact(e.activity_amount) + "\t" + quoted(e.activity_unit) + "\t";
        if (e.factor)
            text += std::to_string(e.factor->year) + "\t" + quoted(e.factor->name) + "\t" + quoted(e.factor->unit) + "\t" +
                    exact(e.factor->kg_co2e_per_unit) + "\t" + quoted(e.factor->source) + "\t";
        else text += "-\t-\t-\t-\t-\t";
        text += exact(tonnes(e.emissions)) + "\t" + std::string(to_string(e.quality)) + "\t" + quoted(e.note) + "\t" + quoted(e.source_url) + "\n";
    }
    for (const auto& t : in.targets) {
        text += "target\t" + quoted(t.name()) + "\t" + quoted(t.entity()) + "\t" + quoted(t.series()) + "\t" + t.baseline().label() + "\t" +
                std::string(to_string(t.pathway()));
        for (const auto& m : t.milestones()) text += "\t" + to_string(m);
        if (t.baseline_value()) text += "\tbaseline " + mass_text(*t.baseline_value());
        if (t.budget()) text += "\tbudget " + mass_text(t.budget()->amount) + " from " + t.budget()->from.label();
        text += "\n";
    }
    for (const auto& d : in.db.indicator_definitions(in.org.id)) {
        text += "indicator\t" + quoted(d.name) + "\t" + std::string(to_string(d.kind)) + "\t" + quoted(d.unit) + "\t" +
                std::string(to_string(d.direction)) + "\t" + quoted(d.numerator) + "\t" + quoted(d.denominator);
        if (d.goal)
            text += "\tgoal " + exact(d.goal->value) + " " + (d.goal->deadline ? d.goal->deadline->label() : "-") + " " +
                    (d.goal->baseline ? d.goal->baseline->label() : "-");
        text += "\t" + quoted(d.source) + "\n";
    }
    for (const auto& v : in.db.indicator_values(in.org.id))
        text += "indicator value\t" + quoted(v.indicator) + "\t" + quoted(v.area) + "\t" + v.when.label() + "\t" + exact(v.amount) + "\t" +
                std::string(to_string(v.basis)) + "\t" + std::string(to_string(v.quality)) + "\t" + quoted(v.source) + "\n";
    return text;
}

std::string sha256_hex(std::string_view text) {
    const std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1 ||
        EVP_DigestUpdate(context.get(), text.data(), text.size()) != 1 || EVP_DigestFinal_ex(context.get(), digest, &length) != 1)
        throw error("OpenSSL could not compute a SHA-256 digest");
    static constexpr char hex_digits[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += hex_digits[digest[i] >> 4U];
        hex += hex_digits[digest[i] & 0x0FU];
    }
    return hex;
}

}  // namespace carbontrack::report
