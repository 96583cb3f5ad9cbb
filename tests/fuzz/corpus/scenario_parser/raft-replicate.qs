# Writes commit on every node; reads see them; the client history is
# linearizable.
cluster raft nodes=5 seed=7
run until leader within 2s
client put x 1
run until value x == 1 on all within 2s
client append x 2
client add 5
run until applied >= 4 on all within 2s
client get x
run 1s
expect value x == 12 on all
expect agree
expect linearizable
expect safe
