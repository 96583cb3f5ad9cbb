# Two proposers, two values, at the same moment. Ballots (round, proposer)
# are totally ordered, so acceptors always prefer one of them; a proposer
# that learns of an accepted value in its Promises must propose that value
# instead of its own (phase 2 of the paper). Exactly one value is chosen,
# and both clients are told the same one. Randomized backoff (on by default)
# keeps the duel short: compare livelock.qs, where it is off.
cluster paxos nodes=5 proposers=1,2 acceptors=all learners=all latency=1-10ms
client propose apple via 1
client propose banana via 2
run until chosen within 3s
run 1s
expect chosen
expect safe
