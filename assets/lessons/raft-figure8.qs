# Lesson: Raft's Figure 8: why a leader counts replicas only for its own term
# Teaches: an entry of an earlier term on a majority is not yet safe; a leader commits it only together with an entry of its own term (section 5.4.2).
cluster raft nodes=5 seed=4 prevote=off
log 1 1 2
state 1 term=2 vote=1
log 2 1 2
state 2 term=2 vote=1
log 3 1
state 3 term=3 vote=5
log 4 1
state 4 term=3 vote=5
log 5 1 3
state 5 term=3 vote=5
say "This is Figure 8 (c) of the Raft paper. S1 led term 2 and put an entry of term 2 at index 2 on S1 and S2. S5 led term 3 and wrote an entry of term 3 there, on S5 only."
highlight logs
ask "The next leader's term is 4 or more. If it copies the term-2 entry to a majority, may it count those copies and commit the entry?" choices="Yes, a majority has it|No, not by counting copies of an older term|Only if S5 is down" answer=2 because "Figure 8 (d): S5 can still win an election with S2, S3 and S4 (its last term, 3, beats their 2 or less) and overwrite index 2 everywhere. A leader commits only entries of its own term by counting; older entries commit with them."
run until leader within 3s
say "A leader was elected. It commits index 2 only once an entry of its own term, after it, is on a majority."
client put x 1
run until value x == 1 on live within 3s
say "Now the leader crashes and everyone comes back: whoever leads next, a committed entry is never lost."
crash leader
run until leader within 3s
run 2s
restart all
run 2s
expect value x == 1 on all
expect agree
ask "Which rule guarantees a committed entry is on every later leader's log?" choices="Election safety|Leader completeness|Log matching" answer=2 because "Leader completeness: a committed entry is on a majority, and a candidate needs a majority's votes, each given only to a log at least as up to date."
expect safe
