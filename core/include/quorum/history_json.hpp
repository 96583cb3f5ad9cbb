// Client histories as JSON lines, in the format of docs/scenarios.md ("Client
// history"): one ClientOperation per line, fields in a fixed order so the same
// history always gives the same bytes.
//
//   {"client":1,"op":"put","key":"x","value":"1","call":1200,"return":5600,"ok":true}
//   {"client":2,"op":"get","key":"x","call":1300,"return":7000,"ok":true,"result":"1"}
//   {"client":3,"op":"put","key":"y","value":"2","call":9000,"return":null}
//   {"client":4,"op":"add","value":"5","call":9100,"return":9900,"ok":true,"result":"12"}
//
// Field rules:
//   key      every operation but add (the counter has no key) and propose
//   value    put, append, add (add: the amount in decimal) and propose; never get
//   return   the time of the answer, or null when none came
//   ok       answered operations only
//   result   answered operations only: a get, an add or a propose answered ok
//            always has one (get: null if the key was never set; propose: the
//            value chosen); other answered operations
//            have one only when they carry one
//
// read_history reads such a file back (quorum-sim check --history). It is as
// strict as the writer: the first line that breaks a rule above, or that is
// not a JSON object, or whose `return` comes before its `call`, is the error
// (`file:line:col: message`, the column at the offending value), and nothing
// is returned. Fields it does not know are accepted.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "quorum/history.hpp"
#include "quorum/json_reader.hpp"

namespace quorum {

// The operation's name in histories and messages: "put", "get", "append", "add",
// "propose".
std::string_view operation_name(OperationKind kind);

// One history line, without the trailing newline.
std::string to_json_line(const ClientOperation& operation);

// Either the whole History or the first error.
class HistoryReadResult {
  public:
    explicit HistoryReadResult(History history) : outcome_(std::move(history)) {}
    explicit HistoryReadResult(json::LineError error) : outcome_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<History>(outcome_); }
    // Preconditions: ok() for history(), !ok() for error().
    const History& history() const { return *std::get_if<History>(&outcome_); }
    const json::LineError& error() const { return *std::get_if<json::LineError>(&outcome_); }

  private:
    std::variant<History, json::LineError> outcome_;
};

// A whole history file's text; an empty file is an empty history.
HistoryReadResult read_history(std::string_view text);

}  // namespace quorum
