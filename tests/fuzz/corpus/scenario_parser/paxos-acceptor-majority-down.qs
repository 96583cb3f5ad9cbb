# Acceptors are the memory of Paxos. With two of three acceptors down no
# ballot can gather a majority, so nothing can be chosen however long the
# proposer retries. When one comes back (it kept its promises on disk), a
# majority exists again and the value is chosen.
cluster paxos nodes=3 proposers=1 acceptors=all learners=all
crash 2
crash 3
client propose apple via 1
run 2s
expect not chosen
restart 3
run until chosen within 2s
expect chosen == apple
expect safe
