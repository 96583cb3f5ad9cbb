# Lesson: Multi-Paxos: slots and a leader change
# Teaches: a log of slots, each decided by its own Paxos instance under one leader's ballot; a new leader's scout adopts every pvalue accepted before, so decided slots survive the crash (PMMC).
cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5
say "Multi-Paxos after *Paxos Made Moderately Complex*: replicas 1-3 keep the log, leaders 1-2 propose, acceptors 3-5 vote."
run until leader within 2s
highlight leader
say "The active leader won phase 1 once for all slots (`P1a`/`P1b`). Each command now needs only phase 2 (`P2a`/`P2b`) in its own slot."
highlight P2a
client put x 1
client put y 1
run until value x == 1 on all within 2s
ask "Why does the leader need phase 1 only once, not once per slot?" choices="Its ballot's promises cover every slot|Slots never conflict|Acceptors trust leader 1" answer=1 because "A P1b promises the ballot for all slots at once and reports every pvalue accepted in any slot."
remember old = leader
remember before = term
pause
say "The leader crashes."
crash leader
highlight P1a
ask "The other leader scouts with a higher ballot. What must it do with the pvalues the acceptors report?" choices="Ignore them and propose fresh commands|Propose again, in each slot, the command of the highest ballot reported" answer=2 because "pmax: a command that may have been chosen in a slot must be proposed again unchanged in that slot, or two replicas could decide different commands."
run until leader within 3s
expect leader != $old
expect term > $before
client put x 2
client put z 3
run until value x == 2 on live within 3s
run until value z == 3 on live within 3s
say "The crashed node comes back; its replica re-applies its decisions and learns the slots it missed."
restart $old
client put w 4
run until value w == 4 on all within 3s
run until value x == 2 on all within 3s
expect value y == 1 on all
expect agree
expect linearizable
expect safe
