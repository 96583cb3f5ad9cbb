# Dueling leaders (PMMC, section 4, "liveness"): every node is a leader, and
# each takes over when it hears no heartbeat. Two that scout at about the same
# time preempt each other: a higher ballot makes the acceptors refuse the
# lower one's P2a, that leader scouts again with a still higher ballot, and so
# on. PMMC's remedy is what backoff=on does: a preempted leader waits a random
# time before trying again (here 75-150 ms for timeout=100ms), so one of them
# gets through and the others see its heartbeats and stay passive.
#
# The clients write through different replicas while the leaders compete;
# ballots climb, yet every command is decided exactly once per slot.
cluster multipaxos nodes=5 replicas=all leaders=all acceptors=all backoff=on timeout=100ms latency=5-15ms
client put a 1 via 1
client put b 2 via 3
client put c 3 via 5
run until leader within 3s
run until value a == 1 on all within 5s
run until value b == 2 on all within 5s
run until value c == 3 on all within 5s
expect term >= 1
crash leader
client put d 4 via 2
run until leader within 3s
run until value d == 4 on live within 5s
expect agree
expect linearizable
expect safe
