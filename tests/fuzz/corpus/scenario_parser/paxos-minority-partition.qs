# A proposer cut off with a minority of acceptors cannot get a value chosen;
# the proposer on the majority side can. After the partition heals, the
# isolated proposer learns that its value lost: it finds the chosen value in
# its Promises and can only propose that one.
cluster paxos nodes=5 proposers=1,5 acceptors=all learners=all
partition 1 2 | 3 4 5
client propose apple via 1
run 1s
expect not chosen
client propose banana via 5
run until chosen within 2s
expect chosen == banana
heal
run 2s
expect chosen == banana
expect safe
