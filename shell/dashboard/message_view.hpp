// How a message looks on screen: a short label for the dot that flies
// between nodes, a colour per kind, and its fields for the Inspector. Display
// only: nothing here decides what a message does.
#pragma once

#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

#include "quorum/message.hpp"

namespace quorum::dashboard {

// "RV", "PV", "RV+" (granted), "RV-" (refused), "AE[3]", "AER+", "Prep 2.1", ...
std::string short_label(const Message& message);

// One colour per exchange (votes, replication, clients, Paxos phases 1 and 2),
// the response a lighter shade of its request.
ImU32 message_colour(const Message& message);

// The payload's fields with the papers' names, for the Inspector.
std::vector<std::pair<std::string, std::string>> message_fields(const Message& message);

// One sentence on what a field of message_fields() is, or null.
const char* message_field_help(const std::string& name);

}  // namespace quorum::dashboard
