# Without PreVote (and without CheckQuorum), a node cut off alone keeps
# timing out and raising its term; when it rejoins, its higher term forces
# the leader to step down and a new election: the cluster is disrupted.
cluster raft nodes=5 seed=11 prevote=off checkquorum=off
partition 1 | 2 3 4 5
run until leader within 2s
run 200ms
remember t = term
run 3s
heal
run 2s
expect term > $t
expect leader
expect safe
