// The vocabulary's shares of a state hash (quorum/state_hash.hpp): the
// random generator (what it will draw) and the state machine (its values and
// its clients' sessions, which decide how a retried request is answered).
#include "quorum/state_hash.hpp"

#include "quorum/random.hpp"
#include "quorum/state_machine.hpp"

namespace quorum {

void Random::hash_state(StateHasher& hasher) const {
    hasher.add(seed_, state_);
}

void StateMachine::hash_state(StateHasher& hasher) const {
    hasher.add(values_, counter_, session_texts_);
    hasher.word(sessions_.size());
    for (const Session& session : sessions_) {
        hasher.add(session.client, session.last_ok, session.last_has_text, session.last_sequence);
    }
}

}  // namespace quorum
