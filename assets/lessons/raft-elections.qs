# Lesson: Raft elections and terms
# Teaches: the election timeout, votes from a majority, terms that only go up, and a crashed leader replaced in a higher term.
cluster raft nodes=5 seed=42 prevote=off checkquorum=off election=150-300ms heartbeat=50ms latency=1-10ms
say "Five Raft servers, S1 to S5, as in the paper: no PreVote, no CheckQuorum (later lessons add them). All start as *followers* in term 0, and none has heard from a leader."
highlight cluster
say "Each follower waits a random *election timeout* (150-300 ms). The first to time out becomes a *candidate*, starts term 1 and asks the others for their votes with `RequestVote`."
highlight RequestVote
run until leader within 2s
say "A candidate that gets the votes of a majority becomes the *leader* of its term and sends heartbeats (`AppendEntries`) to stay leader."
ask "How many votes does a leader of five servers need, its own included?" choices="2|3|5" answer=2 because "A majority of 5 is 3. Two majorities always share a server, and a server votes once per term, so a term has at most one leader."
remember old = leader
remember t = term
pause
say "Now the leader crashes. The followers stop hearing heartbeats."
crash leader
highlight time
ask "When the next leader is elected, what happens to the term?" choices="It stays the same|It goes up|It goes back to 0" answer=2 because "Every election starts a new term: a candidate increments its term. Terms act as a logical clock, and a server that sees a higher term steps down."
run until leader within 2s
expect leader != $old
expect term > $t
say "The crashed server comes back as a follower. It learns the new term from the first message it gets."
restart $old
run 1s
expect leader != $old
remember l2 = leader
pause
say "Try it yourself: a follower whose timer fires starts an election. In the Chaos panel, fire node 3's timer (or pick node 3 on the ring and press *Fire*)."
ask "Make node 3 the leader without killing anyone." until leader == 3 within 3s because "Firing node 3's election timer makes it a candidate of a higher term; its log is as long as everyone's, so the others vote for it."
fire 3
say "Elections need no clock agreement: randomized timeouts and the term number are enough."
expect safe
