# Amnesia: what happens when acceptors do not persist (persist=off keeps
# their promise and accepted proposal in memory only). The run is
# acceptor-restart.qs's, step for step: apple is chosen, acceptors 4 and 5
# crash and come back, acceptor 3 goes down, and a second proposer asks 4
# and 5. They have forgotten apple and their promises, so they promise
# ballot 1.2 with nothing accepted, the proposer is free to propose banana,
# and they accept it: a majority of {3,4,5} accepted banana, and two values
# are chosen.
#
# The checkers catch both breaks, the promise that went back at the restart
# and the second value chosen; `expect violation` lines say that this lesson
# is about them (the run goes on past them, and fails if they do not happen).
# Learner 1 learned apple and keeps it, and proposer 2 is no learner: it
# hears about banana from its own acceptors only.
cluster paxos nodes=5 proposers=1,2 acceptors=3,4,5 learners=1 backoff=off latency=5-5ms persist=off
client propose apple via 1
run until chosen == apple within 1s
run 100ms
expect violation promise kept
crash 4
crash 5
restart 4
restart 5
crash 3
expect violation at most one value chosen
client propose banana via 2
run 1s
expect not safe
