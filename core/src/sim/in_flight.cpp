#include "quorum/sim/in_flight.hpp"

#include <algorithm>
#include <cassert>
#include <utility>

namespace quorum::sim {

namespace {

// std::push_heap keeps the largest on top; "later" puts the earliest delivery
// there, ties broken by the lower id, as the scheduler orders deliveries.
// A function object, not a function: the heap algorithms inline it.
struct Later {
    bool operator()(const InFlightSet::Due& a, const InFlightSet::Due& b) const {
        return a.due_us != b.due_us ? a.due_us > b.due_us : a.message_id > b.message_id;
    }
};
constexpr Later later;

}  // namespace

InFlight& InFlightSet::add(std::uint64_t id, TimeUs due_us, NodeId from, NodeId to) {
    assert(order_.empty() || order_.back().id < id);
    std::uint32_t slot = 0;
    if (free_slots_.empty()) {
        slot = static_cast<std::uint32_t>(slots_.size());
        slots_.emplace_back();
    } else {
        slot = free_slots_.back();
        free_slots_.pop_back();
    }
    InFlight& placed = slots_[slot];
    placed = InFlight{id, from, to, 0, due_us, false, false, slot};
    order_.push_back({id, slot});
    heap_.push_back({due_us, id});
    std::push_heap(heap_.begin(), heap_.end(), later);
    return placed;
}

std::vector<InFlightSet::Placed>::const_iterator InFlightSet::find_placed(
    std::uint64_t message_id) const {
    const auto found =
        std::lower_bound(order_.begin(), order_.end(), message_id,
                         [](const Placed& placed, std::uint64_t id) { return placed.id < id; });
    return found != order_.end() && found->id == message_id ? found : order_.end();
}

const InFlight* InFlightSet::find(std::uint64_t message_id) const {
    const auto found = find_placed(message_id);
    return found == order_.end() ? nullptr : &slots_[found->slot];
}

std::optional<InFlightSet::Due> InFlightSet::earliest() const {
    if (heap_.empty()) {
        return std::nullopt;
    }
    return heap_.front();
}

void InFlightSet::remove_from_heap(std::uint64_t message_id) {
    if (heap_.front().message_id == message_id) {
        std::pop_heap(heap_.begin(), heap_.end(), later);
        heap_.pop_back();
        return;
    }
    std::erase_if(heap_, [&](const Due& due) { return due.message_id == message_id; });
    std::make_heap(heap_.begin(), heap_.end(), later);
}

std::optional<InFlight> InFlightSet::take(std::uint64_t message_id) {
    const auto found = find_placed(message_id);
    if (found == order_.end()) {
        return std::nullopt;
    }
    const std::uint32_t slot = found->slot;
    order_.erase(found);
    remove_from_heap(message_id);
    free_slots_.push_back(slot);
    return slots_[slot];
}

}  // namespace quorum::sim
