# Bug zoo, acceptor-forgets: an acceptor that keeps its promise and accepted value in memory only forgets them in a restart, and a second value is chosen.
#
# The rule ("Paxos Made Simple", 2.2): an acceptor must remember what it
# promised and accepted even if it fails and restarts. Apple is chosen at
# ballot 1.1 by acceptors 3 and 4; then 4 restarts. The correct acceptor 4
# still reports (1.1, apple) to proposer 2, which proposes apple again (run
# with `quorum-sim run --bug none`: nothing breaks); the broken one has
# forgotten it, so 4 and 5 accept banana at 1.2. amnesia.qs tells the same
# story with `persist=off`, the same switch, in real time.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=1 backoff=off latency=5-5ms bug=acceptor-forgets
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

# Acceptor 4 crashes and restarts: it has forgotten its promise of 1.1.
expect violation promise kept
crash 4
restart 4

# Ballot 1.2: 4 and 5 promise, neither reporting apple; both accept banana.
deliver 2 -> 4 Prepare
deliver 2 -> 5 Prepare
deliver 4 -> 2 Promise
deliver 5 -> 2 Promise
expect violation at most one value chosen
deliver 2 -> 4 Accept
deliver 2 -> 5 Accept
expect not safe
