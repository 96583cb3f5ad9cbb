# Lesson: Dueling proposers and livelock
# Teaches: two proposers can preempt each other forever, each Prepare overtaking the other's Accepts; nothing is chosen, yet no rule is broken. Randomized backoff ends the duel.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=all backoff=off latency=5-5ms
say "Two proposers, 1 and 2, and three acceptors, 3, 4 and 5. Both clients propose at once, and the proposers retry at once when refused (*backoff* is off)."
hold on
client propose apple via 1
client propose banana via 2
step
step
say "Round 1: proposer 1 gathers promises for ballot 1.1 from acceptors 3 and 4."
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 3 -> 1 Promise
deliver 4 -> 1 Promise
say "But proposer 2's `Prepare` of ballot 1.2 reaches them before proposer 1's `Accept`."
highlight Prepare
deliver 2 -> 3 Prepare
deliver 2 -> 4 Prepare
deliver 1 -> 3 Accept
deliver 1 -> 4 Accept
ask "Acceptors 3 and 4 promised ballot 1.2. What do they do with proposer 1's Accept of ballot 1.1?" choices="Accept it|Refuse it with a Nack" answer=2 because "An acceptor never accepts a ballot below one it promised."
highlight Nack
expect not chosen
deliver 3 -> 1 Nack
deliver 3 -> 2 Promise
deliver 4 -> 2 Promise
say "Proposer 1 goes straight back to phase 1 with ballot 2.1, which overtakes proposer 2's Accepts in turn."
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 2 -> 3 Accept
deliver 2 -> 4 Accept
expect not chosen
deliver 3 -> 2 Nack
pause
say "Round 2: the same dance, one ballot higher each."
deliver 3 -> 1 Promise
deliver 4 -> 1 Promise
deliver 2 -> 3 Prepare
deliver 2 -> 4 Prepare
deliver 1 -> 3 Accept
deliver 1 -> 4 Accept
deliver 3 -> 1 Nack
deliver 3 -> 2 Promise
deliver 4 -> 2 Promise
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 2 -> 3 Accept
deliver 2 -> 4 Accept
deliver 3 -> 2 Nack
expect not chosen
ask "Nothing is chosen after two rounds. Is Paxos broken?" choices="Yes, safety is violated|No: it is safe, but this schedule prevents progress" answer=2 because "Safety holds: no two values are chosen. Liveness needs more: FLP says no deterministic protocol guarantees it. A random backoff before retrying, or a distinguished proposer, ends the duel in practice."
expect safe
