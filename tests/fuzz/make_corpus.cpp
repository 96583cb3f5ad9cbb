// Writes the stored_records seed corpus of tests/fuzz/corpus: the records
// of every node of a short run of every protocol, each node's as one batch
// (encode_batch). Built with the harnesses, run by hand:
// make_corpus <tests/fuzz/corpus>.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/sim/cluster.hpp"
#include "quorum/store/records.hpp"
#include "quorum/store/stored_node.hpp"

namespace {

using namespace quorum;

void write(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary) << bytes;
}

Command command() {
    Command command;
    command.client = 7;
    command.sequence = 3;
    command.kind = OperationKind::Put;
    command.key = "k";
    command.value = "v";
    return command;
}

void records_corpus(const std::string& directory) {
    for (const Algorithm algorithm : all_algorithms()) {
        sim::ClusterConfig config;
        config.protocol = default_protocol_config(algorithm);
        config.nodes = 3;
        config.seed = 1;
        config.trace = false;
        sim::Cluster cluster(config);
        cluster.run_for(1'000'000);
        for (int i = 0; i < 3; ++i) {
            Command put = command();
            put.kind = algorithm == Algorithm::Paxos ? OperationKind::Propose : OperationKind::Put;
            put.value = "v" + std::to_string(i);
            cluster.start_client(put);
            cluster.run_for(300'000);
        }
        for (NodeId id = 1; id <= 3; ++id) {
            write(directory + "/" + std::string(algorithm_name(algorithm)) + "-node" +
                      std::to_string(id),
                  store::encode_batch(store::records_of(cluster.durable(id))));
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_corpus <tests/fuzz/corpus>\n");
        return 2;
    }
    const std::string root = argv[1];
    records_corpus(root + "/stored_records");
    return 0;
}
