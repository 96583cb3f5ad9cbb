# Single-decree Paxos, the plain case ("Paxos Made Simple", 2.2-2.3). One
# proposer runs phase 1 (Prepare, Promise) and phase 2 (Accept, Accepted)
# with three acceptors. The value is chosen the moment a majority of acceptors
# has accepted the same ballot, before anyone knows it; learners find out from
# the Accepted messages. The client asks any node: a node that is not a
# proposer sends it to one.
cluster paxos nodes=3 proposers=1 acceptors=all learners=all latency=1-10ms
client propose apple
run until chosen within 1s
expect chosen == apple
run 500ms
expect safe
expect pending == 0
