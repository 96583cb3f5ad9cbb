# Acceptors are the memory of Multi-Paxos (PMMC: ballot_num and accepted are
# the only state safety rests on), so they persist both before they answer. A
# crashed acceptor comes back with everything it promised and accepted. With
# two of three acceptors down no slot can be decided (no majority), though
# the leader and the replicas are fine; one acceptor back is enough again.
cluster multipaxos nodes=5 replicas=1,2 leaders=1,2 acceptors=3,4,5
client put x 1
run until value x == 1 on all within 2s
crash 3
client put y 2
run until value y == 2 on all within 2s
crash 4
client put z 3
run 1s
expect not value z == 3 on live
restart 3
run until value z == 3 on all within 3s
restart 4
crash 5
client put w 4
run until value w == 4 on all within 3s
restart 5
run 500ms
expect agree
expect linearizable
expect safe
