# Figure 7 of the Raft paper: the leader of term 8 and six possible
# followers (a-f). The leader brings every follower's log in line with its
# own: missing entries are added and extraneous ones removed.
cluster raft nodes=7 seed=8 prevote=off
log 1 1 1 1 4 4 5 5 6 6 6
state 1 term=8 vote=1
log 2 1 1 1 4 4 5 5 6 6
log 3 1 1 1 4
log 4 1 1 1 4 4 5 5 6 6 6 6
log 5 1 1 1 4 4 5 5 6 6 6 7 7
log 6 1 1 1 4 4 4 4
log 7 1 1 1 2 2 2 3 3 3 3 3
state 2 term=6
state 3 term=6
state 4 term=6
state 5 term=7
state 6 term=4
state 7 term=3
hold on
fire 1
hold off
run until leader within 3s
run 2s
client put x 1
run until value x == 1 on all within 3s
expect agree
expect safe
