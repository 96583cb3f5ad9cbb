// The record log of a wasm node on a server: see record_log.hpp.
#include "record_log.hpp"

#include <utility>

namespace quorum::worker {

namespace {

constexpr char kMagic[] = {'Q', 'L'};
constexpr std::size_t kCheckedHeaderSize = 11;  // what the header's own CRC covers

std::uint32_t get_u32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 4; i-- > 0;) {
        value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
    }
    return value;
}

std::string header_of(std::string_view body) {
    std::string header{kMagic[0], kMagic[1], static_cast<char>(kRecordLogVersion)};
    store::put_u32(header, static_cast<std::uint32_t>(body.size()));
    store::put_u32(header, store::crc32(body));
    store::put_u32(header, store::crc32(header));
    return header;
}

// Whether `tail` (shorter than a header) is how a header starts.
bool is_header_prefix(std::string_view tail) {
    const std::string_view start(kMagic, 2);
    const std::string_view expected = tail.size() <= 2 ? start.substr(0, tail.size()) : start;
    if (tail.substr(0, expected.size()) != expected) {
        return false;
    }
    return tail.size() < 3 || static_cast<std::uint8_t>(tail[2]) == kRecordLogVersion;
}

std::string where(std::size_t frame, std::size_t offset) {
    return "frame " + std::to_string(frame + 1) + " at byte " + std::to_string(offset);
}

// The owner the first frame names, or why it names none.
std::variant<std::string, std::string> owner_of(const store::Batch& batch) {
    if (batch.size() != 1 || batch[0].kind != store::Op::Kind::Put || batch[0].key != kFileKey) {
        return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                      "the first frame does not say whose file "
                                                      "it is");
    }
    const auto payload = store::unseal(batch[0].key, batch[0].value);
    if (const auto* why = std::get_if<std::string>(&payload)) {
        return std::variant<std::string, std::string>(std::in_place_index<1>,
                                                      "the first frame's record: " + *why);
    }
    return std::variant<std::string, std::string>(std::in_place_index<0>,
                                                  std::string(std::get<std::string_view>(payload)));
}

}  // namespace

std::string file_owner(std::string_view algorithm, NodeId node) {
    return std::string(algorithm) + " node " + std::to_string(node);
}

std::string frame_batch(const store::Batch& batch) {
    const std::string body = store::encode_batch(batch);
    return header_of(body) + body;
}

std::string first_frame(std::string_view owner) {
    return frame_batch(
        {store::Op{store::Op::Kind::Put, std::string(kFileKey), store::seal(kFileKey, owner)}});
}

void apply_batch(std::map<std::string, std::string>& records, const store::Batch& batch) {
    for (const store::Op& op : batch) {
        if (op.kind == store::Op::Kind::Put) {
            records[op.key] = op.value;
        } else {
            records.erase(records.lower_bound(op.key), records.lower_bound(op.value));
        }
    }
}

std::variant<LoadedLog, std::string> load_log(std::string_view bytes, std::string_view owner) {
    LoadedLog log;
    std::size_t offset = 0;
    while (offset < bytes.size()) {
        const std::string_view rest = bytes.substr(offset);
        const std::string at = where(log.frames, offset);
        if (rest.size() < kFrameHeaderSize) {
            if (!is_header_prefix(rest)) {
                return at + ": " + std::to_string(rest.size()) + " bytes that are not a frame";
            }
            log.torn_at = offset;
            break;
        }
        if (rest.substr(0, 2) != std::string_view(kMagic, 2)) {
            return at + ": not a frame (bad magic)";
        }
        if (static_cast<std::uint8_t>(rest[2]) != kRecordLogVersion) {
            return at + ": version " + std::to_string(static_cast<std::uint8_t>(rest[2])) +
                   ", expected " + std::to_string(kRecordLogVersion);
        }
        if (get_u32(rest, kCheckedHeaderSize) != store::crc32(rest.substr(0, kCheckedHeaderSize))) {
            return at + ": header checksum mismatch";
        }
        const std::uint32_t size = get_u32(rest, 3);
        if (rest.size() - kFrameHeaderSize < size) {
            log.torn_at = offset;
            break;
        }
        const std::string_view body = rest.substr(kFrameHeaderSize, size);
        if (get_u32(rest, 7) != store::crc32(body)) {
            return at + ": body checksum mismatch";
        }
        auto batch = store::decode_batch(body);
        if (!batch) {
            return at + ": the batch does not decode";
        }
        if (log.frames == 0) {
            auto named = owner_of(*batch);
            if (named.index() == 1) {
                return at + ": " + std::get<1>(named);
            }
            if (std::get<0>(named) != owner) {
                return "the file belongs to " + std::get<0>(named) + ", not " + std::string(owner);
            }
        } else {
            for (const store::Op& op : *batch) {
                if (op.key == kFileKey) {
                    return at + ": a later frame rewrites whose file it is";
                }
            }
            apply_batch(log.records, *batch);
        }
        ++log.frames;
        offset += kFrameHeaderSize + size;
    }
    return log;
}

}  // namespace quorum::worker
