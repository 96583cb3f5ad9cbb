# Figure 8 of the Raft paper, (a) to (d), step by step: why a leader must not
# count replicas of an entry from an earlier term.
#
# The rule (section 5.4.2): a leader commits an entry by counting replicas
# only if the entry is of its current term. Entries of earlier terms commit
# indirectly, when an entry of the current term after them commits.
#
# (a) S1 leads term 2; its entry at index 2 reaches S2 only.
# (b) S1 crashes; S5 leads term 3 (votes of S3, S4, S5) and writes its own,
#     different entry at index 2.
# (c) S5 crashes; S1 comes back and leads term 4, and copies its term-2 entry
#     to S3: that entry is now on a majority (S1, S2, S3). Tempting to call it
#     committed; it is not, and this file checks that it is not.
# (d) S1 crashes. S5 can still win term 5 (S2, S3 and S4 vote for it: its
#     last entry, of term 3, beats their term 2) and overwrites index 2
#     everywhere. Had (c) committed the entry, a committed entry would be lost.
# figure8-e.qs shares (a)-(c) and takes the other branch.
#
# Every step is staged by hand (hold on, fire, deliver, drop), so the run is
# the same for every seed. Index 2 and 3 entries are the no-ops every new
# leader appends (the paper's client entries would do the same job); the
# `entry <i> term == <t> on ...` conditions read the logs. batch=1 sends one
# entry per AppendEntries, so S1 can hand S3 index 2 without index 3, as in
# the figure. PreVote and CheckQuorum are off, as in the paper.
cluster raft nodes=5 prevote=off checkquorum=off batch=1
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
# S1 brings S3 up to date, one entry per message (batch=1): S3 refuses the
# no-op (it lacks index 2), so S1 backs up and sends index 2, of term 2.
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
# The term-2 entry at index 2 is now on S1, S2 and S3: a majority. But S1
# must not count replicas of an entry from an earlier term: it is NOT
# committed.
expect entry 2 term == 2 on majority
expect committed < 2 on 1

# (d) Why it must not: S1 crashes before its no-op of term 4 reaches anyone.
drop 1 -> 2 AppendEntries
drop 1 -> 3 AppendEntries
drop 1 -> 4 AppendEntries
drop 1 -> 5 AppendEntries
expect pending == 0
crash 1
# S5 restarts. Term 4 is taken (S2 and S3 voted for S1); in term 5, S2, S3
# and S4 all vote for it: its last entry (term 3) is more recent than theirs
# (term 2 at most).
restart 5
fire 5
drop 5 -> 1 RequestVote
drop 5 -> 2 RequestVote
drop 5 -> 3 RequestVote
drop 5 -> 4 RequestVote
fire 5
drop 5 -> 1 RequestVote
deliver 5 -> 2 RequestVote
deliver 5 -> 3 RequestVote
deliver 5 -> 4 RequestVote
deliver 2 -> 5 RequestVoteResponse
deliver 3 -> 5 RequestVoteResponse
deliver 4 -> 5 RequestVoteResponse
expect leader == 5
expect term == 5
# S5 replicates its log. S3 refuses at first (index 2 is of term 2 there, not
# 3); S5 backs up and sends its index 2, and S3's term-2 entry is replaced.
deliver 5 -> 3 AppendEntries
deliver 3 -> 5 AppendEntriesResponse
deliver 5 -> 3 AppendEntries
expect entry 2 term == 3 on 3
# The same happens everywhere: the term-2 entry that sat on a majority in
# (c) is gone. Had S1 committed it there (and applied it, and answered a
# client), a committed entry would now be lost: state machine safety broken.
hold off
run until entry 2 term == 3 on live within 3s
restart 1
run until entry 2 term == 3 on all within 3s
run until committed >= 3 on all within 3s
expect agree
expect safe
