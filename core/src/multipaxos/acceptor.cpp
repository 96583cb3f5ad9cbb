// PMMC section 3, "Acceptors" (Figure 4). An acceptor never lowers ballot_num
// and accepts a pvalue only with a ballot at least ballot_num: the two rules
// the whole protocol's safety rests on.
#include "quorum/multipaxos/acceptor.hpp"

namespace quorum::multipaxos {

Acceptor::Acceptor(Ballot ballot_num, std::map<Slot, PValue> accepted)
    : ballot_num_(ballot_num), accepted_(std::move(accepted)) {}

P1b Acceptor::on_p1a(const P1a& request) {
    if (request.ballot > ballot_num_) {
        ballot_num_ = request.ballot;
    }
    P1b response;
    response.request_ballot = request.ballot;
    response.ballot = ballot_num_;
    response.accepted.reserve(accepted_.size());
    for (const auto& [slot, pvalue] : accepted_) {
        response.accepted.push_back(pvalue);
    }
    return response;
}

P2b Acceptor::on_p2a(const P2a& request, bool& accepted_now) {
    accepted_now = false;
    const PValue& pvalue = request.pvalue;
    if (pvalue.ballot >= ballot_num_) {
        ballot_num_ = pvalue.ballot;
        auto [it, inserted] = accepted_.try_emplace(pvalue.slot, pvalue);
        if (!inserted && it->second != pvalue) {
            it->second = pvalue;  // a higher ballot replaces a lower one
            accepted_now = true;
        }
        accepted_now = accepted_now || inserted;
    }
    return P2b{pvalue.ballot, pvalue.slot, ballot_num_};
}

}  // namespace quorum::multipaxos
