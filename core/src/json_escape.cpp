// JSON string literals (RFC 8259, section 7): see quorum/json_escape.hpp.
#include "quorum/json_escape.hpp"

namespace quorum {

namespace {

// The lowest byte that may appear unescaped in a JSON string: everything
// below it is a control character.
constexpr unsigned char kFirstPrintable = 0x20;

void append_unicode_escape(std::string& out, unsigned char control) {
    constexpr std::string_view kHexDigits = "0123456789abcdef";
    out += "\\u00";
    out += kHexDigits[control >> 4];
    out += kHexDigits[control & 0x0f];
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
    out += '"';
    for (const char character : text) {
        const auto byte = static_cast<unsigned char>(character);
        if (character == '"' || character == '\\') {
            out += '\\';
            out += character;
        } else if (byte < kFirstPrintable) {
            append_unicode_escape(out, byte);
        } else {
            out += character;
        }
    }
    out += '"';
}

std::string json_string(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 2);
    append_json_string(out, text);
    return out;
}

}  // namespace quorum
