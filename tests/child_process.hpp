// The real carbontrack binary started in the background, for the tests that need several at once or
// one to kill mid-import. Streams go to files; the environment is pinned like run_carbontrack's.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <sys/types.h>
#include <vector>

namespace carbontrack::testing {

class child_process {
public:
    // Starts carbontrack with `args` in `working_dir`; `environment` adds NAME=VALUE settings.
    child_process(const std::vector<std::string>& args, const std::filesystem::path& working_dir,
                  const std::vector<std::string>& environment = {});
    ~child_process();  // kills and reaps a child still running, so no test leaves one behind
    child_process(const child_process&) = delete;
    child_process& operator=(const child_process&) = delete;

    // Waits for the exit and returns its code, or -1 when a signal ended it.
    int wait();
    // Ends it at once with SIGKILL, as a power cut or the OOM killer would, and reaps it.
    void kill();
    // True while it runs (reaps it once it has ended).
    bool running();
    std::string out() const;
    std::string err() const;

private:
    pid_t pid_ = -1;
    int status_ = 0;
    bool reaped_ = false;
    std::filesystem::path out_file_;
    std::filesystem::path err_file_;
};

// Seconds since `start`, for measuring an import or a wait.
double seconds_since(std::chrono::steady_clock::time_point start);

}  // namespace carbontrack::testing
