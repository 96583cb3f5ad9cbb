// The trace reader (quorum/trace_reader.hpp, what `quorum-sim check` reads) on
// any text: a Trace or an error naming a line of it, never a crash.
#include "quorum/trace_reader.hpp"
#include "harness.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = quorum::fuzz::as_text(data, size);
    const quorum::trace::TraceReadResult result = quorum::trace::read_trace(text);
    if (!result.ok()) {
        quorum::fuzz::require(result.error().line >= 1, "an error names a line");
        quorum::fuzz::require(!result.error().message.empty(), "an error says why");
    }
    return 0;
}
