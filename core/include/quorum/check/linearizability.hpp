// Linearizability of client histories (Herlihy & Wing 1990).
//
// A history is linearizable when every operation can be given one instant
// between its call and its return such that, taken in the order of those
// instants, the operations are a legal sequential run of the state machine of
// quorum/history.hpp (key-value put/get/append, and the counter's add).
//
// How: P-compositionality (Horn & Kroening 2015) first. Linearizability is
// local (Herlihy & Wing), so the history is split into independent objects,
// one per key plus one for the counter (every add), and each is checked
// alone: the search is exponential in the object's concurrency, not in the
// whole history's. Each object is then searched with Wing & Gong's algorithm
// (1993): repeatedly pick an operation that may come next (called before the
// earliest return still outstanding), apply it to the model, and backtrack
// when the model refuses. Lowe's memoization (2017) makes it practical: a
// configuration (the set of operations linearized so far, as a bitset, and the
// model state) that was explored once is never explored again. Porcupine and
// Knossos check histories the same way.
//
// What the history means to the checker:
//   - an operation answered with ok == false did not take effect: ignored;
//   - an operation never answered (return_us == nullopt) may have taken effect
//     at any time after its call, or never: its return is at infinity and it
//     need not be linearized at all (taking effect "never" looks, to every
//     answered operation, the same as taking effect after all of them);
//   - a get never answered told no one anything: dropped;
//   - an operation that returns at the very instant another is called is
//     concurrent with it (timestamps tie when they are equal, so equal times
//     never raise a false alarm);
//   - an add answered ok but without a total constrains nothing but its sum;
//   - a history that cannot be read (a return before its call, an add whose
//     amount or total is not a decimal integer) is Inconclusive, naming the
//     operation.
//
// The search is exponential in the worst case, so it runs on a budget of
// explored configurations per object; past it the verdict is Inconclusive,
// never a guess. Everything is deterministic: the same history gives the same
// result, explanation and count, natively and in WebAssembly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/history.hpp"

namespace quorum {

enum class Verdict {
    Linearizable,     // every object has a legal order
    NotLinearizable,  // some object has none: `key`, `on_counter` and `explanation` say which
    Inconclusive,     // the search ran out of budget, or the history cannot be read
};

// "linearizable", "not linearizable", "inconclusive".
std::string_view to_string(Verdict verdict);

struct LinearizabilityOptions {
    // The most configurations (linearized set, model state) the search may
    // explore for one object before it gives up with Inconclusive. A legal
    // history of a few hundred operations from ten clients needs a few
    // thousand; proving one illegal, tens of thousands. The default gives up
    // within about a second (natively) and 100 MB on a pathological history
    // (e.g. two dozen concurrent appends).
    std::uint64_t max_states_per_object = 200'000;
};

// Where one operation takes effect in a legal order: an instant between its
// call and its return (for a never-answered one, at or after its call).
struct LinearizationPoint {
    std::size_t operation = 0;  // index into the history
    TimeUs effect_us = 0;
};

struct LinearizabilityResult {
    Verdict verdict = Verdict::Linearizable;
    bool linearizable = true;  // verdict == Verdict::Linearizable

    // Empty when linearizable. Otherwise a sentence or two for a human: the
    // object, how far the search got, the model state there, and the
    // operations that could not be ordered, each with its client, operation,
    // call and return times.
    std::string explanation;

    // The object the verdict is about when it is not Linearizable: the counter,
    // or the key-value key `key`.
    bool on_counter = false;
    std::string key;

    // NotLinearizable: the operations (indices into the history) that could
    // come next at the deepest point the search reached, none of which the
    // model accepts there. Inconclusive because of a malformed operation: that
    // operation. Otherwise empty.
    std::vector<std::size_t> unordered_operations;

    // Linearizable: one legal order, the witness, object after object (keys
    // in order, then the counter), each operation at the earliest instant it
    // can take effect in that order. Operations missing from it did not take
    // effect (answered not ok, or never answered and left out). Otherwise empty.
    std::vector<LinearizationPoint> linearization;

    // Configurations explored, over every object checked.
    std::uint64_t states_explored = 0;
};

// The part of a history that cannot be ordered, smaller than the whole.
struct UnorderableCore {
    // Indices into the history, in history order: operations of the object
    // the verdict names which, by themselves, have no legal order, while
    // without any one of them they have (1-minimal, as far as the budget let
    // the search go). A write whose value a kept read returned is always kept:
    // without it the read alone would be "unorderable" and say nothing.
    std::vector<std::size_t> operations;
    // One sentence for people: why these cannot be ordered.
    std::string why;
    bool minimal = true;  // false: the budget ran out before every removal was tried
};

// For a NotLinearizable `verdict` of `history`: shrinks the object it names
// to a smallest set of its operations that is still not linearizable, one
// removal at a time (each a check with `options`), within ten times
// options.max_states_per_object configurations in all. For any other
// verdict: empty.
UnorderableCore find_unorderable_core(const History& history, const LinearizabilityResult& verdict,
                                      const LinearizabilityOptions& options = {});

LinearizabilityResult check_linearizability(const History& history);
LinearizabilityResult check_linearizability(const History& history,
                                            const LinearizabilityOptions& options);

}  // namespace quorum
