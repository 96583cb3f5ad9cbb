// What the dashboard shows of one protocol, behind one interface: the look of
// its nodes on the ring, its messages' labels, colours and fields, what the
// Inspector and the Logs panel draw of a node, the client operations it
// takes, its part of window.quorum.state(), and the options its Setup offers.
//
// Each protocol implements it once, in its own folder (protocols/<name>/),
// reading its typed state with cluster.nodes<P>(); protocols/registry.hpp
// finds the view of the protocol a cluster runs. The panels are written once
// against this interface and never ask which protocol runs (Stateright's
// explorer, written once against its Actor trait).
//
// Below the interface: helpers the protocol views share (a field table for
// the Inspector, the positions table of the Logs panel, the clients'
// messages, which every protocol carries alike).
#pragma once

#include <imgui.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quorum/client_messages.hpp"
#include "quorum/history.hpp"
#include "quorum/protocol.hpp"
#include "quorum/sim/cluster.hpp"
#include "theme.hpp"

namespace quorum::dashboard {

// How a live node looks on the ring.
struct NodeLook {
    ImU32 colour = Theme::kCrashed;
    int sides = 32;      // ImGui's n-gon: 32 is a circle, 4 a diamond, 6 a hexagon
    std::string letter;  // inside the shape
    std::string line1;   // under the node
    std::string line2;
    float timer_left = -1;  // share of the timer left, 0..1; < 0: no timer
};

// A message's fields with the papers' names, for the Inspector: name, value.
using Fields = std::vector<std::pair<std::string, std::string>>;

class ProtocolView {
  public:
    virtual ~ProtocolView() = default;

    // --- Names for people.
    // The Setup panel's radio button: the protocol's name, and which variant.
    virtual const char* setup_label() const = 0;
    // As a sentence lists it (the About panel), in lower case unless a name.
    virtual const char* name_in_text() const = 0;

    // --- The Setup panel.
    // An on/off option of the protocol's option table (quorum/options.hpp)
    // the panel offers as a checkbox, with its label there.
    struct SetupOption {
        std::string_view option;
        const char* label;
    };
    virtual std::span<const SetupOption> setup_options() const = 0;
    // Said instead when there are no options to offer.
    virtual const char* setup_note() const { return ""; }
    // The bundled scenario ("<name>/<file>.qs") its lessons start with.
    virtual const char* first_scenario() const = 0;

    // --- The Cluster panel.
    // The line above the ring: the protocol, the size, who leads.
    virtual std::string header(const sim::Cluster& cluster) const = 0;
    virtual NodeLook node_look(const sim::Cluster& cluster, NodeId id) const = 0;  // a live node
    virtual const char* legend() const = 0;  // the shapes' letters
    // What the messages' labels on the ring mean ("AE[n] AppendEntries with
    // n entries ..."), the line under legend().
    virtual const char* message_legend() const = 0;
    // What each label under a node means, in the paper's words.
    virtual const char* node_help() const = 0;
    // Whether "the leader" means something (Chaos: kill or isolate it).
    virtual bool has_leader() const = 0;

    // --- Messages in flight.
    // "AE[3]", "RV+", "P1a 2.1": the dot's label on the ring.
    virtual std::string message_label(const sim::Cluster& cluster,
                                      const sim::InFlight& flight) const = 0;
    // One colour per exchange, the response a lighter shade of its request.
    virtual ImU32 message_colour(const sim::Cluster& cluster,
                                 const sim::InFlight& flight) const = 0;
    virtual Fields message_fields(const sim::Cluster& cluster,
                                  const sim::InFlight& flight) const = 0;
    // One sentence on what a field of message_fields() is, or null.
    virtual const char* message_field_help(std::string_view field) const = 0;

    // --- The Inspector and the Logs panel.
    virtual void draw_node(const sim::Cluster& cluster, NodeId id) const = 0;  // a live node
    // A crashed node: what it made durable, if the protocol shows it.
    virtual void draw_crashed_node(const sim::Cluster& cluster, NodeId id) const = 0;
    // Every node's log, slots or agents' state, side by side.
    virtual void draw_logs(const sim::Cluster& cluster) const = 0;

    // --- Clients: the operations its clients may start (the Clients panel
    // offers exactly these, the session refuses the others).
    virtual std::span<const OperationKind> operations() const = 0;

    // --- window.quorum.state().
    // A live node: {"id":..,"up":true,...} with the protocol's fields.
    virtual nlohmann::json node_json(const sim::Cluster& cluster, NodeId id) const = 0;
    // The protocol's keys of the state's top level, if it has any.
    virtual void add_state_json(const sim::Cluster& cluster, nlohmann::json& state) const;

    // --- The session's snapshots: bytes a copy of the cluster holds beyond
    // its fixed part (logs that grow with the run), to bound their memory.
    virtual std::size_t snapshot_bytes(const sim::Cluster& cluster) const;
};

// Each protocol's view, defined in its folder (protocols/<name>/view.cpp);
// the registry (protocols/registry.hpp) is what calls it.
template <Protocol P>
const ProtocolView& view_of();

// -----------------------------------------------------------------------------
// Helpers for the protocol views.
// -----------------------------------------------------------------------------

// The share of a timer of length `range` left at `now`, 0..1; -1 if no range.
float share_left(TimeUs deadline, TimeUs now, TimeUs range);

// "S3", or "none".
std::string node_text(NodeId node);
// "1.250 s (in 0.050 s)".
std::string deadline_text(TimeUs deadline, TimeUs now);

// The Inspector's two-column field tables: begin_fields(), rows, EndTable.
inline const ImVec4 kDurableHeading{0.55f, 0.80f, 1.00f, 1.0f};
inline const ImVec4 kVolatileHeading{0.95f, 0.75f, 0.35f, 1.0f};
bool begin_fields(const char* id);
// One field: its name (hover for what it is, in one sentence with the
// paper's name for it) and its value.
void field_row(const char* name, const std::string& value, const char* help = nullptr);

// The Logs panel's tables.
constexpr ImGuiTableFlags kLogTableFlags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                           ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                           ImGuiTableFlags_SizingFixedFit;
// A cell colour for what is not settled yet.
ImU32 faded(ImU32 colour);
// A cell of solid `colour` with dark text, or faded with light text.
void coloured_cell(ImU32 colour, bool solid, const std::string& text);

// Logs and slots share one table: a row per position, newest first (they
// are the ones changing), a column per node, only the visible rows drawn.
// `draw_cell(column, position)` fills one cell.
template <typename DrawCell>
void positions_table(const char* id, const char* position_name,
                     const std::vector<std::string>& column_names, std::uint64_t highest,
                     const DrawCell& draw_cell) {
    if (!ImGui::BeginTable(id, static_cast<int>(column_names.size()) + 1, kLogTableFlags)) {
        return;
    }
    ImGui::TableSetupScrollFreeze(1, 1);
    ImGui::TableSetupColumn(position_name);
    // Every column on screen when it can be (Multi-Paxos has a replica and an
    // acceptor column per node, ten at 1280x720): narrower columns before a
    // horizontal scroll. The reserve is the position column and a scrollbar.
    const float font = ImGui::GetFontSize();
    const float reserve = ImGui::CalcTextSize(position_name).x + ImGui::GetStyle().ScrollbarSize +
                          ImGui::GetStyle().CellPadding.x * 4.0f;
    const float share = (ImGui::GetContentRegionAvail().x - reserve) /
                        static_cast<float>(std::max<std::size_t>(column_names.size(), 1));
    const float width =
        std::clamp(share - ImGui::GetStyle().CellPadding.x * 2.0f, font * 3.0f, font * 8.5f);
    for (const std::string& name : column_names) {
        ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthFixed, width);
    }
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(highest));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::uint64_t position = highest - static_cast<std::uint64_t>(row);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%llu", static_cast<unsigned long long>(position));
            for (std::size_t column = 0; column < column_names.size(); ++column) {
                ImGui::TableNextColumn();
                draw_cell(column, position);
            }
        }
    }
    ImGui::EndTable();
}

// The clients' messages, which every protocol's payload carries alike.
std::string client_label(const ClientRequest& request);
std::string client_label(const ClientResponse& response);
ImU32 client_colour(const ClientRequest& request);
ImU32 client_colour(const ClientResponse& response);
Fields client_fields(const ClientRequest& request);
Fields client_fields(const ClientResponse& response);
// One sentence on a field of client_fields(), or null.
const char* client_field_help(std::string_view field);

// The help of `field` in a table of {field, sentence} pairs, or null.
const char* find_help(std::span<const std::pair<const char*, const char*>> table,
                      std::string_view field);

}  // namespace quorum::dashboard
