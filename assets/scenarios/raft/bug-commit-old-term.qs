# Bug zoo, commit-old-term: a leader that commits an entry of an earlier term by counting replicas (Figure 8) loses it to the next leader.
#
# The rule (section 5.4.2): a leader commits an entry by counting replicas
# only if the entry is of its current term. This is figure8-d.qs with the
# bug: at (c) S1 leads term 4 and copies its term-2 entry to S3, so the
# entry sits on S1, S2 and S3; the broken S1 counts them and commits it.
# At (d) S5 still wins term 5 with the votes of S3 and S4 (its last entry,
# of term 3, is more recent than theirs), without the committed entry. Without the bug (`quorum-sim run
# --bug none`) S1 does not commit it, and the run stops at `expect
# committed == 2 on 1`: figure8-d.qs plays the correct story to its end.
cluster raft nodes=5 prevote=off checkquorum=off batch=1 bug=commit-old-term
# Every node starts with one entry of term 1 at index 1, in term 1.
log 1 1
log 2 1
log 3 1
log 4 1
log 5 1
state 1 term=1
state 2 term=1
state 3 term=1
state 4 term=1
state 5 term=1
# Manual mode: nothing is delivered and no timer fires unless a line says so,
# so every seed runs the same story.
hold on

# (a) S1 is elected leader of term 2 (votes of S2 and S3) and, as every new
# leader does, appends an entry of its term (a no-op) at index 2. It reaches
# S2 only.
fire 1
deliver 1 -> 2 RequestVote
deliver 1 -> 3 RequestVote
deliver 1 -> 4 RequestVote
deliver 1 -> 5 RequestVote
deliver 2 -> 1 RequestVoteResponse
deliver 3 -> 1 RequestVoteResponse
expect leader == 1
expect term == 2
drop 4 -> 1 RequestVoteResponse
drop 5 -> 1 RequestVoteResponse
deliver 1 -> 2 AppendEntries
deliver 2 -> 1 AppendEntriesResponse
drop 1 -> 3 AppendEntries
drop 1 -> 4 AppendEntries
drop 1 -> 5 AppendEntries
expect pending == 0
expect entry 2 term == 2 on 1
expect entry 2 term == 2 on 2
expect entry 2 term == 0 on 3
expect committed < 2 on 1

# (b) S1 crashes. S5 is elected leader of term 3 with the votes of S3, S4
# and itself (S2 would refuse: its log is more up to date than S5's), and
# appends a different entry at index 2: its own, of term 3. It reaches no one.
crash 1
fire 5
drop 5 -> 1 RequestVote
drop 5 -> 2 RequestVote
deliver 5 -> 3 RequestVote
deliver 5 -> 4 RequestVote
deliver 3 -> 5 RequestVoteResponse
deliver 4 -> 5 RequestVoteResponse
expect leader == 5
expect term == 3
drop 5 -> 1 AppendEntries
drop 5 -> 2 AppendEntries
drop 5 -> 3 AppendEntries
drop 5 -> 4 AppendEntries
expect pending == 0
expect entry 2 term == 3 on 5

# (c) S5 crashes and S1 restarts. Term 3 is taken (S3 and S4 voted for S5),
# so S1's first try is in vain; it tries again and is elected leader of term
# 4 by S2 and S3, and appends its no-op of term 4 at index 3.
crash 5
restart 1
fire 1
drop 1 -> 2 RequestVote
drop 1 -> 3 RequestVote
drop 1 -> 4 RequestVote
drop 1 -> 5 RequestVote
fire 1
deliver 1 -> 2 RequestVote
deliver 1 -> 3 RequestVote
deliver 2 -> 1 RequestVoteResponse
deliver 3 -> 1 RequestVoteResponse
expect leader == 1
expect term == 4
drop 1 -> 4 RequestVote
drop 1 -> 5 RequestVote
expect entry 3 term == 4 on 1
# S2 takes the no-op (it has index 2 already).
deliver 1 -> 2 AppendEntries
deliver 2 -> 1 AppendEntriesResponse
# S1 brings S3 up to date, one entry per message (batch=1): S3 refuses the
# no-op (it lacks index 2), so S1 backs up and sends index 2, of term 2.
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
# The term-2 entry at index 2 is now on S1, S2 and S3: a majority. The
# broken S1 counts the replicas and commits it (and applies it).
expect entry 2 term == 2 on majority
expect committed == 2 on 1

# (d) S1 crashes before its no-op of term 4 reaches S3, and S5 restarts.
drop 1 -> 3 AppendEntries
drop 1 -> 4 AppendEntries
drop 1 -> 5 AppendEntries
expect pending == 0
crash 1
restart 5
# Term 4 is taken (S3 voted for S1): S5's first try is in vain.
fire 5
drop 5 -> 1 RequestVote
drop 5 -> 2 RequestVote
drop 5 -> 3 RequestVote
drop 5 -> 4 RequestVote
# In term 5, S3 and S4 vote for S5: its last entry (term 3) is more recent
# than theirs (term 2 at most). With its own vote, that is a majority, and it
# leads without the committed entry.
fire 5
drop 5 -> 1 RequestVote
drop 5 -> 2 RequestVote
deliver 5 -> 3 RequestVote
deliver 5 -> 4 RequestVote
expect violation leader completeness
deliver 3 -> 5 RequestVoteResponse
deliver 4 -> 5 RequestVoteResponse
expect leader == 5
expect term == 5
expect not safe
