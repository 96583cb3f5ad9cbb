// The wire format (quorum/wire/codec.hpp): a Writer and a Reader over bytes,
// and one write/read pair per type, fields in declaration order. The Reader's
// failure is sticky: after the first error every read is a no-op, so each
// read function is a straight line and the caller checks once at the end.
#include "quorum/wire/codec.hpp"

#include <limits>
#include <type_traits>

namespace quorum::wire {

namespace {

class Writer {
  public:
    void u8(std::uint8_t value) { out_.push_back(static_cast<char>(value)); }
    void u32(std::uint32_t value) {
        for (int shift = 0; shift < 32; shift += 8) {
            u8(static_cast<std::uint8_t>(value >> shift));
        }
    }
    void u64(std::uint64_t value) {
        for (int shift = 0; shift < 64; shift += 8) {
            u8(static_cast<std::uint8_t>(value >> shift));
        }
    }
    void boolean(bool value) { u8(value ? 1 : 0); }
    void count(std::size_t size) { u32(static_cast<std::uint32_t>(size)); }
    void string(std::string_view value) {
        count(value.size());
        out_.append(value);
    }
    std::string take() { return std::move(out_); }

  private:
    std::string out_;
};

class Reader {
  public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}

    std::uint8_t u8() {
        if (!need(1)) {
            return 0;
        }
        return static_cast<std::uint8_t>(bytes_[position_++]);
    }
    std::uint32_t u32() {
        std::uint32_t value = 0;
        if (!need(4)) {
            return 0;
        }
        for (int shift = 0; shift < 32; shift += 8) {
            value |= static_cast<std::uint32_t>(u8()) << shift;
        }
        return value;
    }
    std::uint64_t u64() {
        std::uint64_t value = 0;
        if (!need(8)) {
            return 0;
        }
        for (int shift = 0; shift < 64; shift += 8) {
            value |= static_cast<std::uint64_t>(u8()) << shift;
        }
        return value;
    }
    bool boolean() {
        const auto value = u8();
        if (value > 1) {
            fail(DecodeError::Malformed);
        }
        return value == 1;
    }
    // A count of elements each at least `min_size` bytes long: one the rest
    // of the input cannot hold is a truncation, caught before any allocation.
    std::size_t count(std::size_t min_size) {
        const std::size_t value = u32();
        if (ok() && value > remaining() / min_size) {
            fail(DecodeError::Truncated);
            return 0;
        }
        return value;
    }
    std::string string() {
        const std::size_t size = count(1);
        if (!ok()) {
            return {};
        }
        std::string value(bytes_.substr(position_, size));
        position_ += size;
        return value;
    }
    template <typename Enum>
    Enum enumeration(Enum last) {
        const auto value = u8();
        if (value > static_cast<std::uint8_t>(last)) {
            fail(DecodeError::Malformed);
        }
        return static_cast<Enum>(value);
    }

    void fail(DecodeError error) {
        if (!error_) {
            error_ = error;
        }
    }
    bool ok() const { return !error_.has_value(); }
    std::optional<DecodeError> error() const { return error_; }
    std::size_t remaining() const { return bytes_.size() - position_; }
    // The input must end exactly here.
    void finish() {
        if (ok() && remaining() != 0) {
            fail(DecodeError::Malformed);
        }
    }

  private:
    bool need(std::size_t size) {
        if (!ok()) {
            return false;
        }
        if (remaining() < size) {
            fail(DecodeError::Truncated);
            return false;
        }
        return true;
    }

    std::string_view bytes_;
    std::size_t position_ = 0;
    std::optional<DecodeError> error_;
};

// ---------------------------------------------------------------------------
// Shared vocabulary.

void write(Writer& w, const Command& c) {
    w.u32(c.client);
    w.u64(c.sequence);
    w.u8(static_cast<std::uint8_t>(c.kind));
    w.string(c.key);
    w.string(c.value);
    w.boolean(c.noop);
}
void read(Reader& r, Command& c) {
    c.client = r.u32();
    c.sequence = r.u64();
    c.kind = r.enumeration(OperationKind::Propose);
    c.key = r.string();
    c.value = r.string();
    c.noop = r.boolean();
}
// Shared commands travel as plain ones; a decoded one is shared from there on.
void write(Writer& w, const SharedCommand& c) {
    write(w, *c);
}
void read(Reader& r, SharedCommand& c) {
    Command command;
    read(r, command);
    c = std::move(command);
}

void write(Writer& w, const std::string& s) {
    w.string(s);
}
void read(Reader& r, std::string& s) {
    s = r.string();
}
void write(Writer& w, NodeId id) {
    w.u32(id);
}
void read(Reader& r, NodeId& id) {
    id = r.u32();
}

template <typename T>
void write(Writer& w, const std::optional<T>& value) {
    w.boolean(value.has_value());
    if (value) {
        write(w, *value);
    }
}
template <typename T>
void read(Reader& r, std::optional<T>& value) {
    value.reset();
    if (r.boolean() && r.ok()) {
        read(r, value.emplace());
    }
}

template <typename T>
void write(Writer& w, const std::vector<T>& items) {
    w.count(items.size());
    for (const auto& item : items) {
        write(w, item);
    }
}
template <typename T>
void read(Reader& r, std::vector<T>& items) {
    items.clear();
    const std::size_t size = r.count(1);
    for (std::size_t i = 0; i < size && r.ok(); ++i) {
        read(r, items.emplace_back());
    }
}

void write(Writer& w, const CommandResult& c) {
    w.boolean(c.ok);
    write(w, c.result);
}
void read(Reader& r, CommandResult& c) {
    c.ok = r.boolean();
    read(r, c.result);
}

void write(Writer& w, const ClientRequest& m) {
    write(w, m.command);
}
void read(Reader& r, ClientRequest& m) {
    read(r, m.command);
}

void write(Writer& w, const ClientResponse& m) {
    w.u32(m.client);
    w.u64(m.sequence);
    w.u8(static_cast<std::uint8_t>(m.status));
    write(w, m.result);
    w.u32(m.leader_hint);
}
void read(Reader& r, ClientResponse& m) {
    m.client = r.u32();
    m.sequence = r.u64();
    m.status = r.enumeration(ClientResponse::Status::NotLeader);
    read(r, m.result);
    m.leader_hint = r.u32();
}

// ---------------------------------------------------------------------------
// Raft.

void write(Writer& w, const raft::Entry& e) {
    w.u64(e.term);
    write(w, e.command);
}
void read(Reader& r, raft::Entry& e) {
    e.term = r.u64();
    read(r, e.command);
}

void write(Writer& w, const raft::HardState& state) {
    w.u64(state.current_term);
    w.u32(state.voted_for);
}
void read(Reader& r, raft::HardState& state) {
    state.current_term = r.u64();
    state.voted_for = r.u32();
}

void write(Writer& w, const raft::RequestVote& m) {
    w.u64(m.term);
    w.u32(m.candidate_id);
    w.u64(m.last_log_index);
    w.u64(m.last_log_term);
    w.boolean(m.pre_vote);
}
void read(Reader& r, raft::RequestVote& m) {
    m.term = r.u64();
    m.candidate_id = r.u32();
    m.last_log_index = r.u64();
    m.last_log_term = r.u64();
    m.pre_vote = r.boolean();
}

void write(Writer& w, const raft::RequestVoteResponse& m) {
    w.u64(m.term);
    w.boolean(m.vote_granted);
    w.boolean(m.pre_vote);
}
void read(Reader& r, raft::RequestVoteResponse& m) {
    m.term = r.u64();
    m.vote_granted = r.boolean();
    m.pre_vote = r.boolean();
}

void write(Writer& w, const raft::AppendEntries& m) {
    w.u64(m.term);
    w.u32(m.leader_id);
    w.u64(m.prev_log_index);
    w.u64(m.prev_log_term);
    write(w, m.entries);
    w.u64(m.leader_commit);
}
void read(Reader& r, raft::AppendEntries& m) {
    m.term = r.u64();
    m.leader_id = r.u32();
    m.prev_log_index = r.u64();
    m.prev_log_term = r.u64();
    read(r, m.entries);
    m.leader_commit = r.u64();
}

void write(Writer& w, const raft::AppendEntriesResponse& m) {
    w.u64(m.term);
    w.boolean(m.success);
    w.u64(m.match_index);
    w.u64(m.conflict_term);
    w.u64(m.conflict_index);
    w.u64(m.log_length);
}
void read(Reader& r, raft::AppendEntriesResponse& m) {
    m.term = r.u64();
    m.success = r.boolean();
    m.match_index = r.u64();
    m.conflict_term = r.u64();
    m.conflict_index = r.u64();
    m.log_length = r.u64();
}

// ---------------------------------------------------------------------------
// Single-decree Paxos.

void write(Writer& w, const paxos::Ballot& b) {
    w.u64(b.round);
    w.u32(b.node);
}
void read(Reader& r, paxos::Ballot& b) {
    b.round = r.u64();
    b.node = r.u32();
}
void write(Writer& w, const paxos::Proposal& p) {
    write(w, p.ballot);
    w.string(p.value);
}
void read(Reader& r, paxos::Proposal& p) {
    read(r, p.ballot);
    p.value = r.string();
}
void write(Writer& w, const paxos::Prepare& m) {
    write(w, m.ballot);
}
void read(Reader& r, paxos::Prepare& m) {
    read(r, m.ballot);
}
void write(Writer& w, const paxos::Promise& m) {
    write(w, m.ballot);
    write(w, m.accepted);
}
void read(Reader& r, paxos::Promise& m) {
    read(r, m.ballot);
    read(r, m.accepted);
}
void write(Writer& w, const paxos::Accept& m) {
    write(w, m.ballot);
    w.string(m.value);
}
void read(Reader& r, paxos::Accept& m) {
    read(r, m.ballot);
    m.value = r.string();
}
void write(Writer& w, const paxos::Accepted& m) {
    write(w, m.ballot);
    w.string(m.value);
}
void read(Reader& r, paxos::Accepted& m) {
    read(r, m.ballot);
    m.value = r.string();
}
void write(Writer& w, const paxos::Nack& m) {
    write(w, m.ballot);
    write(w, m.promised);
}
void read(Reader& r, paxos::Nack& m) {
    read(r, m.ballot);
    read(r, m.promised);
}
void write(Writer& w, const paxos::DurableState& s) {
    write(w, s.acceptor.promised);
    write(w, s.acceptor.accepted);
    w.u64(s.proposer_round);
}
void read(Reader& r, paxos::DurableState& s) {
    read(r, s.acceptor.promised);
    read(r, s.acceptor.accepted);
    s.proposer_round = r.u64();
}

// ---------------------------------------------------------------------------
// Multi-Paxos.

void write(Writer& w, const multipaxos::Ballot& b) {
    w.u64(b.round);
    w.u32(b.leader);
}
void read(Reader& r, multipaxos::Ballot& b) {
    b.round = r.u64();
    b.leader = r.u32();
}
void write(Writer& w, const multipaxos::Configuration& c) {
    write(w, c.leaders);
    write(w, c.acceptors);
}
void read(Reader& r, multipaxos::Configuration& c) {
    read(r, c.leaders);
    read(r, c.acceptors);
}
void write(Writer& w, const multipaxos::Decree& d) {
    write(w, d.command);
    write(w, d.reconfiguration);
}
void read(Reader& r, multipaxos::Decree& d) {
    read(r, d.command);
    read(r, d.reconfiguration);
}
void write(Writer& w, const multipaxos::PValue& p) {
    write(w, p.ballot);
    w.u64(p.slot);
    write(w, p.decree);
}
void read(Reader& r, multipaxos::PValue& p) {
    read(r, p.ballot);
    p.slot = r.u64();
    read(r, p.decree);
}
void write(Writer& w, const multipaxos::Propose& m) {
    w.u64(m.slot);
    write(w, m.decree);
    write(w, m.configuration);
    w.u64(m.slot_out);
}
void read(Reader& r, multipaxos::Propose& m) {
    m.slot = r.u64();
    read(r, m.decree);
    read(r, m.configuration);
    m.slot_out = r.u64();
}
void write(Writer& w, const multipaxos::P1a& m) {
    write(w, m.ballot);
}
void read(Reader& r, multipaxos::P1a& m) {
    read(r, m.ballot);
}
void write(Writer& w, const multipaxos::P1b& m) {
    write(w, m.request_ballot);
    write(w, m.ballot);
    write(w, m.accepted);
}
void read(Reader& r, multipaxos::P1b& m) {
    read(r, m.request_ballot);
    read(r, m.ballot);
    read(r, m.accepted);
}
void write(Writer& w, const multipaxos::P2a& m) {
    write(w, m.pvalue);
}
void read(Reader& r, multipaxos::P2a& m) {
    read(r, m.pvalue);
}
void write(Writer& w, const multipaxos::P2b& m) {
    write(w, m.request_ballot);
    w.u64(m.slot);
    write(w, m.ballot);
}
void read(Reader& r, multipaxos::P2b& m) {
    read(r, m.request_ballot);
    m.slot = r.u64();
    read(r, m.ballot);
}
void write(Writer& w, const multipaxos::Decision& m) {
    w.u64(m.slot);
    write(w, m.decree);
}
void read(Reader& r, multipaxos::Decision& m) {
    m.slot = r.u64();
    read(r, m.decree);
}
void write(Writer& w, const multipaxos::LeaderHeartbeat& m) {
    write(w, m.ballot);
}
void read(Reader& r, multipaxos::LeaderHeartbeat& m) {
    read(r, m.ballot);
}

// ---------------------------------------------------------------------------
// Status.

void write(Writer& w, const StatusRequest& m) {
    w.u64(m.nonce);
}
void read(Reader& r, StatusRequest& m) {
    m.nonce = r.u64();
}

void write(Writer& w, const std::pair<std::string, std::uint64_t>& counter) {
    w.string(counter.first);
    w.u64(counter.second);
}
void read(Reader& r, std::pair<std::string, std::uint64_t>& counter) {
    counter.first = r.string();
    counter.second = r.u64();
}
void write(Writer& w, const StatusResponse& m) {
    const NodeStatus& s = m.status;
    w.u64(m.nonce);
    w.u32(s.id);
    w.string(s.algorithm);
    w.string(s.role);
    w.u64(s.term);
    w.u64(s.commit_index);
    w.u64(s.log_length);
    w.u32(s.leader);
    w.u64(s.datagrams_received);
    write(w, s.dropped);
}
void read(Reader& r, StatusResponse& m) {
    NodeStatus& s = m.status;
    m.nonce = r.u64();
    s.id = r.u32();
    s.algorithm = r.string();
    s.role = r.string();
    s.term = r.u64();
    s.commit_index = r.u64();
    s.log_length = r.u64();
    s.leader = r.u32();
    s.datagrams_received = r.u64();
    read(r, s.dropped);
}

// ---------------------------------------------------------------------------
// Tags.

// The tag of each body type; MessageTag lists them all.
template <typename T>
constexpr MessageTag tag_of() {
    using M = MessageTag;
    if constexpr (std::is_same_v<T, raft::RequestVote>) {
        return M::RaftRequestVote;
    } else if constexpr (std::is_same_v<T, raft::RequestVoteResponse>) {
        return M::RaftRequestVoteResponse;
    } else if constexpr (std::is_same_v<T, raft::AppendEntries>) {
        return M::RaftAppendEntries;
    } else if constexpr (std::is_same_v<T, raft::AppendEntriesResponse>) {
        return M::RaftAppendEntriesResponse;
    } else if constexpr (std::is_same_v<T, ClientRequest>) {
        return M::ClientRequest;
    } else if constexpr (std::is_same_v<T, ClientResponse>) {
        return M::ClientResponse;
    } else if constexpr (std::is_same_v<T, paxos::Prepare>) {
        return M::PaxosPrepare;
    } else if constexpr (std::is_same_v<T, paxos::Promise>) {
        return M::PaxosPromise;
    } else if constexpr (std::is_same_v<T, paxos::Accept>) {
        return M::PaxosAccept;
    } else if constexpr (std::is_same_v<T, paxos::Accepted>) {
        return M::PaxosAccepted;
    } else if constexpr (std::is_same_v<T, paxos::Nack>) {
        return M::PaxosNack;
    } else if constexpr (std::is_same_v<T, multipaxos::Propose>) {
        return M::MultiPaxosPropose;
    } else if constexpr (std::is_same_v<T, multipaxos::P1a>) {
        return M::MultiPaxosP1a;
    } else if constexpr (std::is_same_v<T, multipaxos::P1b>) {
        return M::MultiPaxosP1b;
    } else if constexpr (std::is_same_v<T, multipaxos::P2a>) {
        return M::MultiPaxosP2a;
    } else if constexpr (std::is_same_v<T, multipaxos::P2b>) {
        return M::MultiPaxosP2b;
    } else if constexpr (std::is_same_v<T, multipaxos::Decision>) {
        return M::MultiPaxosDecision;
    } else if constexpr (std::is_same_v<T, multipaxos::LeaderHeartbeat>) {
        return M::MultiPaxosLeaderHeartbeat;
    } else if constexpr (std::is_same_v<T, StatusRequest>) {
        return M::StatusRequest;
    } else if constexpr (std::is_same_v<T, StatusResponse>) {
        return M::StatusResponse;
    } else {
        static_assert(sizeof(T) == 0, "a body type without a MessageTag");
    }
}

// Reads a body of type T into `datagram` (a Payload alternative when Payload
// holds T, else the status alternative itself).
template <typename T>
void read_body(Reader& r, Datagram& datagram) {
    T body;
    read(r, body);
    if constexpr (std::is_same_v<T, StatusRequest> || std::is_same_v<T, StatusResponse>) {
        datagram.body = std::move(body);
    } else {
        datagram.body = Payload{std::move(body)};
    }
}

// Tries every Payload alternative and the two status types for `tag`.
template <typename... Types>
bool read_by_tag(MessageTag tag, Reader& r, Datagram& datagram) {
    return ((tag == tag_of<Types>() ? (read_body<Types>(r, datagram), true) : false) || ...);
}

template <typename... Alternatives>
bool read_payload_by_tag(MessageTag tag, Reader& r, Datagram& datagram,
                         const std::variant<Alternatives...>*) {
    return read_by_tag<Alternatives..., StatusRequest, StatusResponse>(tag, r, datagram);
}

void write_header(Writer& w, NodeId from, NodeId to, MessageTag tag) {
    w.u8('Q');
    w.u8('W');
    w.u8(kWireVersion);
    w.u8(static_cast<std::uint8_t>(tag));
    w.u32(from);
    w.u32(to);
}

template <typename T>
std::string record(const T& value) {
    Writer w;
    write(w, value);
    return w.take();
}

template <typename T>
bool from_record(std::string_view bytes, T& value) {
    Reader r(bytes);
    T decoded;
    read(r, decoded);
    r.finish();
    if (!r.ok()) {
        return false;
    }
    value = std::move(decoded);
    return true;
}

}  // namespace

const char* decode_error_name(DecodeError error) {
    switch (error) {
        case DecodeError::Truncated:
            return "truncated";
        case DecodeError::WrongVersion:
            return "version";
        case DecodeError::Garbage:
            return "garbage";
        case DecodeError::Malformed:
            return "malformed";
    }
    return "garbage";
}

std::string encode(const Datagram& datagram) {
    Writer w;
    const auto write_body = [&](const auto& body) {
        using T = std::decay_t<decltype(body)>;
        write_header(w, datagram.from, datagram.to, tag_of<T>());
        write(w, body);
    };
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            if constexpr (std::is_same_v<T, Payload>) {
                std::visit(write_body, body);
            } else {
                write_body(body);
            }
        },
        datagram.body);
    return w.take();
}

std::string encode(const Message& message) {
    Writer w;
    std::visit(
        [&](const auto& body) {
            using T = std::decay_t<decltype(body)>;
            write_header(w, message.from, message.to, tag_of<T>());
            write(w, body);
        },
        message.payload);
    return w.take();
}

std::variant<Datagram, DecodeError> decode(std::string_view bytes) {
    if (bytes.size() < 2 || bytes[0] != 'Q' || bytes[1] != 'W') {
        // A lone 'Q' is still more likely garbage than a cut-off datagram.
        return DecodeError::Garbage;
    }
    Reader r(bytes.substr(2));
    const auto version = r.u8();
    const auto tag = static_cast<MessageTag>(r.u8());
    Datagram datagram;
    datagram.from = r.u32();
    datagram.to = r.u32();
    if (!r.ok()) {
        return *r.error();
    }
    if (version != kWireVersion) {
        return DecodeError::WrongVersion;
    }
    if (!read_payload_by_tag(tag, r, datagram, static_cast<const Payload*>(nullptr))) {
        return DecodeError::Garbage;
    }
    r.finish();
    if (!r.ok()) {
        return *r.error();
    }
    return datagram;
}

std::string encode_record(const Command& command) {
    return record(command);
}
std::string encode_record(const raft::HardState& state) {
    return record(state);
}
std::string encode_record(const raft::Entry& entry) {
    return record(entry);
}
std::string encode_record(const paxos::DurableState& state) {
    return record(state);
}
std::string encode_record(const multipaxos::Ballot& ballot) {
    return record(ballot);
}
std::string encode_record(const multipaxos::PValue& pvalue) {
    return record(pvalue);
}
std::string encode_record(const multipaxos::Decree& decree) {
    return record(decree);
}

bool decode_record(std::string_view bytes, Command& command) {
    return from_record(bytes, command);
}
bool decode_record(std::string_view bytes, raft::HardState& state) {
    return from_record(bytes, state);
}
bool decode_record(std::string_view bytes, raft::Entry& entry) {
    return from_record(bytes, entry);
}
bool decode_record(std::string_view bytes, paxos::DurableState& state) {
    return from_record(bytes, state);
}
bool decode_record(std::string_view bytes, multipaxos::Ballot& ballot) {
    return from_record(bytes, ballot);
}
bool decode_record(std::string_view bytes, multipaxos::PValue& pvalue) {
    return from_record(bytes, pvalue);
}
bool decode_record(std::string_view bytes, multipaxos::Decree& decree) {
    return from_record(bytes, decree);
}

}  // namespace quorum::wire
