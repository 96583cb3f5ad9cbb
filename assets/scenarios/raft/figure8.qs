# Figure 8 of the Raft paper: an entry from an earlier term (term 2 at
# index 2) sits on a majority, but the leader of term 4 must not count
# replicas for it; it commits only together with an entry of its own term.
# Here S5 led term 3 with the votes of S3 and S4 (Figure 8 (b)); the next
# leader is elected in term 4 or later. Whoever wins, what is committed is
# never lost.
cluster raft nodes=5 seed=4 prevote=off
log 1 1 2
state 1 term=2 vote=1
log 2 1 2
state 2 term=2 vote=1
log 3 1
state 3 term=3 vote=5
log 4 1
state 4 term=3 vote=5
log 5 1 3
state 5 term=3 vote=5
run until leader within 3s
client put x 1
run until value x == 1 on live within 3s
crash leader
run until leader within 3s
run 2s
restart all
run 2s
expect value x == 1 on all
expect agree
expect safe
