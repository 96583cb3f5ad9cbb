// The core's JSON reader (quorum/json_reader.hpp), under the trace and history
// readers and `quorum-sim`'s inputs: one value or an error at an offset inside
// the text, never a crash, also nested past kMaxDepth.
//
// The page's command JSON (shell/dashboard/state_json.cpp) is parsed with
// nlohmann::json and handed to the Dashboard, which needs ImGui and SDL: it
// cannot be built into a harness without the dashboard, so the core's own
// reader is what is fuzzed here (tests/fuzz/README.md).
#include "quorum/json_reader.hpp"
#include "harness.hpp"

#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quorum::json;
    const std::string_view text = quorum::fuzz::as_text(data, size);
    const auto parsed = parse(text);
    if (const auto* error = std::get_if<ParseError>(&parsed)) {
        quorum::fuzz::require(error->offset <= text.size(), "an error points inside the text");
    }
    int number = 0;
    for (const std::string_view line : split_lines(text)) {
        LineError error;
        if (!parse_object_line(line, ++number, error)) {
            quorum::fuzz::require(error.line == number, "a line error names its line");
        }
    }
    return 0;
}
