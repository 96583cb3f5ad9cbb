// Writing the trace (docs/scenarios.md, "The trace"): one JSON line per
// event, `{"t":<virtual us>,"ev":"<kind>",...}`, keys in a fixed order,
// integers only, no whitespace, so the same run gives the same bytes on every
// platform. The simulator writes the lines every protocol shares (send,
// deliver, timer, crash, ...); a protocol writes its own (a node's `role`,
// an `apply` at an index or a slot) through the same writer,
// from its own folder.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "quorum/types.hpp"

namespace quorum {

class TraceWriter {
  public:
    TraceWriter(std::vector<std::string>& lines, TimeUs now_us) : lines_(lines), now_us_(now_us) {}

    // Appends {"t":<now>,"ev":"<event>"<fields>}; `fields` is empty or starts
    // with a comma: `,"node":3,"term":2`.
    void write(std::string_view event, std::string_view fields);

  private:
    std::vector<std::string>& lines_;
    TimeUs now_us_;
};

// Pieces of trace lines.
std::string json_number(std::uint64_t value);
std::string json_bool(bool value);
std::string json_nodes(const std::vector<NodeId>& nodes);  // [1,2,3]

}  // namespace quorum
