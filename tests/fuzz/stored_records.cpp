// The stored-record decoder (quorum/store): what a node loads at start-up
// from IndexedDB or SQLite, for every protocol. The input is a batch in
// encode_batch's form (what crosses from a worker to the page); its puts are
// the node's records. Loading gives a durable state or a LoadError naming
// the record, never a crash; a state that loads is written back to records
// that load to the same state.
#include "harness.hpp"
#include "quorum/protocols.hpp"
#include "quorum/store/records.hpp"
#include "quorum/store/stored_node.hpp"

#include <string>
#include <variant>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace quorum::store;
    const auto batch = decode_batch(quorum::fuzz::as_text(data, size));
    if (!batch) {
        return 0;
    }
    quorum::fuzz::require(decode_batch(encode_batch(*batch)) == batch,
                          "a batch re-encodes to the same batch");
    std::vector<Record> records;
    for (const Op& op : *batch) {
        if (op.kind == Op::Kind::Put) {
            records.emplace_back(op.key, op.value);
            (void)unseal(op.key, op.value);
        }
    }
    for (const quorum::Algorithm algorithm : quorum::all_algorithms()) {
        auto loaded = load(algorithm, records);
        if (const auto* state = std::get_if<quorum::AnyDurableState>(&loaded)) {
            std::vector<Record> again;
            for (Op& op : records_of(*state)) {
                if (op.kind == Op::Kind::Put) {  // a whole state's batch may clear ranges first
                    again.emplace_back(std::move(op.key), std::move(op.value));
                }
            }
            const auto reloaded = load(algorithm, again);
            if (const auto* error = std::get_if<LoadError>(&reloaded)) {
                std::fprintf(stderr, "%s records of a loaded state: %s\n",
                             std::string(quorum::algorithm_name(algorithm)).c_str(),
                             error->what().c_str());
                quorum::fuzz::fail("a loaded state's records load again");
            }
        }
    }
    return 0;
}
