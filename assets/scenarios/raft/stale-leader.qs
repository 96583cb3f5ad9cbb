# A deposed leader that has not noticed yet. Node 1 leads term 2, then is cut
# off; node 2 wins term 3 and commits an entry of term 1 (index 2) that node 1
# never had. Node 1 still believes it leads term 2 and lacks that entry: that
# is allowed, because the entry was committed in term 3, after node 1's term
# (Leader Completeness speaks of the term an entry is committed in). A checker
# that compared the entry's own term (1) with node 1's term (2) would cry
# wolf here; this file is that bug's regression test.
cluster raft nodes=3 seed=1 prevote=off checkquorum=off
log 1 1
log 2 1 1
log 3 1
hold on
fire 1
deliver 1 -> 3 RequestVote
deliver 3 -> 1 RequestVoteResponse
expect leader == 1
# node 2 refuses its vote (its log is longer) but learns term 2
deliver 1 -> 2 RequestVote
isolate 1
fire 2
deliver 2 -> 3 RequestVote
deliver 3 -> 2 RequestVoteResponse
expect leader == 2
deliver 2 -> 3 AppendEntries
deliver 3 -> 2 AppendEntriesResponse
deliver 2 -> 3 AppendEntries
deliver 3 -> 2 AppendEntriesResponse
expect committed >= 3 on 2
expect term == 3
expect safe
