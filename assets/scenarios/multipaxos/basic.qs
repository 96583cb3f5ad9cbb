# Multi-Paxos, the plain case (van Renesse and Altinbuken, "Paxos Made
# Moderately Complex", 2015; PMMC). Three roles on five nodes: replicas 1-3
# keep the state machine and propose client commands for slots; leaders 1-2
# run phase 1 once (a scout gets a ballot adopted by a majority of acceptors)
# and then phase 2 per slot (a commander per slot); acceptors 3-5 are the
# memory that makes a decision stick. One leader becomes active; the other
# stays passive, watching its heartbeats (PMMC section 4's failure detector).
#
# Five clients write at once: each command gets its own slot, every replica
# applies slots 1, 2, 3, ... in order, so all replicas end with the same state
# (and `agree`), and the history of the clients is linearizable.
cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5 latency=1-10ms
run until leader within 2s
client put a 1
client put b 2
client put c 3
client append d x
client add 5
run until value a == 1 on all within 3s
run until value c == 3 on all within 3s
run until applied >= 5 on all within 3s
run 500ms
expect value b == 2 on all
expect value d == x on all
expect committed >= 5 on all
expect agree
expect linearizable
expect safe
