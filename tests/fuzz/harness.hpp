// What every libFuzzer harness here shares (tests/fuzz/README.md): the
// entry point's input as a string_view, and a check that, unlike assert,
// holds in every build type: a broken property is a crash libFuzzer reports
// and minimizes, like a sanitizer's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace quorum::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

[[noreturn]] inline void fail(const char* what) {
    std::fprintf(stderr, "property broken: %s\n", what);
    std::abort();
}

inline void require(bool holds, const char* what) {
    if (!holds) {
        fail(what);
    }
}

}  // namespace quorum::fuzz
