# Lesson: The amnesia bug: an acceptor that forgets
# Teaches: why an acceptor must write its promise and accepted proposal to disk before answering; acceptors that forget on restart let two values be chosen.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=1 backoff=off latency=5-5ms persist=off
say "Here acceptors keep their promise and accepted proposal *in memory only* (persist=off). That breaks Paxos on purpose."
highlight invariants
client propose apple via 1
run until chosen == apple within 1s
run 100ms
say "Apple is chosen: acceptors 3, 4 and 5 accepted it in ballot 1.1."
expect violation promise kept
ask "Acceptors 4 and 5 crash and restart. What do they remember?" choices="Their promise and apple|Nothing: it was all in memory" answer=2 because "With persist=off, a restart loses everything an acceptor promised and accepted."
crash 4
crash 5
restart 4
restart 5
crash 3
say "Acceptor 3 goes down. Proposer 2 proposes banana and asks 4 and 5, the only acceptors left: a majority of three."
expect violation at most one value chosen
client propose banana via 2
highlight Promise
ask "Their promises report nothing accepted. Which value must proposer 2 propose?" choices="apple|banana, its own" answer=2 because "Phase 2 takes the value of the highest accepted proposal in the promises; there is none, so the proposer is free to propose banana. 4 and 5 accept it: a second value is chosen."
run 1s
say "Both rules broke: a promise went back, and two values were chosen. The Invariants panel shows where."
expect not safe
