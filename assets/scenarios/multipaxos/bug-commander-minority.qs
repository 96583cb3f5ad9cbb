# Bug zoo, commander-minority: commanders that decide on fewer than a majority of P2b let two leaders decide different commands for one slot.
#
# The rule ("Paxos Made Moderately Complex", section 3, Commanders): a
# commander's decree is chosen once a majority of the slot's acceptors have
# accepted its pvalue (P2b with its ballot), and only then does it send the
# Decision. Leaders 3 and 4 are each adopted by a majority (3 and 4, then 4
# and 5); replica 1 proposes `put x 1` for slot 1 to leader 3, replica 2
# `put x 2` to leader 4. Each leader's own acceptor accepts at once. The
# correct commanders wait for a second acceptor (run with `quorum-sim run
# --bug none`: nothing is decided, nothing breaks); the broken ones decide
# on that one P2b each.
cluster multipaxos nodes=5 replicas=1,2 leaders=3,4 acceptors=3,4,5 latency=5-5ms bug=commander-minority
hold on
client put x 1 via 1
client put x 2 via 2

# Leader 3 campaigns with ballot 1.3; acceptors 3 (itself) and 4 adopt it.
fire 3
deliver 3 -> 4 P1a
drop 3 -> 5 P1a
deliver 4 -> 3 P1b
# Leader 4 campaigns with ballot 1.4; acceptors 4 (itself) and 5 adopt it.
fire 4
drop 4 -> 3 P1a
deliver 4 -> 5 P1a
deliver 5 -> 4 P1b

# The clients' requests arrive; each replica proposes its command for slot 1.
step
step
# Leader 3 commands `put x 1` in slot 1: acceptor 3 accepts, and the broken
# commander decides on its P2b alone.
deliver 1 -> 3 Propose
expect violation agreement
# Leader 4 commands `put x 2` in slot 1: acceptor 4 accepts, and it decides too.
deliver 2 -> 4 Propose
deliver 3 -> 1 Decision
deliver 4 -> 2 Decision
expect value x == 1 on 1
expect value x == 2 on 2
expect not safe
