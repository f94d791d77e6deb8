#include "child_process.hpp"

#include "support.hpp"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace carbontrack::testing {
namespace {

bool pinned_elsewhere(const std::string& setting) {
    for (const char* name : {"CARBONTRACK_DB=", "CARBONTRACK_ORG=", "TZ=", "LC_ALL="})
        if (setting.starts_with(name)) return true;
    return false;
}

}  // namespace

child_process::child_process(const std::vector<std::string>& args, const std::filesystem::path& working_dir,
                             const std::vector<std::string>& environment) {
    static std::atomic<unsigned> counter{0};
    const auto tag = std::to_string(counter++);
    out_file_ = working_dir / (".child-" + tag + ".out");
    err_file_ = working_dir / (".child-" + tag + ".err");

    // Everything the child needs is built before fork: after it only async-signal-safe calls are made.
    std::vector<std::string> argv_text{CARBONTRACK_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<std::string> env_text{"TZ=UTC", "LC_ALL=C"};
    for (char** e = environ; *e; ++e)
        if (!pinned_elsewhere(*e)) env_text.emplace_back(*e);
    env_text.insert(env_text.end(), environment.begin(), environment.end());
    std::vector<char*> argv, envp;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string dir = working_dir.string(), out = out_file_.string(), err = err_file_.string();

    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
    if (pid_ == 0) {
        const int in_fd = ::open("/dev/null", O_RDONLY);
        const int out_fd = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int err_fd = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in_fd < 0 || out_fd < 0 || err_fd < 0 || ::chdir(dir.c_str()) != 0) ::_exit(127);
        ::dup2(in_fd, 0);
        ::dup2(out_fd, 1);
        ::dup2(err_fd, 2);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
}

child_process::~child_process() {
    if (!reaped_) kill();
    std::error_code ignored;
    std::filesystem::remove(out_file_, ignored);
    std::filesystem::remove(err_file_, ignored);
}

int child_process::wait() {
    while (!reaped_) {
        if (::waitpid(pid_, &status_, 0) == pid_) reaped_ = true;
        else if (errno != EINTR) throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
    return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
}

void child_process::kill() {
    if (reaped_) return;
    ::kill(pid_, SIGKILL);
    wait();
}

bool child_process::running() {
    if (reaped_) return false;
    if (::waitpid(pid_, &status_, WNOHANG) == pid_) reaped_ = true;
    return !reaped_;
}

std::string child_process::out() const { return read_bytes(out_file_); }
std::string child_process::err() const { return read_bytes(err_file_); }

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace carbontrack::testing
