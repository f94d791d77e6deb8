#include "chart/gnuplot_process.hpp"

#include "carbontrack/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace carbontrack::chart {
namespace {

class file_descriptor {
public:
    file_descriptor() = default;
    explicit file_descriptor(int fd) : fd_(fd) {}
    file_descriptor(const file_descriptor&) = delete;
    file_descriptor& operator=(const file_descriptor&) = delete;
    file_descriptor(file_descriptor&& other) noexcept : fd_(other.release()) {}
    file_descriptor& operator=(file_descriptor&& other) noexcept {
        reset(other.release());
        return *this;
    }
    ~file_descriptor() { reset(); }

    int get() const noexcept { return fd_; }
    explicit operator bool() const noexcept { return fd_ >= 0; }
    int release() noexcept {
        const int fd = fd_;
        fd_ = -1;
        return fd;
    }
    void reset(int fd = -1) noexcept {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

[[noreturn]] void fail(const std::string& what, int code) { throw error(what + ": " + std::strerror(code)); }

class spawn_actions {
public:
    spawn_actions() {
        if (const int rc = posix_spawn_file_actions_init(&actions_); rc != 0) fail("cannot prepare to start gnuplot", rc);
    }
    spawn_actions(const spawn_actions&) = delete;
    spawn_actions& operator=(const spawn_actions&) = delete;
    ~spawn_actions() { posix_spawn_file_actions_destroy(&actions_); }

    void dup2(int from, int to) {
        if (const int rc = posix_spawn_file_actions_adddup2(&actions_, from, to); rc != 0) fail("cannot prepare to start gnuplot", rc);
    }
    const posix_spawn_file_actions_t* get() const { return &actions_; }

private:
    posix_spawn_file_actions_t actions_{};
};

std::vector<std::string> merged_environment(const std::vector<std::string>& overrides) {
    std::vector<std::string> merged;
    for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string_view e{*entry};
        const auto name = e.substr(0, e.find('='));
        const bool overridden = std::any_of(overrides.begin(), overrides.end(), [&](const std::string& o) {
            return std::string_view{o}.substr(0, o.find('=')) == name;
        });
        if (!overridden) merged.emplace_back(e);
    }
    merged.insert(merged.end(), overrides.begin(), overrides.end());
    return merged;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

}  // namespace

std::optional<process_result> run_with_input(const std::string& program, const std::vector<std::string>& arguments,
                                             const std::vector<std::string>& environment, std::string_view input) {
    // The input lives in an anonymous in-memory file, gone with its last descriptor: nothing is left
    // on disk, the program can read it as a file (/dev/stdin) rather than line by line from a pipe,
    // and a program that quits early cannot raise SIGPIPE in ours.
    file_descriptor script{::memfd_create("carbontrack-input", MFD_CLOEXEC)};
    if (!script) fail("cannot hold the script for " + program, errno);
    for (std::size_t written = 0; written < input.size();) {
        const ssize_t n = ::write(script.get(), input.data() + written, input.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot hold the script for " + program, errno);
        written += static_cast<std::size_t>(n);
    }
    if (::lseek(script.get(), 0, SEEK_SET) != 0) fail("cannot hold the script for " + program, errno);
    int output_ends[2];
    if (::pipe2(output_ends, O_CLOEXEC) != 0) fail("cannot start " + program, errno);
    file_descriptor output_ours{output_ends[0]};
    file_descriptor output_theirs{output_ends[1]};

    spawn_actions actions;
    actions.dup2(script.get(), STDIN_FILENO);
    actions.dup2(output_theirs.get(), STDOUT_FILENO);
    actions.dup2(output_theirs.get(), STDERR_FILENO);

    std::vector<std::string> argv_strings{program};
    argv_strings.insert(argv_strings.end(), arguments.begin(), arguments.end());
    std::vector<std::string> env_strings = merged_environment(environment);
    const auto argv = pointers(argv_strings);
    const auto envp = pointers(env_strings);

    pid_t pid = 0;
    if (const int rc = ::posix_spawnp(&pid, program.c_str(), actions.get(), nullptr, argv.data(), envp.data()); rc != 0) {
        if (rc == ENOENT) return std::nullopt;
        fail("cannot start " + program, rc);
    }
    script.reset();
    output_theirs.reset();

    process_result result{0, {}};
    char buffer[4096];
    for (;;) {
        const ssize_t n = ::read(output_ours.get(), buffer, sizeof buffer);
        if (n > 0) {
            result.output.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }

    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) fail("cannot wait for " + program, errno);
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return result;
}

}  // namespace carbontrack::chart
