// A tiny JSON string writer for the core.
//
// The core may not use a JSON library (docs/design.md: the standard library only),
// yet it writes JSON lines (client histories, traces). Writing is the easy
// half of JSON: a string needs its quotes, its backslashes and its control
// characters escaped (RFC 8259, section 7), and nothing else. Control
// characters are always written as \u00XX, never in the short forms (\n, \t),
// so there is one rule to read. Bytes at or above 0x80 pass through unchanged:
// the core's strings are UTF-8 already.
#pragma once

#include <string>
#include <string_view>

namespace quorum {

// Appends `text` to `out` as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view text);

// `text` as a JSON string literal, quotes included: hi"there -> "hi\"there".
std::string json_string(std::string_view text);

}  // namespace quorum
