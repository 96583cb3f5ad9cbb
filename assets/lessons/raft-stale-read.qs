# Lesson: Linearizability and a stale read
# Teaches: what a linearizable history is, how a deposed leader answering reads from its own copy would return a stale value, and why Raft puts reads in the log.
cluster raft nodes=5 seed=5 prevote=on checkquorum=off
say "A client writes `x = 1`; every server applies it."
run until leader within 2s
client put x 1
run until value x == 1 on all within 2s
remember old = leader
say "Now the leader is cut off. It does not know yet (CheckQuorum is off), and keeps believing it leads."
isolate leader
highlight leader
run until leader != $old within 3s
say "The majority elects a new leader, and a client writes `x = 2` through it."
remember new = leader
client put x 2
run until value x == 2 on $new within 3s
run 500ms
ask "The old leader still holds x = 1. If it answered a `get x` from its own copy, would the history be linearizable?" choices="Yes, 1 was a correct value once|No: the read starts after x = 2 completed, so it must see 2" answer=2 because "Linearizability: each operation seems to take effect at one instant between its call and its return. A read that begins after a write returned must see it. Returning 1 is a *stale read*."
highlight clients
say "Raft puts reads in the log too: the old leader cannot commit the read without a majority, so the client gives up on it and asks another server."
client get x via $old
run 3s
heal
run 2s
expect value x == 2 on all
expect linearizable
ask "Which check does the Invariants panel run on the client history?" choices="Linearizability|Log matching|Election safety" answer=1 because "The linearizability checker looks for an order of the operations that respects real time and the key-value semantics."
expect safe
