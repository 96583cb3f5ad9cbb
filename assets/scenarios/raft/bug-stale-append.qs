# Bug zoo, stale-append: a follower that takes AppendEntries from a deposed leader of an older term loses a committed entry, and the next leader lacks it.
#
# The rule (Figure 2, AppendEntries, step 1): reply false if term <
# currentTerm. Node 1 leads term 1, but its AppendEntries to node 3 is slow.
# Node 2 leads term 2 and commits its own entry at index 1 with node 3. Then
# node 1's old AppendEntries arrives: the correct node 3 refuses it (run with
# `quorum-sim run --bug none`: the run stops at `expect entry 1 term == 1
# on 3`); the broken one replaces the committed entry with node 1's, and
# wins term 3 with node 1's vote.
cluster raft nodes=3 prevote=off checkquorum=off bug=stale-append
hold on

# Node 1 leads term 1; its AppendEntries to node 3 stays in flight.
fire 1
deliver 1 -> 2 RequestVote
drop 1 -> 3 RequestVote
deliver 2 -> 1 RequestVoteResponse
expect leader == 1
drop 1 -> 2 AppendEntries

# Node 2 leads term 2 (node 3's vote) and commits its no-op at index 1.
fire 2
drop 2 -> 1 RequestVote
deliver 2 -> 3 RequestVote
deliver 3 -> 2 RequestVoteResponse
expect leader == 2
deliver 2 -> 3 AppendEntries
drop 2 -> 1 AppendEntries
deliver 3 -> 2 AppendEntriesResponse
expect committed == 1 on 2
expect entry 1 term == 2 on 3

# Node 1's AppendEntries of term 1 arrives at last.
deliver 1 -> 3 AppendEntries
expect entry 1 term == 1 on 3

# Node 3 stands in term 3; node 1's log is as up-to-date as its own.
fire 3
drop 3 -> 2 RequestVote
deliver 3 -> 1 RequestVote
expect violation leader completeness
deliver 1 -> 3 RequestVoteResponse
expect leader == 3
expect not safe
