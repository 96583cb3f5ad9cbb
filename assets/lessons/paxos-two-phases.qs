# Lesson: Single-decree Paxos in two phases
# Teaches: Prepare and Promise (phase 1), Accept and Accepted (phase 2), and the moment a value is chosen: when a majority of acceptors accepts one ballot, before anyone knows it.
cluster paxos nodes=4 proposers=1 acceptors=2,3,4 learners=1 backoff=off latency=5-5ms
say "Node 1 is a *proposer*; nodes 2, 3 and 4 are *acceptors*. The network is held: we deliver each message by hand."
hold on
client propose apple via 1
step
highlight 1
say "Phase 1: the proposer picks a ballot and sends `Prepare` to the acceptors."
highlight Prepare
deliver 1 -> 2 Prepare
deliver 1 -> 3 Prepare
ask "What does an acceptor promise when it answers a Prepare of ballot b?" choices="To accept only value apple|Never to accept a ballot lower than b|To vote for node 1 forever" answer=2 because "A Promise says: I will ignore every ballot below b, and here is the highest proposal I have accepted so far (none yet)."
highlight Promise
deliver 2 -> 1 Promise
deliver 3 -> 1 Promise
say "Two promises out of three acceptors: a majority. Phase 2: the proposer sends `Accept` with its value, since no promise reported an accepted one."
highlight Accept
deliver 1 -> 2 Accept
expect not chosen
ask "One acceptor has accepted apple. Is apple chosen?" choices="Yes|No, a majority must accept the same ballot" answer=2 because "A value is chosen when a majority of acceptors has accepted it in the same ballot."
deliver 1 -> 3 Accept
expect chosen == apple
ask "Now acceptors 2 and 3 accepted. Who knows that apple is chosen?" choices="Everybody|Nobody yet: the Accepted messages are still in flight|Only node 4" answer=2 because "The value is chosen the moment the majority accepts, but learners find out only from the Accepted messages."
highlight Accepted
say "Let the network run: the learner hears the Accepted messages and the client gets its answer."
hold off
run 1s
expect chosen == apple
expect safe
