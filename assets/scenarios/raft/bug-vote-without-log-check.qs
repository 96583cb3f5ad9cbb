# Bug zoo, vote-without-log-check: a node that votes without comparing logs (section 5.4.1) elects a leader that lacks a committed entry.
#
# The rule: a voter refuses a candidate whose log is less up-to-date than its
# own (the last entries' terms, then the lengths). Node 1 commits an entry
# with node 2; node 3, which never saw it, asks node 2 for its vote. The
# correct node 2 refuses (run with `quorum-sim run --bug none`: the run stops
# at `expect leader == 3`); the broken one grants it, and node 3 leads
# without the committed entry.
cluster raft nodes=3 prevote=off checkquorum=off bug=vote-without-log-check
hold on

# Node 1 leads term 1 and commits its no-op at index 1 on nodes 1 and 2.
fire 1
deliver 1 -> 2 RequestVote
drop 1 -> 3 RequestVote
deliver 2 -> 1 RequestVoteResponse
expect leader == 1
deliver 1 -> 2 AppendEntries
drop 1 -> 3 AppendEntries
deliver 2 -> 1 AppendEntriesResponse
expect committed == 1 on 1
expect entry 1 term == 0 on 3

# Node 3, with an empty log, stands for election. Term 1 is taken (node 2
# voted for node 1), so its first try is in vain; in term 2, node 2 (whose
# log holds the committed entry) grants its vote anyway.
fire 3
drop 3 -> 1 RequestVote
drop 3 -> 2 RequestVote
fire 3
drop 3 -> 1 RequestVote
deliver 3 -> 2 RequestVote
expect violation leader completeness
deliver 2 -> 3 RequestVoteResponse
expect leader == 3
expect not safe
