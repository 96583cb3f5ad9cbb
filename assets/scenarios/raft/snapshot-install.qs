# A follower cut off for a long time comes back through InstallSnapshot: while it was away the others snapshotted and dropped the entries it lacks.
#
# With snapshot=5 every node snapshots its state machine once five applied
# entries follow its last snapshot (thesis chapter 5). Node 3 is cut off (if
# it led, the other two elect a new leader), twelve writes commit without
# it, and nodes 1 and 2 compact their logs. When the partition heals, the
# leader no longer holds the entries node 3 needs: it sends its snapshot
# (InstallSnapshot), then the entries after it.
cluster raft nodes=3 snapshot=5
run until leader within 2s
isolate 3
run 1s
run until leader within 2s
client put a 1
client put b 2
client put c 3
client put d 4
client put e 5
client put f 6
run until applied >= 7 on majority within 3s
client put a 7
client put b 8
client put c 9
client put d 10
client put e 11
client put f 12
run until applied >= 13 on majority within 3s
expect snapshot >= 10 on majority
expect snapshot == 0 on 3
heal
run until snapshot >= 10 on all within 3s
run until agree within 3s
expect value f == 12 on all
expect linearizable
expect safe
