// The linearizability checker: P-compositionality, then Wing & Gong's search
// (1993) with Lowe's memoization (2017) on each object. The header says what
// the history means; this file says how the search runs.
//
// The search (Lowe, "Testing for linearizability", 2017, section 3):
//   - every operation is two events, its call and its return, in one doubly
//     linked list sorted by time (calls before returns at equal times, which
//     makes equal times concurrent); a never-answered operation has only its
//     call (its return is at infinity);
//   - walking the list from the head, every call met before the first return
//     is an operation that may be linearized next;
//   - linearizing one applies it to the model and "lifts" its two events out
//     of the list (dancing links), pushing what undoes it on a stack; meeting a
//     return means that operation had to come before everything after it:
//     backtrack (pop, unlift, try the next candidate);
//   - a configuration is (linearized set, model state); each is explored at
//     most once, which turns the exponential search into one bounded by the
//     number of reachable configurations (and one explored configuration
//     that can do at least as much stands for another: WingGongSearch);
//   - the object is linearizable as soon as every answered operation is
//     linearized: the never-answered ones left over take effect "never".
#include "quorum/check/linearizability.hpp"

#include <algorithm>
#include <charconv>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "quorum/history_json.hpp"
#include "quorum/json_escape.hpp"
#include "quorum/random.hpp"

namespace quorum {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// ---------------------------------------------------------------------------
// Objects: the independent parts of a history.

// One object's operations, as indices into the history, in history order.
// Within an object, operations are numbered 0..n-1 by their place here.
struct Object {
    bool is_counter = false;
    std::string key;
    std::vector<std::size_t> members;
};

std::string object_name(const Object& object) {
    return object.is_counter ? "the counter" : "key " + json_string(object.key);
}

// The operations that took effect or may have: answered ok, or never answered
// (except gets, which tell no one anything if never answered). Proposals are
// one decree's, judged by its protocol's checker, not here.
bool takes_part(const ClientOperation& operation) {
    if (operation.kind == OperationKind::Propose) {
        return false;
    }
    if (!operation.return_us) {
        return operation.kind != OperationKind::Get;
    }
    return operation.ok;
}

// A never-answered put or append whose value appears in no get's result may
// be assumed never to have happened. Had it taken effect, every read until the
// next put would contain its value; none does, so no read falls in that
// stretch, and leaving the write out changes nothing anyone saw. Dropping such
// writes up front matters: a never-answered operation stays a candidate from
// its call to the end of the history, so each one kept can double the search.
void drop_unobservable_pending_writes(const History& history, Object& object) {
    std::vector<std::string_view> reads;
    for (const std::size_t index : object.members) {
        const ClientOperation& operation = history[index];
        if (operation.kind == OperationKind::Get && operation.result) {
            reads.push_back(*operation.result);
        }
    }
    std::erase_if(object.members, [&](std::size_t index) {
        const ClientOperation& operation = history[index];
        if (operation.return_us || operation.value.empty()) {
            return false;
        }
        return std::none_of(reads.begin(), reads.end(), [&](std::string_view read) {
            return read.find(operation.value) != std::string_view::npos;
        });
    });
}

// Keys in std::map order, then the counter: the order objects are checked in,
// so the first object reported is always the same one.
std::vector<Object> split_into_objects(const History& history) {
    std::map<std::string, Object> by_key;
    Object counter{.is_counter = true, .key = {}, .members = {}};
    for (std::size_t index = 0; index < history.size(); ++index) {
        const ClientOperation& operation = history[index];
        if (!takes_part(operation)) {
            continue;
        }
        if (operation.kind == OperationKind::Add) {
            counter.members.push_back(index);
            continue;
        }
        Object& object = by_key[operation.key];
        object.key = operation.key;
        object.members.push_back(index);
    }
    std::vector<Object> objects;
    for (auto& [key, object] : by_key) {
        drop_unobservable_pending_writes(history, object);
        objects.push_back(std::move(object));
    }
    if (!counter.members.empty()) {
        objects.push_back(std::move(counter));
    }
    return objects;
}

// ---------------------------------------------------------------------------
// Reading the history: times and the counter's decimal numbers.

std::optional<std::int64_t> parse_integer(std::string_view text) {
    std::int64_t number = 0;
    const char* const end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, number);
    if (error != std::errc{} || stop != end || text.empty()) {
        return std::nullopt;
    }
    return number;
}

// Why the operation cannot be checked, or nullopt if it can.
std::optional<std::string> malformation(const ClientOperation& operation) {
    if (operation.return_us && *operation.return_us < operation.call_us) {
        return "it returns before its call";
    }
    if (operation.kind != OperationKind::Add) {
        return std::nullopt;
    }
    if (!parse_integer(operation.value)) {
        return "its amount " + json_string(operation.value) + " is not a decimal integer";
    }
    if (operation.return_us && operation.result && !parse_integer(*operation.result)) {
        return "its total " + json_string(*operation.result) + " is not a decimal integer";
    }
    return std::nullopt;
}

std::string describe_times(const ClientOperation& operation) {
    std::string text = "call " + std::to_string(operation.call_us) + "us, ";
    if (operation.return_us) {
        return text + "return " + std::to_string(*operation.return_us) + "us";
    }
    return text + "never answered";
}

// What the client asked: get "x", put "x" "1", add 5.
std::string describe_request(const ClientOperation& operation) {
    const std::string name(operation_name(operation.kind));
    switch (operation.kind) {
        case OperationKind::Get:
            return name + " " + json_string(operation.key);
        case OperationKind::Put:
        case OperationKind::Append:
            return name + " " + json_string(operation.key) + " " + json_string(operation.value);
        case OperationKind::Add:
        case OperationKind::Propose:
            return name + " " + operation.value;
    }
    return name;
}

// What it was told, if anything: -> "1", -> (unset), -> 12.
std::string describe_answer(const ClientOperation& operation) {
    if (!operation.return_us) {
        return "";
    }
    if (operation.kind == OperationKind::Get) {
        return " -> " + (operation.result ? json_string(*operation.result) : "(unset)");
    }
    if (operation.kind == OperationKind::Add && operation.result) {
        return " -> " + *operation.result;
    }
    return "";
}

// "client 3: get "x" -> "1" (call 40us, return 50us)".
std::string describe_operation(const ClientOperation& operation) {
    return "client " + std::to_string(operation.client) + ": " + describe_request(operation) +
           describe_answer(operation) + " (" + describe_times(operation) + ")";
}

// ---------------------------------------------------------------------------
// The sequential models. step() returns the state after the operation, or
// nullopt when the operation cannot happen in that state (a get that would
// have read something else, an add that would have reported another total).

class KeyValueModel {
  public:
    using State = std::optional<std::string>;  // nullopt: the key was never set

    KeyValueModel(const History& history, const Object& object)
        : history_(history), members_(object.members) {}

    static State initial() { return std::nullopt; }

    std::optional<State> step(const State& state, std::size_t operation) const {
        const ClientOperation& client_operation = history_[members_[operation]];
        switch (client_operation.kind) {
            case OperationKind::Put:
                return State{client_operation.value};
            case OperationKind::Append:
                return State{state.value_or("") + client_operation.value};
            case OperationKind::Get:
                if (client_operation.result == state) {
                    return state;
                }
                return std::nullopt;
            case OperationKind::Add:
            case OperationKind::Propose:
                break;  // never in a key-value object (split_into_objects)
        }
        return std::nullopt;
    }

    static std::string describe(const State& state) {
        return state ? "the value " + json_string(*state) : "the key never set";
    }

  private:
    const History& history_;
    const std::vector<std::size_t>& members_;
};

class CounterModel {
  public:
    using State = std::int64_t;  // the total

    // The history's decimal strings are parsed once, here, not at every step.
    // The object's operations were checked by malformation() already.
    CounterModel(const History& history, const Object& object) {
        for (const std::size_t index : object.members) {
            const ClientOperation& operation = history[index];
            amounts_.push_back(parse_integer(operation.value).value_or(0));
            // Never answered, or answered without a total: any total goes.
            const bool told = operation.return_us && operation.result;
            totals_.push_back(told ? parse_integer(*operation.result) : std::nullopt);
        }
    }

    static State initial() { return 0; }

    std::optional<State> step(const State& state, std::size_t operation) const {
        const std::int64_t amount = amounts_[operation];
        const bool overflows = amount > 0
                                   ? state > std::numeric_limits<std::int64_t>::max() - amount
                                   : state < std::numeric_limits<std::int64_t>::min() - amount;
        if (overflows) {
            return std::nullopt;
        }
        const std::int64_t total = state + amount;
        if (totals_[operation] && *totals_[operation] != total) {
            return std::nullopt;
        }
        return total;
    }

    static std::string describe(const State& state) { return "the total " + std::to_string(state); }

  private:
    std::vector<std::int64_t> amounts_;
    std::vector<std::optional<std::int64_t>> totals_;
};

// ---------------------------------------------------------------------------
// The search's data structures.

// A set of operations, as a bitset: half of a memo entry.
class OperationSet {
  public:
    explicit OperationSet(std::size_t capacity = 0) : words_((capacity + 63) / 64, 0) {}

    void insert(std::size_t member) { words_[member / 64] |= bit(member); }
    void erase(std::size_t member) { words_[member / 64] &= ~bit(member); }
    bool is_subset_of(const OperationSet& other) const {
        for (std::size_t i = 0; i < words_.size(); ++i) {
            if ((words_[i] & ~other.words_[i]) != 0) {
                return false;
            }
        }
        return true;
    }
    const std::vector<std::uint64_t>& words() const { return words_; }

  private:
    static std::uint64_t bit(std::size_t member) { return std::uint64_t{1} << (member % 64); }

    std::vector<std::uint64_t> words_;
};

// A memo key: the answered operations linearized (OperationSet words), then
// the model state's id.
using MemoKey = std::vector<std::uint64_t>;

struct MemoKeyHash {
    std::size_t operator()(const MemoKey& key) const {
        std::uint64_t hash = key.size();
        for (const std::uint64_t word : key) {
            std::uint64_t mixer = hash ^ word;
            hash = splitmix64_next(mixer);
        }
        return static_cast<std::size_t>(hash);
    }
};

// Model states get small ids, so a memo key is a few words and a long
// appended value is stored once, not once per configuration.
template <typename State>
class StateTable {
  public:
    std::uint32_t id_of(const State& state) {
        if (const auto found = ids_.find(state); found != ids_.end()) {
            return found->second;
        }
        const auto id = static_cast<std::uint32_t>(states_.size());
        ids_.emplace(state, id);
        states_.push_back(state);
        return id;
    }
    const State& state(std::uint32_t id) const { return states_[id]; }

  private:
    std::map<State, std::uint32_t> ids_;
    std::vector<State> states_;
};

struct Event {
    TimeUs time_us = 0;
    bool is_call = true;
    std::size_t operation = 0;
};

// Calls first at equal times (equal times are concurrent), then by operation
// number so the order never depends on the sort's stability.
bool comes_before(const Event& left, const Event& right) {
    if (left.time_us != right.time_us) {
        return left.time_us < right.time_us;
    }
    if (left.is_call != right.is_call) {
        return left.is_call;
    }
    return left.operation < right.operation;
}

enum class SearchEnd { Linearized, NoOrder, OutOfBudget };

// Where the search got furthest: the first configuration it reached with the
// most answered operations linearized. (Never-answered ones do not count as
// progress: the search may always leave them out.)
struct DeepestPoint {
    std::size_t answered_linearized = 0;
    std::size_t last_operation = kNone;  // the operation linearized last; kNone at the start
    std::string state;                   // the model state there, described
    // The answered operations that could come next there. None of them is
    // accepted by the model in that state: one accepted would have gone deeper.
    std::vector<std::size_t> candidates;
};

struct SearchOutcome {
    SearchEnd end = SearchEnd::Linearized;
    std::uint64_t states_explored = 0;
    DeepestPoint deepest;
    // Linearized: the object's operations in the legal order found (the
    // never-answered ones left out are not in it).
    std::vector<std::size_t> order;
};

// ---------------------------------------------------------------------------
// Wing & Gong's search with Lowe's memo, over one object.
//
// One refinement for never-answered ("pending") operations, which would
// otherwise double the configurations each (every one of them stays a
// candidate from its call to the end): the memo keeps, per (answered
// operations linearized, state), the sets of pending operations linearized
// with them, and a configuration is skipped when one explored before has the
// same answered set and state and a subset of its pending operations. That one
// could do everything this one can (the pending operations it has not used
// are still available to it, or may be left out), so it found an order if
// there was one. With no pending operations this is Lowe's memo exactly.
// (Trying pending operations only after the answered ones was measured too:
// it makes legal histories much slower, as the reads that need a pending
// write are then reached with every other order first.)

template <typename Model>
class WingGongSearch {
  public:
    using State = typename Model::State;

    WingGongSearch(const Model& model, const History& history, const Object& object,
                   std::uint64_t max_states)
        : model_(model), max_states_(max_states) {
        classify_operations(history, object);
        build_event_list(history, object);
    }

    SearchOutcome run() {
        SearchOutcome outcome;
        std::uint32_t state_id = states_.id_of(Model::initial());
        outcome.deepest.state = Model::describe(Model::initial());
        outcome.deepest.candidates = answered_candidates();

        std::size_t entry = next_[head_];
        while (answered_remaining_ > 0) {
            const Event& event = events_[entry];
            if (!event.is_call) {
                // This operation's return comes before every call still listed:
                // it had to be linearized by now, so the last choice was wrong.
                if (undo_stack_.empty()) {
                    outcome.end = SearchEnd::NoOrder;
                    return outcome;
                }
                const Choice choice = undo_stack_.back();
                undo_stack_.pop_back();
                unlinearize(choice.call_entry);
                state_id = choice.state_before;
                entry = next_[choice.call_entry];
                continue;
            }
            const std::uint32_t next_state_id = transition(state_id, event.operation);
            if (next_state_id != kRefused && remember(event.operation, next_state_id, outcome)) {
                if (outcome.end == SearchEnd::OutOfBudget) {
                    return outcome;
                }
                undo_stack_.push_back({entry, state_id});
                linearize(entry);
                state_id = next_state_id;
                note_depth(outcome, event.operation, state_id);
                entry = next_[head_];
                continue;
            }
            entry = next_[entry];
        }
        outcome.end = SearchEnd::Linearized;
        // The choices still on the stack are the order: the witness.
        for (const Choice& choice : undo_stack_) {
            outcome.order.push_back(events_[choice.call_entry].operation);
        }
        return outcome;
    }

  private:
    static constexpr std::uint32_t kRefused = std::numeric_limits<std::uint32_t>::max();

    struct Choice {
        std::size_t call_entry;
        std::uint32_t state_before;
    };

    // Answered and pending operations are numbered separately (rank_), so
    // each kind has a dense bitset.
    void classify_operations(const History& history, const Object& object) {
        std::size_t pending_count = 0;
        for (const std::size_t index : object.members) {
            const bool answered = history[index].return_us.has_value();
            answered_.push_back(answered);
            rank_.push_back(answered ? answered_total_++ : pending_count++);
        }
        answered_remaining_ = answered_total_;
        answered_linearized_ = OperationSet(answered_total_);
        pending_linearized_ = OperationSet(pending_count);
    }

    // Every event in one sorted array, linked in that order; the entry past
    // the events is the list's head sentinel.
    void build_event_list(const History& history, const Object& object) {
        for (std::size_t operation = 0; operation < object.members.size(); ++operation) {
            const ClientOperation& client_operation = history[object.members[operation]];
            events_.push_back({client_operation.call_us, true, operation});
            if (client_operation.return_us) {
                events_.push_back({*client_operation.return_us, false, operation});
            }
        }
        std::sort(events_.begin(), events_.end(), comes_before);

        head_ = events_.size();
        next_.assign(events_.size() + 1, head_);
        previous_.assign(events_.size() + 1, head_);
        return_entry_.assign(object.members.size(), kNone);
        std::size_t last = head_;
        for (std::size_t entry = 0; entry < events_.size(); ++entry) {
            next_[last] = entry;
            previous_[entry] = last;
            last = entry;
            if (!events_[entry].is_call) {
                return_entry_[events_[entry].operation] = entry;
            }
        }
        next_[last] = head_;
        previous_[head_] = last;
    }

    // The answered operations that may come next: calls before the first
    // return. (While answered operations remain, one of their returns ends
    // the walk.)
    std::vector<std::size_t> answered_candidates() const {
        std::vector<std::size_t> candidates;
        for (std::size_t entry = next_[head_]; entry != head_ && events_[entry].is_call;
             entry = next_[entry]) {
            if (answered_[events_[entry].operation]) {
                candidates.push_back(events_[entry].operation);
            }
        }
        return candidates;
    }

    // The model's answer for (state, operation), as a state id or kRefused.
    // (Caching these answers was measured: it cost more memory than it saved
    // time, since most configurations have states of their own.)
    std::uint32_t transition(std::uint32_t state_id, std::size_t operation) {
        const std::optional<State> next_state = model_.step(states_.state(state_id), operation);
        return next_state ? states_.id_of(*next_state) : kRefused;
    }

    // Lowe's memo, with the pending refinement above: true if the
    // configuration reached by linearizing `operation` into `next_state_id` is
    // worth exploring (and now remembered). Sets outcome.end to OutOfBudget,
    // and returns true, when the budget is spent.
    bool remember(std::size_t operation, std::uint32_t next_state_id, SearchOutcome& outcome) {
        OperationSet& kind = answered_[operation] ? answered_linearized_ : pending_linearized_;
        kind.insert(rank_[operation]);
        const bool explore = remember_current(next_state_id, outcome);
        kind.erase(rank_[operation]);
        return explore;
    }

    // remember() for the current sets as they stand.
    bool remember_current(std::uint32_t state_id, SearchOutcome& outcome) {
        key_buffer_.assign(answered_linearized_.words().begin(),
                           answered_linearized_.words().end());
        key_buffer_.push_back(state_id);
        const auto found = memo_.find(key_buffer_);
        if (found != memo_.end()) {
            for (const OperationSet& seen : found->second) {
                if (seen.is_subset_of(pending_linearized_)) {
                    return false;
                }
            }
        }
        if (outcome.states_explored >= max_states_) {
            outcome.end = SearchEnd::OutOfBudget;
            return true;
        }
        ++outcome.states_explored;
        if (found == memo_.end()) {
            memo_.emplace(key_buffer_, std::vector<OperationSet>{pending_linearized_});
            return true;
        }
        // Sets this one stands for are no longer worth keeping.
        std::erase_if(found->second, [&](const OperationSet& seen) {
            return pending_linearized_.is_subset_of(seen);
        });
        found->second.push_back(pending_linearized_);
        return true;
    }

    void note_depth(SearchOutcome& outcome, std::size_t operation, std::uint32_t state_id) const {
        const std::size_t depth = answered_total_ - answered_remaining_;
        if (!answered_[operation] || depth <= outcome.deepest.answered_linearized) {
            return;
        }
        outcome.deepest.answered_linearized = depth;
        outcome.deepest.last_operation = operation;
        outcome.deepest.state = Model::describe(states_.state(state_id));
        outcome.deepest.candidates = answered_candidates();
    }

    // Dancing links: an entry taken out keeps its own links, so putting entries
    // back in the reverse order restores the list exactly.
    void unlink(std::size_t entry) {
        next_[previous_[entry]] = next_[entry];
        previous_[next_[entry]] = previous_[entry];
    }
    void relink(std::size_t entry) {
        next_[previous_[entry]] = entry;
        previous_[next_[entry]] = entry;
    }

    void linearize(std::size_t call_entry) {
        const std::size_t operation = events_[call_entry].operation;
        unlink(call_entry);
        if (!answered_[operation]) {
            pending_linearized_.insert(rank_[operation]);
            return;
        }
        answered_linearized_.insert(rank_[operation]);
        unlink(return_entry_[operation]);
        --answered_remaining_;
    }

    void unlinearize(std::size_t call_entry) {
        const std::size_t operation = events_[call_entry].operation;
        if (!answered_[operation]) {
            pending_linearized_.erase(rank_[operation]);
        } else {
            answered_linearized_.erase(rank_[operation]);
            relink(return_entry_[operation]);
            ++answered_remaining_;
        }
        relink(call_entry);
    }

    const Model& model_;
    std::uint64_t max_states_;

    // Per operation of the object.
    std::vector<bool> answered_;
    std::vector<std::size_t> rank_;          // among the answered, or among the pending
    std::vector<std::size_t> return_entry_;  // kNone if never answered
    std::size_t answered_total_ = 0;
    std::size_t answered_remaining_ = 0;  // answered operations not yet linearized

    std::vector<Event> events_;
    std::vector<std::size_t> next_;
    std::vector<std::size_t> previous_;
    std::size_t head_ = 0;

    OperationSet answered_linearized_;  // by rank
    OperationSet pending_linearized_;   // by rank
    std::vector<Choice> undo_stack_;
    StateTable<State> states_;
    // Looked up, never iterated: its order cannot leak into the result.
    std::unordered_map<MemoKey, std::vector<OperationSet>, MemoKeyHash> memo_;
    MemoKey key_buffer_;  // reused, so a lookup allocates nothing
};

// ---------------------------------------------------------------------------
// Verdicts and explanations.

std::size_t answered_count(const History& history, const Object& object) {
    return static_cast<std::size_t>(
        std::count_if(object.members.begin(), object.members.end(),
                      [&](std::size_t index) { return history[index].return_us.has_value(); }));
}

std::string describe_progress(const DeepestPoint& deepest, const History& history,
                              const Object& object) {
    if (deepest.answered_linearized == 0) {
        return "no answered operation can come first (" + deepest.state + ")";
    }
    return "the longest legal order found takes " + std::to_string(deepest.answered_linearized) +
           " of its " + std::to_string(answered_count(history, object)) +
           " answered operations, ending with " +
           describe_operation(history[object.members[deepest.last_operation]]) + ", and leaves " +
           deepest.state;
}

void explain_no_order(LinearizabilityResult& result, const DeepestPoint& deepest,
                      const History& history, const Object& object) {
    for (const std::size_t operation : deepest.candidates) {
        result.unordered_operations.push_back(object.members[operation]);
    }
    std::string text = object_name(object) +
                       " is not linearizable: " + describe_progress(deepest, history, object) +
                       ". ";
    text += deepest.answered_linearized == 0 ? "Refused first: " : "None of these can come next: ";
    for (std::size_t i = 0; i < result.unordered_operations.size(); ++i) {
        text += (i == 0 ? "" : "; ") + describe_operation(history[result.unordered_operations[i]]);
    }
    result.explanation = text + ".";
}

std::string explain_out_of_budget(const DeepestPoint& deepest, const History& history,
                                  const Object& object, std::uint64_t max_states) {
    std::string text = "inconclusive: the search on " + object_name(object) + " gave up after " +
                       std::to_string(max_states) +
                       " configurations (LinearizabilityOptions::max_states_per_object) without "
                       "deciding; ";
    if (deepest.answered_linearized == 0) {
        return text + "it could not order a single answered operation.";
    }
    return text + describe_progress(deepest, history, object) + ".";
}

void set_verdict(LinearizabilityResult& result, Verdict verdict, const Object& object) {
    result.verdict = verdict;
    result.linearizable = verdict == Verdict::Linearizable;
    result.on_counter = object.is_counter;
    result.key = object.key;
}

// Searches one object with its model.
template <typename Model>
SearchOutcome search_object(const History& history, const Object& object,
                            const LinearizabilityOptions& options) {
    const Model model(history, object);
    WingGongSearch<Model> search(model, history, object, options.max_states_per_object);
    return search.run();
}

// Each operation of `order` at the earliest instant it can take effect after
// the ones before it. The search only linearizes an operation called before
// every remaining return, so each call is at most the return of everything
// after it, and max(call, previous point) stays inside its own interval.
void append_points(const History& history, const Object& object,
                   const std::vector<std::size_t>& order, std::vector<LinearizationPoint>& points) {
    TimeUs previous_us = std::numeric_limits<TimeUs>::min();
    for (const std::size_t operation : order) {
        const std::size_t index = object.members[operation];
        previous_us = std::max(previous_us, history[index].call_us);
        points.push_back({index, previous_us});
    }
}

// The first malformed operation that takes part in the check, if any.
std::optional<LinearizabilityResult> reject_malformed(const History& history) {
    for (std::size_t index = 0; index < history.size(); ++index) {
        const ClientOperation& operation = history[index];
        if (!takes_part(operation)) {
            continue;
        }
        if (const auto why = malformation(operation)) {
            LinearizabilityResult result;
            result.verdict = Verdict::Inconclusive;
            result.linearizable = false;
            result.on_counter = operation.kind == OperationKind::Add;
            result.key = result.on_counter ? "" : operation.key;
            result.unordered_operations = {index};
            result.explanation = "inconclusive: the history cannot be checked: operation " +
                                 std::to_string(index) + " (" + describe_operation(operation) +
                                 ") is malformed: " + *why + ".";
            return result;
        }
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Verdict verdict) {
    switch (verdict) {
        case Verdict::Linearizable:
            return "linearizable";
        case Verdict::NotLinearizable:
            return "not linearizable";
        case Verdict::Inconclusive:
            return "inconclusive";
    }
    return "unknown";
}

LinearizabilityResult check_linearizability(const History& history) {
    return check_linearizability(history, LinearizabilityOptions{});
}

LinearizabilityResult check_linearizability(const History& history,
                                            const LinearizabilityOptions& options) {
    if (auto rejected = reject_malformed(history)) {
        return *rejected;
    }
    LinearizabilityResult result;
    std::optional<LinearizabilityResult> first_inconclusive;
    for (const Object& object : split_into_objects(history)) {
        const SearchOutcome outcome = object.is_counter
                                          ? search_object<CounterModel>(history, object, options)
                                          : search_object<KeyValueModel>(history, object, options);
        result.states_explored += outcome.states_explored;
        if (outcome.end == SearchEnd::Linearized) {
            append_points(history, object, outcome.order, result.linearization);
        }
        if (outcome.end == SearchEnd::NoOrder) {
            result.linearization.clear();
            // Definite, whatever other objects would say: stop here.
            set_verdict(result, Verdict::NotLinearizable, object);
            explain_no_order(result, outcome.deepest, history, object);
            return result;
        }
        if (outcome.end == SearchEnd::OutOfBudget && !first_inconclusive) {
            // Go on: another object may still be definitely not linearizable.
            first_inconclusive = LinearizabilityResult{};
            set_verdict(*first_inconclusive, Verdict::Inconclusive, object);
            first_inconclusive->explanation = explain_out_of_budget(
                outcome.deepest, history, object, options.max_states_per_object);
        }
    }
    if (first_inconclusive) {
        first_inconclusive->states_explored = result.states_explored;
        return *first_inconclusive;
    }
    return result;
}

// ---------------------------------------------------------------------------
// The unorderable core: shrinking the object a NotLinearizable verdict names.

namespace {

// Whether dropping kept[position] could still leave a core worth showing: a
// write whose value a kept read returned stays (the read alone would be
// unorderable for a reason that is not there), and on the counter only the
// adds called after every unordered operation returned go (dropping an
// earlier add would change every total after it).
bool may_drop(const History& history, const std::vector<std::size_t>& kept, std::size_t position,
              TimeUs counter_cutoff_us) {
    const ClientOperation& operation = history[kept[position]];
    if (operation.kind == OperationKind::Add) {
        return operation.call_us > counter_cutoff_us;
    }
    if (operation.kind == OperationKind::Get || operation.value.empty()) {
        return true;
    }
    return std::none_of(kept.begin(), kept.end(), [&](std::size_t index) {
        const ClientOperation& read = history[index];
        return read.kind == OperationKind::Get && read.result &&
               read.result->find(operation.value) != std::string::npos;
    });
}

TimeUs latest_return_us(const History& history, const std::vector<std::size_t>& operations) {
    TimeUs latest_us = std::numeric_limits<TimeUs>::min();
    for (const std::size_t index : operations) {
        latest_us = std::max(latest_us, history[index].return_us.value_or(history[index].call_us));
    }
    return latest_us;
}

SearchOutcome search_any(const History& history, const Object& object,
                         const LinearizabilityOptions& options) {
    return object.is_counter ? search_object<CounterModel>(history, object, options)
                             : search_object<KeyValueModel>(history, object, options);
}

// "These 3 operations on key "x" have no legal order: ..., and then
// client 3: get "x" -> "1" (...) cannot come next."
std::string explain_core(const History& history, const Object& core, const DeepestPoint& deepest) {
    std::string listed;
    for (std::size_t i = 0; i < deepest.candidates.size(); ++i) {
        listed +=
            (i == 0 ? "" : "; ") + describe_operation(history[core.members[deepest.candidates[i]]]);
    }
    std::string text = "These " + std::to_string(core.members.size()) + " operations on " +
                       object_name(core) + " have no legal order: ";
    if (deepest.answered_linearized == 0) {
        return text + "starting from " + deepest.state + ", " + listed + " cannot come first.";
    }
    return text + describe_progress(deepest, history, core) + ", and then " + listed +
           " cannot come next.";
}

}  // namespace

UnorderableCore find_unorderable_core(const History& history, const LinearizabilityResult& verdict,
                                      const LinearizabilityOptions& options) {
    UnorderableCore core;
    if (verdict.verdict != Verdict::NotLinearizable) {
        return core;
    }
    Object object;
    for (Object& candidate : split_into_objects(history)) {
        if (candidate.is_counter == verdict.on_counter &&
            (candidate.is_counter || candidate.key == verdict.key)) {
            object = std::move(candidate);
        }
    }
    const TimeUs cutoff_us = latest_return_us(history, verdict.unordered_operations);
    const std::uint64_t budget = options.max_states_per_object * 10;
    std::uint64_t spent = 0;
    // Later operations first: what follows a violation rarely explains it.
    for (std::size_t position = object.members.size(); position-- > 0;) {
        if (!may_drop(history, object.members, position, cutoff_us)) {
            continue;
        }
        if (spent >= budget) {
            core.minimal = false;
            break;
        }
        Object smaller = object;
        smaller.members.erase(smaller.members.begin() + static_cast<std::ptrdiff_t>(position));
        const SearchOutcome outcome = search_any(history, smaller, options);
        spent += outcome.states_explored;
        if (outcome.end == SearchEnd::NoOrder) {
            object = std::move(smaller);
        }
    }
    const SearchOutcome last = search_any(history, object, options);
    core.operations = object.members;
    core.why = explain_core(history, object, last.deepest);
    return core;
}

}  // namespace quorum
