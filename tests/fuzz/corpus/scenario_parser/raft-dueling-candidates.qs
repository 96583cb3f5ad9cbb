# Two nodes time out at once, split the vote, and randomized timeouts break
# the tie: exactly one leader in the end, and never two in one term.
cluster raft nodes=4 seed=5 prevote=off
hold on
fire 1
fire 2
deliver 1 -> 3 RequestVote
deliver 2 -> 4 RequestVote
hold off
run until leader within 3s
run 1s
expect leader
expect safe
