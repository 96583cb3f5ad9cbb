// What the linearizability checker shows besides its verdict (the history
// view draws both): for a linearizable history, one legal order with the
// instant each operation takes effect; for one that is not, a smallest set of
// operations that still cannot be ordered and one sentence why.
//
// Times are microseconds; an interval is written [call, return].
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "quorum/check/linearizability.hpp"
#include "quorum/random.hpp"

namespace quorum {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

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

ClientOperation get(ClientId client, std::string key, std::optional<std::string> result,
                    TimeUs call_us, std::optional<TimeUs> return_us) {
    ClientOperation read =
        operation(client, OperationKind::Get, std::move(key), "", call_us, return_us);
    read.result = std::move(result);
    return read;
}

ClientOperation add(ClientId client, std::int64_t amount, std::int64_t total, TimeUs call_us,
                    TimeUs return_us) {
    ClientOperation addition =
        operation(client, OperationKind::Add, "", std::to_string(amount), call_us, return_us);
    addition.result = std::to_string(total);
    return addition;
}

// The witness is a legal order: every answered ok operation once, each at an
// instant inside its interval, instants never going back within an object,
// and replayed in that order every read and total is what its client was told.
void expect_valid_witness(const History& history, const LinearizabilityResult& result) {
    ASSERT_EQ(result.verdict, Verdict::Linearizable) << result.explanation;
    std::vector<int> seen(history.size(), 0);
    std::map<std::string, std::optional<std::string>> values;
    std::map<std::string, TimeUs> last_effect_us;  // per object ("" + kind for the counter)
    std::int64_t total = 0;
    for (const LinearizationPoint& point : result.linearization) {
        ASSERT_LT(point.operation, history.size());
        const ClientOperation& op = history[point.operation];
        ++seen[point.operation];
        EXPECT_GE(point.effect_us, op.call_us);
        if (op.return_us) {
            EXPECT_LE(point.effect_us, *op.return_us);
        }
        const std::string object = op.kind == OperationKind::Add ? "#counter" : op.key;
        if (last_effect_us.contains(object)) {
            EXPECT_GE(point.effect_us, last_effect_us[object]);
        }
        last_effect_us[object] = point.effect_us;
        switch (op.kind) {
            case OperationKind::Put:
                values[op.key] = op.value;
                break;
            case OperationKind::Append:
                values[op.key] = values[op.key].value_or("") + op.value;
                break;
            case OperationKind::Get:
                EXPECT_EQ(values[op.key], op.result) << "operation " << point.operation;
                break;
            case OperationKind::Add:
                total += std::stoll(op.value);
                if (op.result) {
                    EXPECT_EQ(std::to_string(total), *op.result);
                }
                break;
            case OperationKind::Propose:
                ADD_FAILURE() << "a proposal in a linearization";
        }
    }
    for (std::size_t index = 0; index < history.size(); ++index) {
        EXPECT_LE(seen[index], 1) << "operation " << index << " twice";
        if (history[index].return_us && history[index].ok) {
            EXPECT_EQ(seen[index], 1) << "answered operation " << index << " missing";
        }
        if (history[index].return_us && !history[index].ok) {
            EXPECT_EQ(seen[index], 0) << "failed operation " << index << " took effect";
        }
    }
}

History subset(const History& history, const std::vector<std::size_t>& indices) {
    History part;
    for (const std::size_t index : indices) {
        part.push_back(history[index]);
    }
    return part;
}

TEST(LinearizationWitness, concurrentReadTakesEffectBetweenTheTwoWrites) {
    const History history = {
        put(1, "x", "1", 0, 10),   // [0, 10]
        put(2, "x", "2", 5, 30),   // [5, 30], concurrent with the read
        get(3, "x", "1", 8, 20),   // [8, 20]: must come before put 2
        get(4, "x", "2", 35, 40),  // [35, 40]
    };
    const LinearizabilityResult result = check_linearizability(history);
    expect_valid_witness(history, result);
    std::vector<std::size_t> order;
    for (const LinearizationPoint& point : result.linearization) {
        order.push_back(point.operation);
    }
    EXPECT_THAT(order, ElementsAre(0, 2, 1, 3));
    EXPECT_EQ(result.linearization[0].effect_us, 0);
    EXPECT_EQ(result.linearization[1].effect_us, 8);
    EXPECT_EQ(result.linearization[2].effect_us, 8);  // put 2 at once after the read
    EXPECT_EQ(result.linearization[3].effect_us, 35);
}

TEST(LinearizationWitness, unansweredWriteSeenByAReadIsInTheOrder) {
    const History history = {
        put(1, "x", "1", 0, std::nullopt),  // never answered, but read
        get(2, "x", "1", 10, 20),
    };
    const LinearizabilityResult result = check_linearizability(history);
    expect_valid_witness(history, result);
    ASSERT_EQ(result.linearization.size(), 2U);
    EXPECT_EQ(result.linearization[0].operation, 0U);
}

TEST(LinearizationWitness, notLinearizableHasNoWitness) {
    const History history = {put(1, "x", "1", 0, 10), get(2, "x", std::nullopt, 20, 30)};
    EXPECT_TRUE(check_linearizability(history).linearization.empty());
}

// Random small histories over two keys and the counter: every legal one gets
// a valid witness; every illegal one a core that is illegal alone and legal
// without any operation the search may drop.
History random_history(Random& random) {
    const std::array<std::string, 3> values = {"a", "b", "ab"};
    History history;
    const auto count = static_cast<std::size_t>(random.between(1, 9));
    for (std::size_t index = 0; index < count; ++index) {
        ClientOperation next;
        next.client = static_cast<ClientId>(index + 1);
        next.kind = static_cast<OperationKind>(random.below(4));
        next.key = next.kind == OperationKind::Add ? "" : (random.chance(0.7) ? "x" : "y");
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
        next.call_us = random.between(0, 60);
        if (random.chance(0.1)) {
            next.result.reset();
        } else {
            next.return_us = next.call_us + random.between(0, 20);
            next.ok = true;
        }
        history.push_back(next);
    }
    return history;
}

TEST(LinearizationWitness, randomHistoriesGetAWitnessOrACore) {
    Random random(1818);
    int witnesses = 0;
    int cores = 0;
    for (int round = 0; round < 1500; ++round) {
        const History history = random_history(random);
        const LinearizabilityResult result = check_linearizability(history);
        SCOPED_TRACE("round " + std::to_string(round));
        if (result.verdict == Verdict::Linearizable) {
            expect_valid_witness(history, result);
            ++witnesses;
            continue;
        }
        ASSERT_EQ(result.verdict, Verdict::NotLinearizable);
        const UnorderableCore core = find_unorderable_core(history, result);
        ASSERT_FALSE(core.operations.empty());
        EXPECT_TRUE(core.minimal);
        EXPECT_TRUE(std::is_sorted(core.operations.begin(), core.operations.end()));
        EXPECT_EQ(check_linearizability(subset(history, core.operations)).verdict,
                  Verdict::NotLinearizable)
            << core.why;
        EXPECT_THAT(core.why, HasSubstr("have no legal order"));
        ++cores;
    }
    EXPECT_GT(witnesses, 300);
    EXPECT_GT(cores, 300);
}

TEST(UnorderableCore, staleReadKeepsTheTwoWritesItNeedsAndDropsTheRest) {
    const History history = {
        put(1, "x", "0", 0, 5),   get(2, "x", "0", 6, 8), put(1, "x", "1", 10, 15),  // [10, 15]
        put(2, "x", "2", 20, 30),  // [20, 30]: overwrites 1, and is over
        get(3, "x", "1", 40, 50),  // [40, 50]: still sees 1
        put(4, "y", "9", 41, 45),  // another key: never in the core
        get(5, "x", "1", 60, 70),  // a second stale read: not needed
    };
    const LinearizabilityResult verdict = check_linearizability(history);
    ASSERT_EQ(verdict.verdict, Verdict::NotLinearizable);
    const UnorderableCore core = find_unorderable_core(history, verdict);
    EXPECT_THAT(core.operations, ElementsAre(2, 3, 4));
    EXPECT_TRUE(core.minimal);
    EXPECT_THAT(core.why, HasSubstr("These 3 operations on key \"x\" have no legal order"));
    EXPECT_THAT(core.why, HasSubstr("and then client 3: get \"x\" -> \"1\" (call 40us, return "
                                    "50us) cannot come next."));
}

TEST(UnorderableCore, readBeforeAnyWriteCannotComeFirst) {
    const History history = {
        put(1, "x", "1", 0, 10),
        get(2, "x", std::nullopt, 20, 30),  // the write is over: (unset) is stale
    };
    const UnorderableCore core = find_unorderable_core(history, check_linearizability(history));
    EXPECT_THAT(core.operations, ElementsAre(0, 1));
    EXPECT_THAT(core.why, HasSubstr("These 2 operations"));
}

TEST(UnorderableCore, counterDropsOnlyAddsAfterTheViolation) {
    const History history = {
        add(1, 5, 5, 0, 10),  add(2, 1, 6, 20, 30),
        add(3, 1, 6, 40, 50),  // skips nothing, but repeats a total: no order
        add(4, 1, 7, 60, 70),  // after the violation: dropped
        add(5, 1, 8, 80, 90),  // after the violation: dropped
    };
    const LinearizabilityResult verdict = check_linearizability(history);
    ASSERT_EQ(verdict.verdict, Verdict::NotLinearizable);
    ASSERT_TRUE(verdict.on_counter);
    const UnorderableCore core = find_unorderable_core(history, verdict);
    EXPECT_THAT(core.operations, ElementsAre(0, 1, 2));
    EXPECT_THAT(core.why, HasSubstr("on the counter"));
}

TEST(UnorderableCore, emptyForAnyOtherVerdict) {
    const History legal = {put(1, "x", "1", 0, 10), get(2, "x", "1", 20, 30)};
    const UnorderableCore core = find_unorderable_core(legal, check_linearizability(legal));
    EXPECT_TRUE(core.operations.empty());
    EXPECT_TRUE(core.why.empty());
}

TEST(UnorderableCore, budgetSpentSaysNotMinimal) {
    History history = {put(1, "x", "0", 0, 5), put(1, "x", "1", 10, 15), put(2, "x", "2", 20, 30),
                       get(3, "x", "1", 40, 50)};
    for (ClientId client = 10; client < 30; ++client) {
        history.push_back(get(client, "x", "1", 60, 70));  // twenty droppable reads
    }
    LinearizabilityOptions tiny;
    tiny.max_states_per_object = 1;  // ten configurations for the whole shrink
    const LinearizabilityResult verdict = check_linearizability(history);
    const UnorderableCore core = find_unorderable_core(history, verdict, tiny);
    EXPECT_FALSE(core.minimal);
    EXPECT_FALSE(core.operations.empty());
}

}  // namespace
}  // namespace quorum
