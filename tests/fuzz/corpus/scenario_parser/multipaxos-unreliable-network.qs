# Multi-Paxos needs no reliable network for safety, only eventually for
# progress: messages are lost (10%), duplicated (10%) and reordered, with
# 0-26 ms of delay. PMMC assumes reliable channels; here replicas propose
# again after a while without progress (filling holes with no-ops), leaders
# send their P1a and P2a again to acceptors that have not answered, and
# clients retry through other replicas. A command a client retried through
# two replicas may be decided in two slots: the state machine's client
# sessions apply it once.
cluster multipaxos nodes=5 replicas=1,2,3 leaders=1,2 acceptors=3,4,5 loss=0.1 dup=0.1 reorder=on latency=0-26ms
client put a 1
client put b 2
run 50ms
client append d x
client add 3
client put c 3
run until value a == 1 on all within 10s
run until value d == x on all within 10s
run until value b == 2 on all within 10s
run until value c == 3 on all within 10s
run 2s
expect agree
expect linearizable
expect safe
