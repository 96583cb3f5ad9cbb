# Bug zoo, old-snapshot: a follower that installs a snapshot older than its commit index rolls its state machine back, and its next snapshot is not the committed log applied.
#
# The rule (thesis 5.1, Figure 13): a follower ignores a snapshot that does
# not go past what it already has. Node 1 leads with node 2 and snapshots at
# index 2 (snapshot=2). Node 3 missed the entries, so node 1's heartbeat
# carries the snapshot, and a copy of it lingers in the network. Node 3
# installs the first, then commits `put b 2` at index 3. The late copy
# arrives: the correct node 3 ignores it (run with `quorum-sim run --bug
# none`: the run stops at `expect not value b == 2 on 3`); the broken one
# goes back to the snapshot's state machine, without b, though its applied
# index stays 3. Its next snapshot, at index 4, lacks b.
cluster raft nodes=3 prevote=off checkquorum=off snapshot=2 bug=old-snapshot
hold on

# Node 1 leads term 1 with node 2's vote; node 3 hears nothing.
fire 1
deliver 1 -> 2 RequestVote
drop 1 -> 3 RequestVote
deliver 2 -> 1 RequestVoteResponse
expect leader == 1
drop 1 -> 3 AppendEntries

# The no-op and `put a 1` commit with node 2: node 1 snapshots at index 2.
client put a 1 via 1
deliver c1 -> 1
deliver 1 -> 2 AppendEntries
deliver 2 -> 1 AppendEntriesResponse
deliver 1 -> 2 AppendEntries
deliver 2 -> 1 AppendEntriesResponse
expect snapshot == 2 on 1

# Node 3 needs entries node 1 dropped: the heartbeat carries the snapshot.
fire 1
duplicate 1 -> 3 InstallSnapshot
deliver 1 -> 3 InstallSnapshot
expect snapshot == 2 on 3

# `put b 2` commits at index 3 with node 3, which learns so.
client put b 2 via 1
deliver c2 -> 1
deliver 3 -> 1 InstallSnapshotResponse
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
fire 1
deliver 1 -> 3 AppendEntries
expect committed == 3 on 3
expect value b == 2 on 3

# The late copy of the snapshot of index 2.
deliver 1 -> 3 InstallSnapshot
expect not value b == 2 on 3

# `put c 3` commits at index 4; node 3 applies it and snapshots at 4.
client put c 3 via 1
deliver c3 -> 1
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
deliver 3 -> 1 AppendEntriesResponse
expect committed == 4 on 1
fire 1
expect violation snapshot state
deliver 1 -> 3 AppendEntries
expect not safe
