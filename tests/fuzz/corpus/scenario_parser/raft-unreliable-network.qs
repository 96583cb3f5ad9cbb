# An unreliable network (10% loss, 0-26 ms delay, reordering, duplicates):
# progress is slower, but safety and linearizability hold.
cluster raft nodes=5 seed=26 loss=0.1 latency=0-26ms reorder=on dup=0.02
run until leader within 5s
client put x 1
client put y 2
client append x 3
client add 10
client get x
run 5s
client get y
run 5s
expect committed >= 5 on majority
expect linearizable
expect safe
