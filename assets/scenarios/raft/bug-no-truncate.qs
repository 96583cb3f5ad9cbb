# Bug zoo, no-truncate: a follower that keeps a conflicting entry and appends the leader's after it applies a different command at an index than the leader.
#
# The rule (Figure 2, AppendEntries, step 3): if an existing entry conflicts
# with a new one (same index, different terms), delete it and all that
# follow. Node 3 holds an entry of term 2 at index 2 that no one else has.
# Node 1 leads term 3 and commits index 3 with node 2, then repairs node 3's
# log: the correct node 3 drops its term-2 entry; the broken one keeps it and
# appends the leader's entries after it, so its log says the leader's
# index 3 is committed while its own index 2 is another command.
cluster raft nodes=3 prevote=off checkquorum=off bug=no-truncate
log 1 1 1
log 2 1 1
log 3 1 2
state 1 term=2
state 2 term=2
state 3 term=2
hold on

# Node 1 leads term 3 (node 2's vote; node 3's log is more up-to-date than
# node 1's and would refuse) and commits its no-op at index 3 with node 2.
fire 1
deliver 1 -> 2 RequestVote
drop 1 -> 3 RequestVote
deliver 2 -> 1 RequestVoteResponse
expect leader == 1
deliver 1 -> 2 AppendEntries
deliver 2 -> 1 AppendEntriesResponse
expect committed == 3 on 1

# Node 3 refuses the first AppendEntries (index 2 is of term 2 there); node
# 1 backs up and sends indexes 2 and 3.
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
expect violation state machine safety
deliver 1 -> 3 AppendEntries
expect not safe
