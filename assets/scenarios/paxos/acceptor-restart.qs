# Acceptors remember ("Paxos Made Simple", 2.2: an acceptor "must remember
# this information even if it fails and then restarts"): each makes its
# promise and its accepted proposal durable before it answers. Here apple is
# chosen, acceptors 4 and 5 crash and come back, and acceptor 3 goes down. A
# second proposer asks the two restarted acceptors: at least one of them
# accepted apple (apple needed a majority of {3,4,5}), says so in its Promise,
# and the proposer proposes apple again instead of its own banana (P2c).
# Compare amnesia.qs: the same run with persist=off.
#
# Latency is fixed and backoff off, so the run is the same for every seed.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=1 backoff=off latency=5-5ms
client propose apple via 1
run until chosen == apple within 1s
run 100ms
crash 4
crash 5
restart 4
restart 5
crash 3
client propose banana via 2
run 1s
expect chosen == apple
# Had banana been chosen as well, the checker would have stopped the run
# (at most one value chosen); the banana client was told apple.
expect safe
