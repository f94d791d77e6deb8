#include "carbontrack/audit.hpp"

#include "carbontrack/error.hpp"

#include <date/date.h>
#include <openssl/evp.h>

#include <array>
#include <chrono>
#include <fstream>
#include <memory>

namespace carbontrack {
namespace {

struct digest_context_deleter {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using digest_context = std::unique_ptr<EVP_MD_CTX, digest_context_deleter>;

digest_context start_sha256() {
    digest_context context(EVP_MD_CTX_new());
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) throw error("OpenSSL could not start a SHA-256 digest");
    return context;
}

void feed(EVP_MD_CTX* context, const char* bytes, std::size_t size) {
    if (EVP_DigestUpdate(context, bytes, size) != 1) throw error("OpenSSL failed while hashing");
}

std::string finish_hex(EVP_MD_CTX* context) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (EVP_DigestFinal_ex(context, digest.data(), &size) != 1) throw error("OpenSSL failed while hashing");
    constexpr std::string_view hex = "0123456789abcdef";
    std::string text;
    for (unsigned int i = 0; i < size; ++i) {
        text += hex[digest[i] >> 4];
        text += hex[digest[i] & 0x0f];
    }
    return text;
}

bool needs_quotes(std::string_view argument) {
    if (argument.empty()) return true;
    return argument.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+%@") != std::string_view::npos;
}

}  // namespace

std::string sha256_hex(std::string_view bytes) {
    auto context = start_sha256();
    feed(context.get(), bytes.data(), bytes.size());
    return finish_hex(context.get());
}

std::string file_sha256(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw data_error(file.string() + ": cannot read the file to record its SHA-256");
    auto context = start_sha256();
    std::array<char, 1 << 16> block{};
    while (in.read(block.data(), block.size()) || in.gcount() > 0) feed(context.get(), block.data(), static_cast<std::size_t>(in.gcount()));
    if (in.bad()) throw data_error(file.string() + ": reading failed while recording its SHA-256");
    return finish_hex(context.get());
}

std::string utc_timestamp() {
    return date::format("%Y-%m-%dT%H:%M:%SZ", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::string quoted_command_line(int argc, const char* const* argv) {
    std::string line;
    for (int i = 0; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (i > 0) line += ' ';
        if (!needs_quotes(argument)) {
            line += argument;
            continue;
        }
        // POSIX single quotes take everything literally; a quote inside closes, escapes and reopens.
        line += '\'';
        for (char c : argument) line += c == '\'' ? std::string("'\\''") : std::string(1, c);
        line += '\'';
    }
    return line;
}

}  // namespace carbontrack
