// The messages in flight: what the scheduler delivers next, what manual mode
// lists and picks from, and what a rewind copies.
//
// The set holds what the scheduler needs of each message (id, addresses,
// times, fate) and a slot number; the payload itself is the protocol's, kept
// by the cluster's NodeHost in the same slot (sim/nodes.hpp), so this set
// serves every protocol.
//
// Three views of one set, each cheap for its use:
//   - slots: where messages live. A message never moves while in flight;
//     freed slots are reused.
//   - send order: (id, slot) pairs sorted by id (ids only grow), so lookup
//     by id is a binary search and iteration is in send order.
//   - a min-heap on (due time, id): the next delivery in O(log n), the tie
//     rule of the scheduler (earlier id first) built in.
// Removing the heap's top (automatic mode) is O(log n) plus a short move of
// plain pairs; removing any other message (manual mode) scans the heap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <vector>

#include "quorum/types.hpp"

namespace quorum::sim {

struct InFlight {
    std::uint64_t id = 0;
    NodeId from = kNoNode;
    NodeId to = kNoNode;
    TimeUs sent_us = 0;
    TimeUs due_us = 0;
    bool duplicate = false;     // a copy made by the network
    bool will_be_lost = false;  // the network model already decided to lose it
    std::uint32_t slot = 0;     // where the host keeps its payload
};

class InFlightSet {
  public:
    struct Due {
        TimeUs due_us = 0;
        std::uint64_t message_id = 0;
    };

    // Places a message with id `id` (greater than every id added before), due
    // at `due_us`, and returns it for the caller to fill in the rest.
    InFlight& add(std::uint64_t id, TimeUs due_us, NodeId from, NodeId to);
    // Removes the message; its slot is free for the next add().
    std::optional<InFlight> take(std::uint64_t message_id);
    const InFlight* find(std::uint64_t message_id) const;
    // Whether a message with id `first_id` or later has been added in `slot`
    // (ids only grow, so a freed slot whose last message is older holds none).
    bool holds_since(std::uint32_t slot, std::uint64_t first_id) const {
        return slots_[slot].id >= first_id;
    }
    // The next delivery: earliest due time, then lowest id.
    std::optional<Due> earliest() const;

    // In send order (by id).
    std::size_t size() const { return order_.size(); }
    bool empty() const { return order_.empty(); }
    const InFlight& operator[](std::size_t position) const { return slots_[order_[position].slot]; }

    class const_iterator {
      public:
        using value_type = InFlight;
        using difference_type = std::ptrdiff_t;
        using reference = const InFlight&;
        using pointer = const InFlight*;
        using iterator_category = std::forward_iterator_tag;

        const_iterator() = default;
        const_iterator(const InFlightSet* set, std::size_t position)
            : set_(set), position_(position) {}
        reference operator*() const { return (*set_)[position_]; }
        pointer operator->() const { return &(*set_)[position_]; }
        const_iterator& operator++() {
            ++position_;
            return *this;
        }
        const_iterator operator++(int) {
            const_iterator before = *this;
            ++position_;
            return before;
        }
        friend bool operator==(const const_iterator& a, const const_iterator& b) {
            return a.position_ == b.position_;
        }

      private:
        const InFlightSet* set_ = nullptr;
        std::size_t position_ = 0;
    };
    const_iterator begin() const { return {this, 0}; }
    const_iterator end() const { return {this, order_.size()}; }

  private:
    struct Placed {
        std::uint64_t id = 0;
        std::uint32_t slot = 0;
    };
    std::vector<Placed>::const_iterator find_placed(std::uint64_t message_id) const;
    void remove_from_heap(std::uint64_t message_id);

    std::vector<InFlight> slots_;
    std::vector<std::uint32_t> free_slots_;
    std::vector<Placed> order_;  // sorted by id
    std::vector<Due> heap_;      // std::push_heap order under `later`
};

}  // namespace quorum::sim
