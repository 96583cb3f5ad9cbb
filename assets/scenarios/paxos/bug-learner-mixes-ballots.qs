# Bug zoo, learner-mixes-ballots: a learner that counts accepts of different ballots toward one majority learns a value that was never chosen.
#
# The rule ("Paxos Made Simple", 2.3): a value is chosen when a majority of
# acceptors have accepted the same proposal, and a learner learns only a
# chosen value. Acceptor 3 accepts apple at ballot 1.1 and acceptor 5
# banana at ballot 1.2: each on one acceptor of three, nothing is chosen.
# The correct learner 1 waits (run with `quorum-sim run --bug none`: nothing
# breaks); the broken one counts two acceptors, a majority, and learns
# banana.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=1 backoff=off latency=5-5ms bug=learner-mixes-ballots
hold on
client propose apple via 1
client propose banana via 2
# Both requests arrive at 5 ms, before anything else.
step
step

# Ballot 1.1: acceptors 3 and 4 promise; only 3 gets the Accept.
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 3 -> 1 Promise
deliver 4 -> 1 Promise
deliver 1 -> 3 Accept
# Ballot 1.2: acceptors 4 and 5 promise; only 5 gets the Accept.
deliver 2 -> 4 Prepare
deliver 2 -> 5 Prepare
deliver 4 -> 2 Promise
deliver 5 -> 2 Promise
deliver 2 -> 5 Accept
expect not chosen

# Learner 1 hears that 3 accepted (1.1, apple) and 5 accepted (1.2, banana).
deliver 3 -> 1 Accepted
expect violation learned value chosen
deliver 5 -> 1 Accepted
expect not chosen
expect not safe
