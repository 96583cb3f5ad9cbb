# Two proposers livelock ("Paxos Made Simple", 2.4: "two proposers each keep
# issuing a sequence of proposals with increasing numbers, none of which are
# ever chosen"). Proposers 1 and 2 are not acceptors, backoff is off, and the
# schedule below is the adversary: each time one proposer has a majority of
# promises and sends its Accepts, the other's higher Prepare reaches the same
# acceptors first, so every Accept is refused with a Nack and the refused
# proposer retries at once with a higher ballot.
#
# Step through it in the dashboard with the Network panel open: nothing is
# ever accepted, so nothing can be chosen, yet no rule is broken. Compare
# dueling-proposers.qs, where randomized backoff ends the duel.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=all backoff=off latency=5-5ms
hold on
client propose apple via 1
client propose banana via 2
# Both requests arrive at 5 ms, before anything else.
step
step

# Round 1: proposer 1 (ballot 1.1) gathers promises from 3 and 4...
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 3 -> 1 Promise
deliver 4 -> 1 Promise
# ...but proposer 2's Prepare 1.2 reaches them before the Accepts of 1.1.
deliver 2 -> 3 Prepare
deliver 2 -> 4 Prepare
deliver 1 -> 3 Accept
deliver 1 -> 4 Accept
expect not chosen
# The Nack sends proposer 1 straight back to phase 1 with ballot 2.1.
deliver 3 -> 1 Nack
deliver 3 -> 2 Promise
deliver 4 -> 2 Promise
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 2 -> 3 Accept
deliver 2 -> 4 Accept
expect not chosen
deliver 3 -> 2 Nack

# Round 2: the same dance, one ballot higher each.
deliver 3 -> 1 Promise
deliver 4 -> 1 Promise
deliver 2 -> 3 Prepare
deliver 2 -> 4 Prepare
deliver 1 -> 3 Accept
deliver 1 -> 4 Accept
deliver 3 -> 1 Nack
deliver 3 -> 2 Promise
deliver 4 -> 2 Promise
deliver 1 -> 3 Prepare
deliver 1 -> 4 Prepare
deliver 2 -> 3 Accept
deliver 2 -> 4 Accept
deliver 3 -> 2 Nack
expect not chosen
expect safe
