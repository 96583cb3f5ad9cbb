// The scenario language's parser (quorum/scenario/parser.hpp) on any text: a
// Scenario or a ParseError that points inside the text, never a crash.
#include "harness.hpp"
#include "quorum/scenario/parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = quorum::fuzz::as_text(data, size);
    const quorum::scenario::ParseResult result = quorum::scenario::parse_scenario(text);
    if (!result.ok()) {
        const auto& error = result.error();
        quorum::fuzz::require(error.line >= 1 && error.column >= 1, "an error names a position");
        quorum::fuzz::require(!error.message.empty(), "an error says why");
        (void)quorum::scenario::format_error("fuzz.qs", error);
    }
    return 0;
}
