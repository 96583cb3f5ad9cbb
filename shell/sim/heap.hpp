// How quorum-sim asks for memory (the shell's business, not the core's).
#pragma once

namespace quorum::sim_cli {

// A simulation allocates all the time and frees little: logs, sessions and the
// history grow with every commit, and their vectors double. On a VM the first
// touch of each 4 KB page is a fault that costs microseconds (6-9 us measured
// on this project's Firecracker VM), and a whole `quorum-sim bench` run paid
// a third of its time in them. On glibc (and not under a sanitizer, which
// brings its own allocator) this keeps vectors in the heap instead of fresh
// mappings that are faulted in again at every doubling, grows the heap in
// 64 MB steps, and asks the kernel to back those steps with 2 MB pages where
// transparent huge pages are enabled in madvise mode (the default). Nothing
// else changes: results are the same to the byte; elsewhere this does nothing.
void grow_heap_in_large_steps();

}  // namespace quorum::sim_cli
