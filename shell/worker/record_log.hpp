// The file in which a wasm node on a server (web/node_host.mjs) keeps its
// records: the browser's sealed records (quorum/store/records.hpp), written
// as the batches the node produced, one frame per turn, appended and fsynced
// before the turn's messages leave (docs/nodes.md, "The record log").
//
// A frame: 'Q' 'L' u8 version, u32 body size, u32 CRC-32 of the body, u32
// CRC-32 of the 11 bytes before it (little-endian), then the body: one batch
// in store::encode_batch's form. The first frame names the node the file
// belongs to (one Put of kFileKey). Replaying every frame in order gives the
// node's records; a frame that checks out but whose batch does not decode,
// a header whose CRC fails, or a body whose CRC fails is damage, and the
// node refuses to start without touching the file.
//
// One thing is not damage: the end of a write that never finished. A frame
// is appended with one write and fsynced before any message of its turn is
// sent, so a frame cut short at the very end of the file (a header whose
// bytes are a prefix of a valid one, or a whole header whose body runs past
// the end) was never acknowledged to anyone; load() reports where it starts
// and the host cuts it off, as SQLite's journal rolls back a transaction
// that never committed.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "quorum/store/records.hpp"

namespace quorum::worker {

constexpr std::size_t kFrameHeaderSize = 15;
constexpr std::uint8_t kRecordLogVersion = 1;
// The first frame's key: the file says whose it is.
constexpr std::string_view kFileKey = "@file";

// "raft node 2": who a record log belongs to.
std::string file_owner(std::string_view algorithm, NodeId node);

// One frame holding `batch`.
std::string frame_batch(const store::Batch& batch);
// The first frame of a new log.
std::string first_frame(std::string_view owner);

struct LoadedLog {
    std::map<std::string, std::string> records;  // key -> sealed value, kFileKey excluded
    std::size_t frames = 0;
    std::optional<std::uint64_t> torn_at;  // where an unfinished last write starts
};

// Replays `bytes` (a whole file). The error says where and what: "frame 3 at
// byte 4120: body checksum mismatch", "belongs to multipaxos node 1, not raft
// node 2", ...
std::variant<LoadedLog, std::string> load_log(std::string_view bytes, std::string_view owner);

// Applies one batch to a key -> sealed value map (Put; DeleteRange [key, value)).
void apply_batch(std::map<std::string, std::string>& records, const store::Batch& batch);

}  // namespace quorum::worker
