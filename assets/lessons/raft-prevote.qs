# Lesson: A partitioned node and PreVote
# Teaches: why a node cut off alone would raise its term forever and disrupt the cluster when it rejoins, and how PreVote (thesis 9.6) prevents it.
cluster raft nodes=5 seed=11 prevote=on checkquorum=on
say "Node 1 is cut off from the others by a partition. The other four elect a leader among themselves."
partition 1 | 2 3 4 5
highlight 1
run until leader within 2s
run 200ms
remember l = leader
remember t = term
say "Node 1 hears no heartbeat, so its election timer keeps firing."
ask "Without PreVote, node 1 would start an election each time. What happens to its term while it is alone?" choices="It stays the same|It keeps growing|It copies the leader's" answer=2 because "Each election increments the term. Alone, node 1 never wins, so it tries again and again, each time with a higher term."
say "With *PreVote*, a node first asks whether it *could* win, without raising its term. Nobody answers yes to node 1, so its term stays put."
highlight RequestVote
run 3s
pause
say "The partition heals."
heal
ask "With PreVote on, does the leader lose its job when node 1 rejoins?" choices="Yes, node 1 has a higher term|No, node 1's term did not grow" answer=2 because "Node 1's term is not higher than the leader's, so its messages do not force anyone to step down. Without PreVote (try prevote=off) its term would be far ahead, and the leader would step down for nothing."
run 2s
expect term == $t
expect leader == $l
expect safe
