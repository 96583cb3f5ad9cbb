#include "quorum/wire/fragments.hpp"

#include <algorithm>

namespace quorum::wire {

namespace {

std::uint32_t read_u32(std::string_view bytes, std::size_t at) {
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        value |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[at + i])) << (8 * i);
    }
    return value;
}

}  // namespace

bool is_fragment(std::string_view bytes) {
    return bytes.size() >= 2 && bytes[0] == 'Q' && bytes[1] == 'F';
}

std::vector<std::string> split_into_fragments(std::string_view datagram, std::uint32_t message_id) {
    const std::size_t count = (datagram.size() + kFragmentPayloadSize - 1) / kFragmentPayloadSize;
    if (count == 0 || count > kMaxFragments) {
        return {};
    }
    std::vector<std::string> fragments;
    for (std::size_t index = 0; index < count; ++index) {
        std::string fragment = {'Q', 'F', static_cast<char>(kWireVersion)};
        for (int shift = 0; shift < 32; shift += 8) {
            fragment.push_back(static_cast<char>(message_id >> shift));
        }
        fragment.push_back(static_cast<char>(index));
        fragment.push_back(static_cast<char>(count));
        fragment.append(datagram.substr(index * kFragmentPayloadSize, kFragmentPayloadSize));
        fragments.push_back(std::move(fragment));
    }
    return fragments;
}

Reassembler::Result Reassembler::add(std::uint64_t sender, std::string_view fragment, TimeUs now) {
    if (fragment.size() < kFragmentHeaderSize) {
        return DecodeError::Truncated;
    }
    if (static_cast<std::uint8_t>(fragment[2]) != kWireVersion) {
        return DecodeError::WrongVersion;
    }
    const std::uint32_t message_id = read_u32(fragment, 3);
    const auto index = static_cast<std::uint8_t>(fragment[7]);
    const auto count = static_cast<std::uint8_t>(fragment[8]);
    const std::string_view piece = fragment.substr(kFragmentHeaderSize);
    if (count < 2 || count > kMaxFragments || index >= count || piece.empty() ||
        piece.size() > kFragmentPayloadSize) {
        return DecodeError::Malformed;
    }
    const Key key{sender, message_id};
    auto found = partial_.find(key);
    if (found == partial_.end()) {
        if (partial_.size() >= kMaxPartialMessages) {
            forget_oldest_except(key);
        }
        Partial partial;
        partial.fragments.resize(count);
        partial.first_us = now;
        found = partial_.emplace(key, std::move(partial)).first;
    }
    if (found->second.fragments.size() != count) {
        forget(found);
        return DecodeError::Malformed;
    }
    if (!found->second.fragments[index]) {
        // Room first: older partial messages go (their senders retransmit).
        while (bytes_ + piece.size() > kMaxPartialBytes && partial_.size() > 1) {
            forget_oldest_except(key);
        }
        found = partial_.find(key);
        found->second.fragments[index] = std::string(piece);
        ++found->second.received;
        bytes_ += piece.size();
    }
    Partial& partial = found->second;
    if (partial.received < count) {
        return Pending{};
    }
    std::string whole;
    for (auto& part : partial.fragments) {
        whole += *part;
    }
    forget(found);
    return whole;
}

void Reassembler::forget(std::map<Key, Partial>::iterator partial) {
    for (const auto& piece : partial->second.fragments) {
        bytes_ -= piece ? piece->size() : 0;
    }
    partial_.erase(partial);
}

// The partial message that began first, other than `keep`.
void Reassembler::forget_oldest_except(const Key& keep) {
    auto oldest = partial_.end();
    for (auto it = partial_.begin(); it != partial_.end(); ++it) {
        if (it->first != keep &&
            (oldest == partial_.end() || it->second.first_us < oldest->second.first_us)) {
            oldest = it;
        }
    }
    if (oldest != partial_.end()) {
        forget(oldest);
    }
}

}  // namespace quorum::wire
