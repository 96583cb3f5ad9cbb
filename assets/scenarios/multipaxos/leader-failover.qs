# Leader failover (PMMC, section 4, "failure detection"): the active leader
# sends heartbeats to the other leaders; when they stop, a passive leader
# scouts with a higher ballot. Its scout learns from the acceptors every
# pvalue they accepted (pmax keeps, for each slot, the one of the highest
# ballot), so whatever the crashed leader may have got chosen is proposed
# again unchanged: the decided slots survive the crash.
#
# The crashed node comes back from its durable state: its replica re-applies
# the decisions it had, then learns the ones it missed as soon as a later
# decision shows it the hole (it proposes for the missing slots again, and a
# leader answers with their decisions).
cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5
run until leader within 2s
client put x 1
client put y 1
run until value x == 1 on all within 2s
remember old = leader
remember before = term
crash leader
run until leader within 3s
expect leader != $old
expect term > $before
client put x 2
client put z 3
run until value x == 2 on live within 3s
run until value z == 3 on live within 3s
restart $old
client put w 4
run until value w == 4 on all within 3s
run until value x == 2 on all within 3s
expect value y == 1 on all
expect agree
expect linearizable
expect safe
