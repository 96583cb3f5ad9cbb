// A 64-bit hash of a value's whole state, for the explorer's visited set
// (docs/design.md, "The explorer"): two states that hash the same are taken
// for one. Each protocol says what its node's state is (its descriptor's
// hash_node and hash_durable, in its own folder); this header hashes the
// shapes they are made of.
//
// StateHasher::add takes, recursively: integers, enums and bools; strings;
// optionals, variants (index and alternative), pairs, tuples, arrays, vectors,
// deques, sets and maps (in their order: ordered containers only, so equal
// values hash the same on every platform); shared commands (the command);
// any type with a member `void hash_state(StateHasher&) const`; and any type
// with wire fields (quorum/wire/codec.hpp), field by field. Every container
// adds its size first, so [a][b] and [a b] differ.
//
// The mixing is xxHash64's round (Collet), 64 bits: at a million states the
// chance of any collision is about 3e-8, and a collision can only hide a
// state, never invent a violation (every counterexample is replayed).
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "quorum/command.hpp"
#include "quorum/wire/codec.hpp"

namespace quorum {

namespace wire {
// The wire fields of T, looked up beside T (argument-dependent) or here.
template <typename T>
constexpr auto fields_of() {
    return wire_fields(std::type_identity<T>{});
}
}  // namespace wire

class StateHasher {
  public:
    std::uint64_t value() const {
        std::uint64_t h = state_ ^ (state_ >> 33);
        h *= 0xff51afd7ed558ccdULL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53ULL;
        return h ^ (h >> 33);
    }

    void word(std::uint64_t w) {
        state_ ^= w * kPrime2;
        state_ = (state_ << 31 | state_ >> 33) * kPrime1;
    }

    void bytes(std::string_view text) {
        word(text.size());
        std::uint64_t w = 0;
        int filled = 0;
        for (const char c : text) {
            w = w << 8 | static_cast<unsigned char>(c);
            if (++filled == 8) {
                word(w);
                w = 0;
                filled = 0;
            }
        }
        if (filled != 0) {
            word(w);
        }
    }

    template <typename... T>
    void add(const T&... values) {
        (add_one(values), ...);
    }

  private:
    static constexpr std::uint64_t kPrime1 = 0x9E3779B185EBCA87ULL;
    static constexpr std::uint64_t kPrime2 = 0xC2B2AE3D27D4EB4FULL;

    template <typename T>
    struct Kind {
        static constexpr bool range = false;
    };
    template <typename T>
    struct Kind<std::vector<T>> {
        static constexpr bool range = true;
    };
    template <typename T>
    struct Kind<std::deque<T>> {
        static constexpr bool range = true;
    };
    template <typename T, typename C>
    struct Kind<std::set<T, C>> {
        static constexpr bool range = true;
    };
    template <typename K, typename V, typename C>
    struct Kind<std::map<K, V, C>> {
        static constexpr bool range = true;
    };
    template <typename T, std::size_t N>
    struct Kind<std::array<T, N>> {
        static constexpr bool range = true;
    };
    template <typename T>
    struct IsOptional : std::false_type {};
    template <typename T>
    struct IsOptional<std::optional<T>> : std::true_type {};
    template <typename T>
    struct IsTupleLike : std::false_type {};
    template <typename A, typename B>
    struct IsTupleLike<std::pair<A, B>> : std::true_type {};
    template <typename... T>
    struct IsTupleLike<std::tuple<T...>> : std::true_type {};
    template <typename T>
    struct IsVariant : std::false_type {};
    template <typename... T>
    struct IsVariant<std::variant<T...>> : std::true_type {};

    template <typename T>
    void add_one(const T& value) {
        if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {
            word(static_cast<std::uint64_t>(value));
        } else if constexpr (std::is_same_v<T, std::string>) {
            bytes(value);
        } else if constexpr (std::is_same_v<T, SharedCommand>) {
            add_one(*value);  // never null: an empty one is the default Command
        } else if constexpr (requires(StateHasher & h) { value.hash_state(h); }) {
            value.hash_state(*this);
        } else if constexpr (IsOptional<T>::value) {
            word(value.has_value() ? 1 : 0);
            if (value) {
                add_one(*value);
            }
        } else if constexpr (IsVariant<T>::value) {
            word(value.index());
            std::visit([&](const auto& alternative) { add_one(alternative); }, value);
        } else if constexpr (IsTupleLike<T>::value) {
            std::apply([&](const auto&... part) { (add_one(part), ...); }, value);
        } else if constexpr (Kind<T>::range) {
            word(value.size());
            for (const auto& item : value) {
                add_one(item);
            }
        } else {
            static_assert(wire::HasWireFields<T>, "a type StateHasher cannot hash");
            std::apply([&](auto... member) { (add_one(value.*member), ...); },
                       wire::fields_of<T>());
        }
    }

    std::uint64_t state_ = 0x27D4EB2F165667C5ULL;
};

// A renaming of the nodes for the explorer's symmetry reduction (`explore
// --symmetry`): node i is called to[i]. Other ids (none, clients' addresses)
// keep theirs. A protocol whose node ids are interchangeable hashes its
// states under a renaming (Host::hash_node_renamed), so that two states that
// differ only by the nodes' names hash the same under some renaming.
struct NodeRenaming {
    std::array<NodeId, kMaxNodes + 1> to{};
    NodeId operator()(NodeId id) const { return id >= 1 && id <= kMaxNodes ? to[id] : id; }
    // The node renamed `id` (0 if none is).
    NodeId from(NodeId id) const {
        for (NodeId i = 1; i <= kMaxNodes; ++i) {
            if (to[i] == id) {
                return i;
            }
        }
        return 0;
    }
};

}  // namespace quorum
