# Reconfiguration (PMMC, section 3): leaders and acceptors are not fixed. A
# replica proposes a configuration command like any other command; decided
# in slot s, it governs slot s + WINDOW on. So a replica always knows the
# configuration of a slot before it proposes for it (it proposes only below
# slot_out + WINDOW), and every leader sends a slot's P2a to the same
# acceptors.
#
# Here acceptor 5 is replaced by node 1 while clients keep writing. Once the
# new configuration is in effect at every replica, the old acceptor 5 is
# crashed, then acceptor 4 too: the old acceptors {3,4,5} would be down to 3
# alone, no majority, but the new ones {1,3,4} still have 1 and 3.
cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5 window=3
client put a 1
client put b 1
run until value a == 1 on all within 2s
run until value b == 1 on all within 2s
expect acceptors == 3,4,5 on all

# Through replica 1, with the writes that follow: it gives each the next free
# slot, the reconfiguration first, so the writes fill the WINDOW behind it.
reconfigure acceptors=1,3,4 via 1
client put a 2 via 1
client put b 2 via 1
client put c 2 via 1
client put d 2 via 1
run until acceptors == 1,3,4 on all within 3s
expect leaders == 1,2 on all
run until value d == 2 on all within 2s

# The old acceptor goes; writes go on.
crash 5
client put a 3
client put b 3
run until value a == 3 on all within 3s
run until value b == 3 on all within 3s

# With 4 down as well, only the new configuration has a majority.
crash 4
client put a 4
client append c x
run until value a == 4 on all within 3s
run until value c == 2x on all within 3s
expect agree
expect linearizable
expect safe
