// The client-history reader (quorum/history_json.hpp) on any text, and the
// linearizability checker on whatever it reads (on a small budget: a fuzzer
// wants many inputs a second): a verdict or an error, never a crash. A
// history that reads back re-reads from its own JSON lines to the same thing.
#include "harness.hpp"
#include "quorum/check/linearizability.hpp"
#include "quorum/history_json.hpp"

#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = quorum::fuzz::as_text(data, size);
    const quorum::HistoryReadResult result = quorum::read_history(text);
    if (!result.ok()) {
        quorum::fuzz::require(result.error().line >= 1, "an error names a line");
        return 0;
    }
    std::string again;
    for (const auto& operation : result.history()) {
        again += quorum::to_json_line(operation) + "\n";
    }
    const quorum::HistoryReadResult reread = quorum::read_history(again);
    quorum::fuzz::require(reread.ok() && reread.history() == result.history(),
                          "a history read back re-reads the same");
    quorum::LinearizabilityOptions budget;
    budget.max_states_per_object = 2000;
    (void)quorum::check_linearizability(result.history(), budget);
    return 0;
}
