# Bug zoo, forget-vote: a node that does not make votedFor durable votes twice in one term after a restart, and the term has two leaders.
#
# The rule (Figure 2): currentTerm and votedFor are persistent state, written
# before the vote is sent. Node 2 votes for node 1 in term 1, crashes and
# restarts; with the bug it has forgotten that vote and gives node 3 a second
# one. The correct node 2 remembers it and refuses (run with
# `quorum-sim run --bug none`: node 3 never becomes leader).
cluster raft nodes=3 prevote=off checkquorum=off bug=forget-vote
hold on

# Node 1 stands in term 1; node 2 votes for it (the answer is on its way).
fire 1
drop 1 -> 3 RequestVote
deliver 1 -> 2 RequestVote
crash 2
restart 2

# Node 3 stands in term 1 too; the restarted node 2 votes for it as well.
fire 3
drop 3 -> 1 RequestVote
deliver 3 -> 2 RequestVote
deliver 2 -> 3 RequestVoteResponse
expect leader == 3
expect term == 1
# Node 2's first vote, sent before the crash, still reaches node 1.
expect violation election safety
deliver 2 -> 1 RequestVoteResponse
expect not safe
