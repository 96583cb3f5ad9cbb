# Bug zoo, scout-ignores-pvalues: a leader that proposes without pmax of its scout's pvalues commands another command in a slot already chosen.
#
# The rule ("Paxos Made Moderately Complex", section 3): once its scout is
# adopted, a leader proposes, for each slot, the decree of the highest-ballot
# pvalue the acceptors reported (pmax), since that decree may be chosen.
# Leader 3 gets `put x 1` chosen in slot 1 at ballot 1.3 (acceptors 3 and 4).
# Leader 4, holding replica 2's `put x 2` for slot 1, is then adopted by
# acceptors 4 and 5 at ballot 1.4; acceptor 4 reports (1.3, 1, put x 1). The
# correct leader 4 commands `put x 1` again (run with `quorum-sim run --bug
# none`: nothing breaks); the broken one commands `put x 2`.
cluster multipaxos nodes=5 replicas=1,2 leaders=3,4 acceptors=3,4,5 latency=5-5ms bug=scout-ignores-pvalues
hold on
client put x 1 via 1
client put x 2 via 2

# Leader 3 campaigns with ballot 1.3; acceptors 3 (itself) and 4 adopt it.
fire 3
deliver 3 -> 4 P1a
drop 3 -> 5 P1a
deliver 4 -> 3 P1b

# The clients' requests arrive; each replica proposes its command for slot 1.
step
step
# Leader 3 commands `put x 1` in slot 1; acceptors 3 and 4 accept: chosen.
deliver 1 -> 3 Propose
deliver 3 -> 4 P2a
deliver 4 -> 3 P2b
# Leader 4, passive, keeps replica 2's proposal of `put x 2` for slot 1.
deliver 2 -> 4 Propose

# Leader 4 campaigns with ballot 1.4; acceptors 4 (itself) and 5 adopt it,
# and acceptor 4 reports the pvalue (1.3, slot 1, put x 1).
fire 4
drop 4 -> 3 P1a
deliver 4 -> 5 P1a
expect violation adopted pvalues safe
deliver 5 -> 4 P1b
expect not safe
