# Lesson: Raft log replication and commitment
# Teaches: how a leader appends a client's command to its log, replicates it with AppendEntries and commits it once a majority has it.
cluster raft nodes=5 seed=7 latency=1-10ms
say "A Raft cluster keeps a *replicated log*. Clients send commands to the leader; the leader appends them to its log."
run until leader within 2s
highlight leader
say "A client writes `x = 1`."
client put x 1
highlight AppendEntries
say "The leader sends the new entry to every follower in `AppendEntries`. A follower appends it and answers."
highlight logs
ask "When may the leader *commit* the entry and apply it?" choices="When it is in its own log|When a majority of servers have it|When every server has it" answer=2 because "Once a majority stores the entry, any future leader must have it (a majority voted for that leader), so it can never be lost."
run until value x == 1 on all within 2s
say "Every server applied `x = 1`. The log is the same on all of them."
expect agree
pause
say "Try it yourself: write x = 2 with the Clients panel."
ask "Make every server hold x = 2." until value x == 2 on all within 3s because "Any client write goes through the leader's log and is applied everywhere once committed."
client put x 2
say "Appends, additions and reads go through the log the same way, so the history is *linearizable*."
client append x 3
client add 5
run until applied >= 4 on all within 2s
client get x
run 1s
expect value x == 23 on all
expect agree
expect linearizable
expect safe
