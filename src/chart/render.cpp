#include "carbontrack/chart.hpp"

#include "chart/finish_files.hpp"
#include "chart/gnuplot_process.hpp"
#include "chart/gnuplot_text.hpp"
#include "chart/look.hpp"

#include <algorithm>
#include <cctype>
#include <system_error>

namespace carbontrack::chart {
namespace {

constexpr std::size_t most_quoted_lines = 12;

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// gnuplot's own words, shortened to the first lines: a bad chart usually fails once per line.
std::string complaint(const std::string& output) {
    std::string quoted;
    std::size_t lines = 0;
    std::size_t start = 0;
    while (start < output.size() && lines < most_quoted_lines) {
        const std::size_t end = std::min(output.find('\n', start), output.size());
        if (end > start) {
            quoted += "\n  " + output.substr(start, end - start);
            ++lines;
        }
        start = end + 1;
    }
    return valid_utf8(quoted);
}

void remove_outputs(std::span<const render_job> jobs) {
    for (const auto& job : jobs) {
        std::error_code ignored;
        std::filesystem::remove(job.out, ignored);
    }
}

}  // namespace

file_format format_for(const std::filesystem::path& file) {
    const std::string extension = lower(file.extension().string());
    if (extension.empty() || extension == ".svg") return file_format::svg;
    if (extension == ".png") return file_format::png;
    if (extension == ".pdf") return file_format::pdf;
    throw error("cannot draw a chart as \"" + valid_utf8(file.string()) + "\": the file name must end in .svg, .png or .pdf");
}

gnuplot_missing::gnuplot_missing() : error("gnuplot is not installed; install it with: apt-get install gnuplot-nox") {}

void render_all(std::span<const render_job> jobs, const render_options& options) {
    if (jobs.empty()) return;
    const std::string script = gnuplot_script(jobs);
    // -d: no ~/.gnuplot or system gnuplotrc, whose settings would change the look. The script is read
    // as a file: gnuplot reads a bare standard input as a terminal session, twice as slowly. A pinned
    // locale keeps gnuplot's own number and text handling the same on every machine.
    const auto result = run_with_input(options.gnuplot, {"-d", "/dev/stdin"}, {"LC_ALL=C.UTF-8"}, script);
    if (!result) throw gnuplot_missing();
    // Anything gnuplot says is a problem: even its warnings ("no valid points") mean a wrong chart.
    if (result->exit_code != 0 || !result->output.empty()) {
        remove_outputs(jobs);
        const std::string status = result->exit_code != 0 ? " (exit status " + std::to_string(result->exit_code) + ")" : "";
        throw error("gnuplot could not draw the chart" + std::string(jobs.size() > 1 ? "s" : "") + status + ":" +
                    complaint(result->output));
    }
    const std::int64_t timestamp = pdf_timestamp();
    for (const auto& job : jobs) {
        switch (format_for(job.out)) {
            case file_format::svg: finish_svg(job.out, job.chart->title, font); break;
            case file_format::pdf: pin_pdf_dates(job.out, timestamp); break;
            case file_format::png: break;
        }
    }
}

void render(const spec& description, const std::filesystem::path& out, const render_options& options) {
    const render_job job{&description, out};
    render_all(std::span<const render_job>{&job, 1}, options);
}

}  // namespace carbontrack::chart
