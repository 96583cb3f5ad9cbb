# A leader cut off with a minority cannot decide anything (PMMC: a commander
# needs P2b from a majority of the slot's acceptors). The majority side stops
# hearing its heartbeats, one of its leaders scouts with a higher ballot, and
# decides on. After healing, the old leader is preempted by that ballot and
# the slots its replica could not get decided are proposed again and decided:
# every replica ends with the same commands in the same slots.
cluster multipaxos nodes=5 replicas=all leaders=all acceptors=all seed=3
run until leader within 2s
client put a 1
run until value a == 1 on all within 2s
remember old = leader
isolate leader
client put lost 1 via $old
run 300ms
# Only the isolated replica has the request (its client retries elsewhere
# only after 400 ms), and its leader reaches one acceptor: itself.
expect not value lost == 1 on $old
expect not value lost == 1 on live
run until leader != $old within 3s
client put kept 2
run until committed >= 2 on majority within 3s
expect not value kept == 2 on $old
heal
run until value kept == 2 on all within 3s
run until value lost == 1 on all within 3s
expect agree
expect linearizable
expect safe
