# Bug zoo, ignore-accepted: a proposer that proposes its own value despite an accepted one in the promises gets a second value chosen.
#
# The rule ("Paxos Made Simple", 2.2, P2c): in phase 2 a proposer proposes
# the value of the highest-numbered proposal among the promises it gathered,
# and its own value only if they report none. Apple is chosen at ballot 1.1
# by acceptors 3 and 4; proposer 2 then gathers promises for 1.2 from 4
# (which reports apple) and 5. The correct proposer 2 proposes apple again
# (run with `quorum-sim run --bug none`: nothing breaks); the broken one
# proposes banana, and 4 and 5 choose it.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=1 backoff=off latency=5-5ms bug=ignore-accepted
hold on
client propose apple via 1
client propose banana via 2
# Both requests arrive at 5 ms, before anything else.
step
step

# Ballot 1.1: acceptors 3 and 4 promise, then accept apple. It is chosen.
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 3 -> 1 Promise
deliver 4 -> 1 Promise
deliver 1 -> 3 Accept
deliver 1 -> 4 Accept
expect chosen == apple

# Ballot 1.2: acceptor 4's promise reports (1.1, apple); 5's reports nothing.
deliver 2 -> 4 Prepare
deliver 2 -> 5 Prepare
deliver 4 -> 2 Promise
deliver 5 -> 2 Promise
expect violation at most one value chosen
deliver 2 -> 4 Accept
deliver 2 -> 5 Accept
expect not safe
