// The acceptor ("Paxos Made Simple", section 2.2):
//   Phase 1b: on Prepare(n) with n above every ballot it has promised, it
//   promises n and reports the highest-numbered proposal it has accepted.
//   Phase 2b: on Accept(n, v) it accepts, unless it has promised a ballot
//   above n.
// Everything it promises or accepts is written through the Ready's durable
// write before the Promise or Accepted leaves (the host's rule), so a
// restarted acceptor keeps its promises. Refusals are Nacks naming the
// higher promise, so the proposer need not wait for a timeout (section 2.3).
#include <algorithm>

#include "quorum/paxos/node.hpp"

namespace quorum::paxos {

// The same ballot again (a duplicated Prepare) gets the same promise again:
// it promises nothing new, and a Nack would make the proposer give up a
// ballot that may still succeed.
void Node::handle_prepare(NodeId from, const Prepare& prepare) {
    if (prepare.ballot < acceptor_.promised) {
        send(from, Nack{prepare.ballot, acceptor_.promised});
        return;
    }
    acceptor_.promised = prepare.ballot;
    send(from, Promise{prepare.ballot, acceptor_.accepted});
}

// Accepting n also promises n: a Prepare below n from now on is refused.
// Every learner hears of the acceptance, and so does the ballot's proposer.
void Node::handle_accept(NodeId from, const Accept& accept) {
    const bool breaks_promise = accept.ballot < acceptor_.promised;
    if (breaks_promise && !config_.faults.acceptor_accepts_below_promise) {
        send(from, Nack{accept.ballot, acceptor_.promised});
        return;
    }
    acceptor_.promised = std::max(acceptor_.promised, accept.ballot);
    acceptor_.accepted = Proposal{accept.ballot, accept.value};
    const Accepted notice{accept.ballot, accept.value};
    broadcast(config_.learners, notice);
    if (!is_learner(accept.ballot.node)) {
        send(accept.ballot.node, notice);
    }
}

}  // namespace quorum::paxos
