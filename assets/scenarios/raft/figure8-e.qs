# Figure 8 of the Raft paper, (a) to (c) and then (e): how an entry of an
# earlier term does get committed, safely.
#
# (a) S1 leads term 2; its entry at index 2 reaches S2 only.
# (b) S1 crashes; S5 leads term 3 (votes of S3, S4, S5) and writes its own,
#     different entry at index 2.
# (c) S5 crashes; S1 comes back and leads term 4, and copies its term-2 entry
#     to S3: on a majority now, but not committed (figure8-d.qs shows why).
# (e) This time S1 also gets an entry of its own term 4 (index 3) onto a
#     majority before it crashes. That commits index 3, and index 2 with it.
#     S5 can no longer be elected: S2 and S3 hold an entry of term 4, so they
#     refuse a candidate whose log ends in term 3, and every later leader has
#     index 2 of term 2 (Leader Completeness).
#
# Every step is staged by hand (hold on, fire, deliver, drop), so the run is
# the same for every seed, until the last part, where the cluster runs by
# itself. Index 2 and 3 entries are the no-ops every new leader appends; the
# `entry <i> term == <t> on ...` conditions read the logs. batch=1 sends one
# entry per AppendEntries, as the figure needs. PreVote and CheckQuorum are
# off, as in the paper.
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

# (e) The alternative: before crashing, S1 replicates an entry of its own
# term (its no-op of term 4, index 3) to S2 and S3. Now the leader may count
# replicas: index 3 is committed, and index 2 with it (Log Matching: whatever
# precedes a committed entry is committed too).
deliver 1 -> 2 AppendEntries
deliver 2 -> 1 AppendEntriesResponse
expect committed < 3 on 1
deliver 1 -> 3 AppendEntries
deliver 3 -> 1 AppendEntriesResponse
expect committed == 3 on 1
expect entry 3 term == 4 on majority
drop 1 -> 4 AppendEntries
drop 1 -> 5 AppendEntries
expect pending == 0
crash 1
# S5 restarts and runs as in (d), in term 5. But now S2 and S3 refuse: their
# logs end with an entry of term 4, more up to date than S5's (term 3). Only
# S4 votes for it: two votes of five, not a majority.
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
expect term == 5
expect no leader
# Left to itself the cluster elects S2 or S3 (S4 and S5 lack the committed
# entries, so they cannot win), and every log ends up with the term-2 entry
# at index 2: S5's entry of term 3 is the one replaced.
hold off
run until leader within 3s
expect leader != 5
expect leader != 4
restart 1
run until entry 2 term == 2 on all within 3s
run until committed >= 4 on all within 3s
expect agree
expect safe
