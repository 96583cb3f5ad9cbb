# With PreVote, a node partitioned away does not raise its term while alone,
# so when it rejoins the leader keeps leading (compare prevote-off-rejoin.qs,
# where the same partition disrupts the cluster).
cluster raft nodes=5 seed=11 prevote=on checkquorum=on
partition 1 | 2 3 4 5
run until leader within 2s
run 200ms
remember l = leader
remember t = term
run 3s
heal
run 2s
expect term == $t
expect leader == $l
expect safe
