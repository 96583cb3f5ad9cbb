# A five-node cluster elects one leader; when it crashes, another takes over
# in a higher term, and the old one comes back as a follower.
cluster raft nodes=5 seed=42 election=150-300ms heartbeat=50ms latency=1-10ms
run until leader within 2s
expect safe
remember old = leader
remember t = term
crash leader
run until leader within 2s
expect leader != $old
expect term > $t
restart $old
run 1s
expect leader != $old
expect safe
