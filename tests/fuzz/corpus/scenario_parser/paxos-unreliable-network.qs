# Paxos needs no reliable network for safety, only eventually for progress:
# messages are lost (10%), duplicated (10%) and reordered, with 0-26 ms of
# delay, while three proposers compete and an acceptor crashes and comes back.
cluster paxos nodes=5 proposers=1,2,3 acceptors=all learners=all loss=0.1 dup=0.1 reorder=on latency=0-26ms
client propose apple via 1
client propose banana via 2
run 50ms
crash 4
client propose cherry via 3
run 300ms
restart 4
run until chosen within 10s
run 2s
expect chosen
expect safe
