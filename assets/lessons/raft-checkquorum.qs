# Lesson: CheckQuorum and the deposed leader
# Teaches: a leader cut off from the majority is replaced in a higher term; with CheckQuorum (thesis 6.2) it notices and steps down by itself.
cluster raft nodes=5 seed=3 prevote=on checkquorum=on
say "A five-node cluster elects a leader."
run until leader within 2s
remember old = leader
remember t = term
highlight leader
say "Now the leader is cut off from everyone: it can send, but nothing arrives."
isolate leader
ask "The other four stop hearing heartbeats. Can they elect a new leader?" choices="No, the old leader is still alive|Yes, four is a majority of five" answer=2 because "An election needs a majority of votes, not the old leader's consent: four of five is enough."
run until leader != $old within 3s
expect term > $t
say "The majority has a new leader in a higher term. The old one does not know yet: it still believes it leads its old term."
ask "With *CheckQuorum* on, what does the old leader do?" choices="Keeps leading forever|Steps down once it has not heard from a majority for an election timeout|Crashes" answer=2 because "A leader that has not heard from a majority within an election timeout steps down. Without it, a deposed leader keeps accepting clients it can never serve."
highlight invariants
run 1s
say "The partition heals: the old leader learns the new term and follows."
heal
run 2s
expect leader != $old
expect term > $t
expect safe
