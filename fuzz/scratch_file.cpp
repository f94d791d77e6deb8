#include "scratch_file.hpp"

#include <fstream>
#include <string>
#include <unistd.h>

namespace carbontrack::fuzz {
namespace {

// /dev/shm keeps millions of rewrites off the disk; one file per process lets -jobs run side by side.
class owned_file {
public:
    owned_file() {
        std::error_code ec;
        const std::filesystem::path shm = "/dev/shm";
        const auto dir = std::filesystem::is_directory(shm, ec) ? shm : std::filesystem::temp_directory_path();
        path_ = dir / ("carbontrack-fuzz-" + std::to_string(::getpid()) + ".csv");
    }
    owned_file(const owned_file&) = delete;
    owned_file& operator=(const owned_file&) = delete;
    ~owned_file() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace

std::filesystem::path scratch_file(const std::uint8_t* data, std::size_t size) {
    static const owned_file file;
    const auto& path = file.path();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    return path;
}

}  // namespace carbontrack::fuzz
