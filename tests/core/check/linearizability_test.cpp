// The linearizability checker (Wing & Gong 1993 with Lowe's memoization,
// 2017, per key): it must reject the classic violations and name where they
// are, accept concurrent and partly unanswered histories that have a legal
// order, and stay fast on a few hundred operations from eight clients.
//
// Times in the histories below are microseconds; an interval is written
// [call, return] in the comments.
#include "quorum/check/linearizability.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quorum/random.hpp"

namespace quorum {
namespace {

using ::testing::HasSubstr;

constexpr std::optional<TimeUs> kNeverAnswered = std::nullopt;
const std::optional<std::string> kUnset = std::nullopt;

ClientOperation operation(ClientId client, OperationKind kind, std::string key, std::string value,
                          TimeUs call_us, std::optional<TimeUs> return_us) {
    ClientOperation result;
    result.client = client;
    result.kind = kind;
    result.key = std::move(key);
    result.value = std::move(value);
    result.call_us = call_us;
    result.return_us = return_us;
    result.ok = return_us.has_value();
    return result;
}

ClientOperation put(ClientId client, std::string key, std::string value, TimeUs call_us,
                    std::optional<TimeUs> return_us) {
    return operation(client, OperationKind::Put, std::move(key), std::move(value), call_us,
                     return_us);
}

ClientOperation append(ClientId client, std::string key, std::string value, TimeUs call_us,
                       std::optional<TimeUs> return_us) {
    return operation(client, OperationKind::Append, std::move(key), std::move(value), call_us,
                     return_us);
}

ClientOperation get(ClientId client, std::string key, std::optional<std::string> result,
                    TimeUs call_us, std::optional<TimeUs> return_us) {
    ClientOperation read =
        operation(client, OperationKind::Get, std::move(key), "", call_us, return_us);
    read.result = std::move(result);
    return read;
}

ClientOperation add(ClientId client, std::int64_t amount, std::optional<std::int64_t> total,
                    TimeUs call_us, std::optional<TimeUs> return_us) {
    ClientOperation addition =
        operation(client, OperationKind::Add, "", std::to_string(amount), call_us, return_us);
    if (total) {
        addition.result = std::to_string(*total);
    }
    return addition;
}

ClientOperation failed(ClientOperation answered) {
    answered.ok = false;
    return answered;
}

void expect_linearizable(const History& history) {
    const LinearizabilityResult result = check_linearizability(history);
    EXPECT_EQ(result.verdict, Verdict::Linearizable) << result.explanation;
    EXPECT_TRUE(result.linearizable);
    EXPECT_TRUE(result.explanation.empty());
    EXPECT_TRUE(result.unordered_operations.empty());
}

// Not linearizable, on `key`, with these history indices among the
// operations that could not be ordered.
void expect_violation_on_key(const History& history, const std::string& key,
                             const std::vector<std::size_t>& unordered) {
    const LinearizabilityResult result = check_linearizability(history);
    ASSERT_EQ(result.verdict, Verdict::NotLinearizable);
    EXPECT_FALSE(result.linearizable);
    EXPECT_FALSE(result.on_counter);
    EXPECT_EQ(result.key, key);
    EXPECT_THAT(result.explanation, HasSubstr("key \"" + key + "\" is not linearizable"));
    for (const std::size_t index : unordered) {
        EXPECT_NE(std::find(result.unordered_operations.begin(), result.unordered_operations.end(),
                            index),
                  result.unordered_operations.end())
            << "operation " << index << " not reported; explanation: " << result.explanation;
    }
}

// --- Violations ------------------------------------------------------------

TEST(Linearizability, staleReadAfterCompletedWriteIsNotLinearizable) {
    const History history = {
        put(1, "x", "1", 0, 10),   // [0, 10]
        put(2, "x", "2", 20, 30),  // [20, 30]: overwrites 1, and is over
        get(3, "x", "1", 40, 50),  // [40, 50]: still sees 1
    };
    expect_violation_on_key(history, "x", {2});
    const LinearizabilityResult result = check_linearizability(history);
    EXPECT_THAT(result.explanation,
                HasSubstr("client 3: get \"x\" -> \"1\" (call 40us, return 50us)"));
    EXPECT_THAT(result.explanation, HasSubstr("the value \"2\""));
    EXPECT_THAT(result.explanation, HasSubstr("takes 2 of its 3 answered operations"));
    EXPECT_EQ(result.unordered_operations, std::vector<std::size_t>{2});
}

TEST(Linearizability, concurrentAppendsObservedInBothOrdersAreNotLinearizable) {
    const History history = {
        append(1, "log", "a", 0, 100),  // [0, 100]
        append(2, "log", "b", 0, 100),  // [0, 100], concurrent with the first
        get(3, "log", "ab", 200, 300),  // both done: a then b
        get(4, "log", "ba", 200, 300),  // both done: b then a, at the same time
    };
    expect_violation_on_key(history, "log", {});
}

TEST(Linearizability, readOfValueNeverWrittenIsNotLinearizable) {
    const History history = {
        put(1, "x", "1", 0, 100), put(2, "x", "2", 0, 100),
        get(3, "x", "3", 50, 150),  // concurrent with both puts, but nobody wrote 3
    };
    expect_violation_on_key(history, "x", {2});
    EXPECT_THAT(check_linearizability(history).explanation, HasSubstr("get \"x\" -> \"3\""));
}

TEST(Linearizability, counterTotalThatSkipsIsNotLinearizable) {
    const History history = {
        add(1, 1, 1, 0, 10), add(2, 1, 3, 20, 30),  // 1 + 1 is 2, never 3
    };
    const LinearizabilityResult result = check_linearizability(history);
    ASSERT_EQ(result.verdict, Verdict::NotLinearizable);
    EXPECT_TRUE(result.on_counter);
    EXPECT_THAT(result.explanation, HasSubstr("the counter is not linearizable"));
    EXPECT_THAT(result.explanation, HasSubstr("client 2: add 1 -> 3 (call 20us, return 30us)"));
    EXPECT_THAT(result.explanation, HasSubstr("the total 1"));
    EXPECT_EQ(result.unordered_operations, std::vector<std::size_t>{1});
}

TEST(Linearizability, lostAcknowledgedWriteIsNotLinearizable) {
    const History history = {
        put(1, "x", "1", 0, 10),      // acknowledged
        get(2, "x", kUnset, 20, 30),  // yet the key reads as never set
    };
    expect_violation_on_key(history, "x", {1});
    EXPECT_THAT(check_linearizability(history).explanation, HasSubstr("-> (unset)"));
}

TEST(Linearizability, valueCannotComeBackAfterBeingOverwritten) {
    const History history = {
        put(1, "x", "1", 0, 10),
        put(2, "x", "2", 5, kNeverAnswered),  // may take effect once, and only once
        get(3, "x", "2", 20, 30),
        get(3, "x", "1", 40, 50),
    };
    expect_violation_on_key(history, "x", {3});
}

TEST(Linearizability, unansweredPutCannotExplainReadThatEndedBeforeItsCall) {
    const History history = {
        get(1, "x", "1", 0, 10),
        put(2, "x", "1", 20, kNeverAnswered),
    };
    expect_violation_on_key(history, "x", {0});
    EXPECT_THAT(check_linearizability(history).explanation,
                HasSubstr("no answered operation can come first (the key never set)"));
}

TEST(Linearizability, violationIsReportedOnItsOwnKeyAmongCorrectOnes) {
    const History history = {
        put(1, "a", "1", 0, 10),  get(2, "a", "1", 20, 30),     // fine
        put(1, "b", "1", 40, 50), get(2, "b", kUnset, 60, 70),  // lost write on b
        put(1, "c", "1", 80, 90), get(2, "c", "1", 100, 110),   // fine
        add(3, 2, 2, 0, 200),                                   // fine
    };
    expect_violation_on_key(history, "b", {3});
}

// --- Legal histories -------------------------------------------------------

TEST(Linearizability, emptyHistoryIsLinearizable) {
    expect_linearizable({});
    EXPECT_EQ(check_linearizability({}).states_explored, 0U);
}

TEST(Linearizability, readConcurrentWithWriteMaySeeEitherValue) {
    expect_linearizable(
        {put(1, "x", "1", 0, 10), put(2, "x", "2", 20, 60), get(3, "x", "1", 30, 40)});
    expect_linearizable(
        {put(1, "x", "1", 0, 10), put(2, "x", "2", 20, 60), get(3, "x", "2", 30, 40)});
}

TEST(Linearizability, reversedRealTimeOrderOfConcurrentOperationsIsFine) {
    // The get is called first and returns last; the put is entirely inside
    // it, and the get sees the put: legal, the get takes effect after it.
    expect_linearizable({get(1, "x", "v", 0, 100), put(2, "x", "v", 10, 20)});
}

TEST(Linearizability, equalTimesAreConcurrent) {
    // The put returns at the instant the get is called: they may be ordered
    // either way, so an empty read is no violation.
    expect_linearizable({put(1, "x", "1", 0, 10), get(2, "x", kUnset, 10, 20)});
}

TEST(Linearizability, heavyConcurrencyWithUnansweredOperations) {
    // Six clients overlapping on one key, two of them never answered. A legal
    // order: put a, append b (client 2), get "ab", put c (never answered, takes
    // effect here), get "c", append d, get "cd"; client 6's put z never takes effect.
    const History history = {
        put(1, "k", "a", 0, 50),     append(2, "k", "b", 10, 120),
        get(3, "k", "ab", 20, 130),  put(4, "k", "c", 30, kNeverAnswered),
        get(5, "k", "c", 40, 200),   append(1, "k", "d", 60, 210),
        get(3, "k", "cd", 140, 220), put(6, "k", "z", 45, kNeverAnswered),
        get(2, "k", "cd", 215, 230),
    };
    expect_linearizable(history);
}

TEST(Linearizability, unansweredPutMustHaveTakenEffectToExplainLaterRead) {
    const History history = {
        put(1, "x", "1", 100, kNeverAnswered),
        get(2, "x", "1", 500, 600),  // only the unanswered put wrote 1
    };
    expect_linearizable(history);
}

TEST(Linearizability, unansweredPutMayNeverTakeEffect) {
    const History history = {
        put(1, "x", "1", 0, 10),
        put(2, "x", "2", 5, kNeverAnswered),
        get(3, "x", "1", 20, 30),
        get(3, "x", "1", 1000, 1010),
    };
    expect_linearizable(history);
}

TEST(Linearizability, unansweredAppendSeenInsideLaterValue) {
    const History history = {
        put(1, "x", "a", 0, 10),   append(2, "x", "b", 5, kNeverAnswered),
        get(3, "x", "ab", 20, 30), put(1, "x", "c", 40, 50),
        get(3, "x", "c", 60, 70),
    };
    expect_linearizable(history);
}

TEST(Linearizability, unansweredPutOfEmptyValueExplainsEmptyRead) {
    expect_linearizable({put(1, "x", "", 0, kNeverAnswered), get(2, "x", "", 10, 20)});
    expect_violation_on_key({put(1, "x", "", 30, kNeverAnswered), get(2, "x", "", 10, 20)}, "x",
                            {1});
}

TEST(Linearizability, failedOperationsDidNotTakeEffect) {
    const History history = {
        failed(put(1, "x", "9", 0, 10)),
        failed(get(2, "x", "nonsense", 0, 10)),
        get(3, "x", kUnset, 20, 30),
        failed(add(4, 5, 99, 0, 10)),
        add(4, 1, 1, 20, 30),
    };
    expect_linearizable(history);
}

TEST(Linearizability, unansweredGetIsDropped) {
    expect_linearizable({get(1, "x", "was never written", 0, kNeverAnswered)});
}

TEST(Linearizability, unansweredAddMayCountOrNot) {
    expect_linearizable({add(1, 5, std::nullopt, 0, kNeverAnswered), add(2, 1, 6, 10, 20)});
    expect_linearizable({add(1, 5, std::nullopt, 0, kNeverAnswered), add(2, 1, 1, 10, 20)});
}

TEST(Linearizability, concurrentAddsInSomeOrder) {
    const History history = {
        add(1, 3, 10, 0, 100),  // last
        add(2, 5, 5, 0, 100),   // first
        add(3, 2, 7, 0, 100),   // second
        add(4, -10, 0, 150, 160),
    };
    expect_linearizable(history);
}

TEST(Linearizability, keysAreCheckedAsIndependentObjects) {
    // Interleaved operations on two keys: the stale read of y is reported on
    // y alone, and once fixed, nothing about x makes the history illegal.
    const History history = {
        put(1, "x", "1", 0, 100), put(2, "y", "1", 0, 100), get(3, "x", "1", 10, 200),
        get(3, "y", kUnset, 210, 220),  // y is 1 since 100
    };
    expect_violation_on_key(history, "y", {3});
    History fixed = history;
    fixed[3] = get(3, "y", kUnset, 10, 20);
    expect_linearizable(fixed);
}

// --- Guards and determinism --------------------------------------------------

TEST(Linearizability, outOfBudgetIsInconclusiveAndSaysSo) {
    const History history = {
        put(1, "x", "1", 0, 100),
        put(2, "x", "2", 0, 100),
        put(3, "x", "3", 0, 100),
        get(4, "x", "3", 200, 300),
    };
    LinearizabilityOptions options;
    options.max_states_per_object = 2;
    const LinearizabilityResult result = check_linearizability(history, options);
    EXPECT_EQ(result.verdict, Verdict::Inconclusive);
    EXPECT_FALSE(result.linearizable);
    EXPECT_EQ(result.key, "x");
    EXPECT_THAT(result.explanation, HasSubstr("inconclusive"));
    EXPECT_THAT(result.explanation, HasSubstr("max_states_per_object"));
    EXPECT_THAT(result.explanation, HasSubstr("key \"x\""));
    EXPECT_EQ(result.states_explored, 2U);
    EXPECT_EQ(check_linearizability(history).verdict, Verdict::Linearizable);
}

TEST(Linearizability, violationElsewhereBeatsInconclusive) {
    // Key "a" (checked first) needs more than the budget; key "b" is a stale
    // read found within it. A definite violation is worth more than a shrug.
    const History history = {
        put(1, "a", "1", 0, 100),   put(2, "a", "2", 0, 100),   put(3, "a", "3", 0, 100),
        get(4, "a", "3", 200, 300), put(1, "b", "1", 400, 410), put(1, "b", "2", 420, 430),
        get(2, "b", "1", 440, 450),
    };
    LinearizabilityOptions options;
    options.max_states_per_object = 2;
    const LinearizabilityResult result = check_linearizability(history, options);
    EXPECT_EQ(result.verdict, Verdict::NotLinearizable) << result.explanation;
    EXPECT_EQ(result.key, "b");
}

TEST(Linearizability, malformedHistoryIsInconclusive) {
    ClientOperation backwards = put(1, "x", "1", 100, 50);
    LinearizabilityResult result = check_linearizability({backwards});
    EXPECT_EQ(result.verdict, Verdict::Inconclusive);
    EXPECT_THAT(result.explanation, HasSubstr("returns before its call"));

    ClientOperation bad_amount = add(1, 1, 1, 0, 10);
    bad_amount.value = "one";
    result = check_linearizability({put(1, "x", "1", 0, 10), bad_amount});
    EXPECT_EQ(result.verdict, Verdict::Inconclusive);
    EXPECT_TRUE(result.on_counter);
    EXPECT_EQ(result.unordered_operations, std::vector<std::size_t>{1});
    EXPECT_THAT(result.explanation, HasSubstr("\"one\" is not a decimal integer"));
}

TEST(Linearizability, verdictNames) {
    EXPECT_EQ(to_string(Verdict::Linearizable), "linearizable");
    EXPECT_EQ(to_string(Verdict::NotLinearizable), "not linearizable");
    EXPECT_EQ(to_string(Verdict::Inconclusive), "inconclusive");
}

// --- A generated workload ----------------------------------------------------

// A history that is linearizable by construction: operations are executed one
// after another on a sequential model, each at an instant strictly after the
// previous one, and each is then given an interval around its instant
// (so intervals overlap heavily) on a client that is idle then. Some
// operations fail (and are not executed), some are never answered (and are
// executed or not, at random, each on a client of its own).
History generate_linearizable_history(std::uint64_t seed, std::size_t operation_count,
                                      std::uint32_t client_count,
                                      const std::vector<std::string>& keys) {
    Random random(seed);
    std::map<std::string, std::optional<std::string>> values;
    std::int64_t total = 0;
    std::vector<TimeUs> busy_until(client_count, -1);
    ClientId next_lone_client = client_count + 1;
    TimeUs instant = 0;
    History history;

    for (std::size_t index = 0; index < operation_count; ++index) {
        instant += random.between(1, 20);
        const std::uint64_t dice = random.below(10);
        const std::string& key = keys[static_cast<std::size_t>(random.below(keys.size()))];
        ClientOperation next;
        next.kind = dice < 3   ? OperationKind::Put
                    : dice < 6 ? OperationKind::Get
                    : dice < 8 ? OperationKind::Append
                               : OperationKind::Add;
        next.key = next.kind == OperationKind::Add ? "" : key;
        next.value = next.kind == OperationKind::Add   ? std::to_string(random.between(-3, 5))
                     : next.kind == OperationKind::Get ? ""
                                                       : "v" + std::to_string(index);

        const bool never_answered = random.chance(0.04);
        const bool fails = !never_answered && random.chance(0.04);
        const bool takes_effect = !fails && (!never_answered || random.chance(0.5));
        if (takes_effect) {
            switch (next.kind) {
                case OperationKind::Put:
                    values[key] = next.value;
                    break;
                case OperationKind::Append:
                    values[key] = values[key].value_or("") + next.value;
                    break;
                case OperationKind::Get:
                    next.result = values[key];
                    break;
                case OperationKind::Add:
                    total += std::stoll(next.value);
                    next.result = std::to_string(total);
                    break;
                case OperationKind::Propose:
                    break;  // never generated: Paxos's, not a key-value operation
            }
        }

        if (never_answered) {
            next.client = next_lone_client++;
            next.call_us = instant - random.between(0, 100);
            next.result.reset();
            history.push_back(next);
            continue;
        }
        // An idle client, starting the scan at a random one; if all are busy,
        // the instant waits for the first to be free.
        const auto first = static_cast<std::size_t>(random.below(client_count));
        std::size_t chosen = first;
        for (std::size_t step = 0; step < client_count; ++step) {
            chosen = (first + step) % client_count;
            if (busy_until[chosen] < instant) {
                break;
            }
        }
        if (busy_until[chosen] >= instant) {
            chosen = static_cast<std::size_t>(
                std::min_element(busy_until.begin(), busy_until.end()) - busy_until.begin());
            instant = busy_until[chosen] + 1;
        }
        next.client = static_cast<ClientId>(chosen + 1);
        next.call_us = random.between(std::max(busy_until[chosen] + 1, instant - 100), instant);
        next.return_us = random.between(instant, instant + 100);
        next.ok = !fails;
        if (fails) {
            next.result =
                next.kind == OperationKind::Get ? std::optional<std::string>("junk") : std::nullopt;
        }
        busy_until[chosen] = *next.return_us;
        history.push_back(next);
    }
    return history;
}

// The first answered-ok operation of `kind` at or after `from`.
std::size_t find_answered(const History& history, OperationKind kind, std::size_t from) {
    for (std::size_t index = from; index < history.size(); ++index) {
        if (history[index].kind == kind && history[index].ok && history[index].return_us) {
            return index;
        }
    }
    return history.size();
}

TEST(Linearizability, generatedWorkloadOfThreeHundredOperationsFromEightClients) {
    const History history = generate_linearizable_history(7, 300, 8, {"a", "b"});
    ASSERT_EQ(history.size(), 300U);
    const LinearizabilityResult result = check_linearizability(history);
    EXPECT_EQ(result.verdict, Verdict::Linearizable) << result.explanation;
    EXPECT_GT(result.states_explored, 0U);
}

TEST(Linearizability, generatedWorkloadOnOneKeyForManySeeds) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const History history = generate_linearizable_history(seed, 300, 8, {"x"});
        const LinearizabilityResult result = check_linearizability(history);
        EXPECT_EQ(result.verdict, Verdict::Linearizable)
            << "seed " << seed << ": " << result.explanation;
    }
}

TEST(Linearizability, corruptedGeneratedWorkloadIsCaught) {
    const History history = generate_linearizable_history(11, 300, 8, {"a", "b"});

    History corrupted_read = history;
    const std::size_t read = find_answered(corrupted_read, OperationKind::Get, 150);
    ASSERT_LT(read, corrupted_read.size());
    corrupted_read[read].result = "never written";
    expect_violation_on_key(corrupted_read, corrupted_read[read].key, {});

    History corrupted_total = history;
    const std::size_t addition = find_answered(corrupted_total, OperationKind::Add, 150);
    ASSERT_LT(addition, corrupted_total.size());
    corrupted_total[addition].result = "1000000";
    const LinearizabilityResult result = check_linearizability(corrupted_total);
    EXPECT_EQ(result.verdict, Verdict::NotLinearizable);
    EXPECT_TRUE(result.on_counter);
}

// The definition, by brute force: try every order of the operations that
// took part (any operation whose predecessors in real time are placed may
// come next), leaving never-answered ones out or in, without memo or any
// other cleverness. Exponential, so only for a handful of operations.
struct BruteForceState {
    std::map<std::string, std::optional<std::string>> values;
    std::int64_t total = 0;
};

bool takes_effect_in_brute_force(const ClientOperation& operation, BruteForceState& state) {
    switch (operation.kind) {
        case OperationKind::Put:
            state.values[operation.key] = operation.value;
            return true;
        case OperationKind::Append:
            state.values[operation.key] =
                state.values[operation.key].value_or("") + operation.value;
            return true;
        case OperationKind::Get:
            return state.values[operation.key] == operation.result;
        case OperationKind::Add:
            state.total += std::stoll(operation.value);
            return !operation.result || *operation.result == std::to_string(state.total);
        case OperationKind::Propose:
            break;  // never generated: Paxos's, not a key-value operation
    }
    return false;
}

bool brute_force_order_exists(const History& history, std::vector<bool>& placed,
                              const BruteForceState& state) {
    bool all_answered_placed = true;
    for (std::size_t index = 0; index < history.size(); ++index) {
        all_answered_placed = all_answered_placed && (placed[index] || !history[index].return_us);
    }
    if (all_answered_placed) {
        return true;
    }
    for (std::size_t next = 0; next < history.size(); ++next) {
        if (placed[next]) {
            continue;
        }
        bool predecessors_placed = true;
        for (std::size_t other = 0; other < history.size(); ++other) {
            predecessors_placed =
                predecessors_placed && (placed[other] || !history[other].return_us ||
                                        *history[other].return_us >= history[next].call_us);
        }
        BruteForceState after = state;
        if (!predecessors_placed || !takes_effect_in_brute_force(history[next], after)) {
            continue;
        }
        placed[next] = true;
        const bool found = brute_force_order_exists(history, placed, after);
        placed[next] = false;
        if (found) {
            return true;
        }
    }
    return false;
}

bool brute_force_linearizable(const History& history) {
    History taking_part;
    for (const ClientOperation& operation : history) {
        const bool pending = !operation.return_us;
        if ((pending && operation.kind != OperationKind::Get) || (!pending && operation.ok)) {
            taking_part.push_back(operation);
        }
    }
    std::vector<bool> placed(taking_part.size(), false);
    return brute_force_order_exists(taking_part, placed, BruteForceState{});
}

// Small random histories, most of them wrong: values from a tiny alphabet so
// that reads often match some write, times on a short line so that most
// operations overlap.
History random_small_history(Random& random) {
    const std::array<std::string, 3> values = {"a", "b", "ab"};
    History history;
    const auto count = static_cast<std::size_t>(random.between(1, 7));
    for (std::size_t index = 0; index < count; ++index) {
        ClientOperation next;
        next.client = static_cast<ClientId>(index + 1);
        next.kind = static_cast<OperationKind>(random.below(4));
        next.key = next.kind == OperationKind::Add ? "" : (random.chance(0.8) ? "x" : "y");
        const std::string& some_value = values[static_cast<std::size_t>(random.below(3))];
        if (next.kind == OperationKind::Add) {
            next.value = std::to_string(random.between(1, 2));
            next.result = std::to_string(random.between(1, 4));
        } else if (next.kind == OperationKind::Get) {
            next.result =
                random.chance(0.2) ? std::nullopt : std::optional<std::string>(some_value);
        } else {
            next.value = random.chance(0.5) ? some_value.substr(0, 1) : some_value;
        }
        next.call_us = random.between(0, 40);
        if (random.chance(0.15)) {
            next.result.reset();
        } else {
            next.return_us = next.call_us + random.between(0, 20);
            next.ok = !random.chance(0.1);
        }
        history.push_back(next);
    }
    return history;
}

TEST(Linearizability, agreesWithBruteForceOnSmallRandomHistories) {
    Random random(2024);
    int linearizable = 0;
    int not_linearizable = 0;
    for (int round = 0; round < 2000; ++round) {
        const History history = random_small_history(random);
        const bool expected = brute_force_linearizable(history);
        const LinearizabilityResult result = check_linearizability(history);
        ASSERT_EQ(result.verdict, expected ? Verdict::Linearizable : Verdict::NotLinearizable)
            << "round " << round << ": " << result.explanation;
        (expected ? linearizable : not_linearizable) += 1;
    }
    // Both verdicts must be common, or the comparison proves little.
    EXPECT_GT(linearizable, 400) << not_linearizable;
    EXPECT_GT(not_linearizable, 400) << linearizable;
}

TEST(Linearizability, sameHistorySameResult) {
    History history = generate_linearizable_history(3, 200, 8, {"a"});
    history[find_answered(history, OperationKind::Get, 100)].result = "never written";
    const LinearizabilityResult first = check_linearizability(history);
    const LinearizabilityResult second = check_linearizability(history);
    EXPECT_EQ(first.verdict, Verdict::NotLinearizable);
    EXPECT_EQ(first.explanation, second.explanation);
    EXPECT_EQ(first.unordered_operations, second.unordered_operations);
    EXPECT_EQ(first.states_explored, second.states_explored);
}

}  // namespace
}  // namespace quorum
