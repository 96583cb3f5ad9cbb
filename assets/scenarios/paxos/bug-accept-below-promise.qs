# Bug zoo, accept-below-promise: an acceptor that accepts a ballot lower than it promised lets two values be chosen.
#
# The rule ("Paxos Made Simple", 2.2, P1a): an acceptor can accept a
# proposal numbered n if and only if it has not promised to answer a Prepare
# numbered above n. Acceptor 4 promises ballot 1.1, then 1.2; ballot 1.1's
# Accept arrives after that. The correct acceptor 4 refuses it (run with
# `quorum-sim run --bug none`: nothing breaks, only banana is chosen); the
# broken one accepts, apple is chosen at 1.1 by 3 and 4, and banana at 1.2
# by 4 and 5.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=1 backoff=off latency=5-5ms bug=accept-below-promise
hold on
client propose apple via 1
client propose banana via 2
# Both requests arrive at 5 ms, before anything else.
step
step

# Ballot 1.1: acceptors 3 and 4 promise.
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 3 -> 1 Promise
deliver 4 -> 1 Promise
# Ballot 1.2: acceptors 4 and 5 promise too (neither has accepted anything),
# and 5 accepts banana.
deliver 2 -> 4 Prepare
deliver 2 -> 5 Prepare
deliver 4 -> 2 Promise
deliver 5 -> 2 Promise
deliver 2 -> 5 Accept

# Ballot 1.1's Accepts arrive: acceptor 4 accepts below its promise of 1.2.
expect violation promise kept
deliver 1 -> 4 Accept
deliver 1 -> 3 Accept
expect chosen == apple
# And ballot 1.2's Accept reaches 4: banana is chosen as well.
expect violation at most one value chosen
deliver 2 -> 4 Accept
expect not safe
