# Once a value is chosen, it stays chosen: a later proposer with a higher
# ballot hears of the accepted value in its Promises and proposes it again,
# whatever its own client asked for (P2c in the paper).
cluster paxos nodes=3 proposers=1,2 acceptors=all learners=all
client propose apple via 1
run until chosen within 1s
expect chosen == apple
run 300ms
client propose banana via 2
run 1s
expect chosen == apple
expect safe
