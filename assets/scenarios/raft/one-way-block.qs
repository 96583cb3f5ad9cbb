# A one-way link failure: the leader can send but not receive.
#
# Node 1 leads. Then every message *to* node 1 is lost (`block <from> -> <to>`
# cuts one direction only), while everything node 1 sends still arrives. Its
# heartbeats keep reaching the followers, so none of them ever times out and
# runs for election; but it never hears an acknowledgement, so nothing new can
# commit. Without CheckQuorum (thesis 6.2) the cluster would stay stuck like
# this for as long as the link is broken: a leader everyone obeys that cannot
# get anything done.
#
# With CheckQuorum, a leader that has not heard from a majority within an
# election timeout steps down by itself. Its heartbeats stop, the followers
# time out, and one of them is elected in a new term; the write the old leader
# could not commit gets committed by the new one. Node 1, now a follower that
# hears nothing, keeps timing out, but PreVote keeps it from bumping the term
# and disturbing the new leader: its pre-vote requests get answers it never
# receives, so it never becomes a candidate.
cluster raft nodes=5 seed=1 prevote=on checkquorum=on
# Make node 1 the leader: its timer fires first, long before anyone else's.
hold on
fire 1
hold off
run until leader within 1s
expect leader == 1
client put x 1
run until value x == 1 on all within 2s
remember t = term
# Node 1 can send to everyone, but no one can answer it.
block 2 -> 1
block 3 -> 1
block 4 -> 1
block 5 -> 1
client put x 2
# The old leader steps down on its own: no higher term forced it.
run until no leader within 2s
expect term == $t
# A follower stops hearing heartbeats, runs, and wins a new term.
run until leader within 3s
expect leader != 1
expect term > $t
remember t2 = term
run until value x == 2 on 2 within 3s
# Node 1 keeps timing out, but PreVote holds it back: no new term, same leader.
run 2s
expect term == $t2
expect leader != 1
heal
run until value x == 2 on all within 3s
expect agree
expect linearizable
expect safe
