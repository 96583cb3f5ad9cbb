#include "heap.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

#if defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__) && !defined(__EMSCRIPTEN__)
#define QUORUM_TUNE_GLIBC_HEAP 1
#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace quorum::sim_cli {

void grow_heap_in_large_steps() {
#ifdef QUORUM_TUNE_GLIBC_HEAP
    constexpr int kStep = 64 << 20;
    constexpr std::uintptr_t kHugePage = 2U << 20;
    mallopt(M_MMAP_THRESHOLD, 32 << 20);   // vectors up to 32 MB (glibc's most) stay in the heap
    mallopt(M_TRIM_THRESHOLD, 512 << 20);  // and the heap is not given back between runs
    mallopt(M_TOP_PAD, kStep);             // each growth adds a step
    const auto before = reinterpret_cast<std::uintptr_t>(sbrk(0));
    // Wants more than the heap's top holds, so the heap grows now, by a step.
    // (volatile: a compiler may drop a malloc whose memory nobody uses)
    void* volatile probe = std::malloc(16 << 20);
    std::free(probe);
    const auto after = reinterpret_cast<std::uintptr_t>(sbrk(0));
    const std::uintptr_t start = (before + kHugePage - 1) & ~(kHugePage - 1);
    if (after > start) {
        // Advice only: where huge pages are off this fails and nothing changes.
        madvise(reinterpret_cast<void*>(start), after - start, MADV_HUGEPAGE);
    }
#endif
}

}  // namespace quorum::sim_cli
