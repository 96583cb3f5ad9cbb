# A node that crashes right after a snapshot restarts from it: the snapshot and the entries after it are on its disk, the rest is gone.
#
# With snapshot=4 a node snapshots its state machine, client sessions
# included, once four applied entries follow its last snapshot, and drops
# them from its log. The crash comes the moment node 1 has one; on restart
# its state machine is the snapshot's before it hears from anyone, and its
# commit index starts at the snapshot's index, not at 0. Then it catches up
# with the others, and all agree.
cluster raft nodes=3 snapshot=4
run until leader within 2s
client put x 1
client put y 2
client put z 3
run until snapshot >= 4 on 1 within 3s
crash 1
restart 1
expect snapshot >= 4 on 1
expect committed >= 4 on 1
run until leader within 2s
client append x 4
client put w 5
run until value w == 5 on all within 3s
run until value x == 14 on all within 3s
run until agree within 3s
expect linearizable
expect safe
