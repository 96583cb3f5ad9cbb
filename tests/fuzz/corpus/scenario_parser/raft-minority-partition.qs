# A leader cut off with a minority cannot commit; the majority elects its
# own leader and goes on; after healing, the old leader's uncommitted entry
# is overwritten and everyone agrees.
cluster raft nodes=5 seed=3
run until leader within 2s
run 200ms
remember old = leader
isolate $old
client put lost 1 via $old
run 2s
expect committed >= 2 on majority
run until leader within 2s
expect leader != $old
client put kept 2
run 2s
heal
run 2s
expect value kept == 2 on all
expect agree
expect linearizable
expect safe
