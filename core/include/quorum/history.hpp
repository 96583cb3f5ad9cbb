// Client histories: what each client asked, when, and what it was told.
//
// The simulator records one ClientOperation per client operation; the
// linearizability checker reads them; quorum-sim --history writes them as JSON
// lines in the format of docs/scenarios.md:
//
//   {"client":1,"op":"put","key":"x","value":"1","call":1200,"return":5600,"ok":true}
//   {"client":2,"op":"get","key":"x","call":1300,"return":7000,"ok":true,"result":"1"}
//   {"client":3,"op":"put","key":"y","value":"2","call":9000,"return":null}
//
// `return: null` means no answer came before the end: the operation may or
// may not have taken effect.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "quorum/types.hpp"

namespace quorum {

// The key-value operations and the counter's add. Semantics (the state
// machines implement exactly these, the checker models exactly these):
//   put k v     sets k to v;                                      no result
//   get k       reads k;                      result: the value, or nullopt if k was never set
//   append k v  sets k to (old value or "") + v;                  no result
//   add n       adds the integer n to the single counter (key ""); result: the new total
//   propose v   one decree: proposes v (no key); result: the value chosen,
//               which may be another client's. Not a state machine command: the
//               protocol's checker judges these, not the linearizability checker.
enum class OperationKind { Put, Get, Append, Add, Propose };

struct ClientOperation {
    ClientId client = 0;
    OperationKind kind = OperationKind::Put;
    std::string key;    // empty for add
    std::string value;  // put/append: the value; add: the amount in decimal; get: empty
    TimeUs call_us = 0;
    std::optional<TimeUs> return_us;  // nullopt: never answered
    bool ok = false;                  // answered, and the operation took effect
    std::optional<std::string> result;

    friend bool operator==(const ClientOperation&, const ClientOperation&) = default;
};

using History = std::vector<ClientOperation>;

}  // namespace quorum
