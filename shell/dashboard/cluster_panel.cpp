// [SECTION] Geometry     where nodes and messages are
// [SECTION] Nodes        shape, letter, timer arc, labels (the protocol's view)
// [SECTION] Network      partitions and messages in flight
// [SECTION] Panel        the canvas, clicks, the legend
#include "cluster_panel.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "fonts.hpp"
#include "protocols/registry.hpp"
#include "session.hpp"
#include "theme.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

constexpr float kPi = std::numbers::pi_v<float>;
// Drawing every dot of a flood of messages costs frames and shows nothing:
// beyond this many, the oldest are left out (the Network panel lists them all).
constexpr std::size_t kMaxMessagesDrawn = 300;
constexpr std::size_t kMaxLabelledMessages = 40;

// -----------------------------------------------------------------------------
// [SECTION] Geometry
// -----------------------------------------------------------------------------

}  // namespace

// An ellipse rather than a circle: the panel is wider than tall, and the
// labels under each node need the room.
struct ClusterPanel::Ring {
    ImVec2 centre;
    ImVec2 radius;
    float node_radius = 0;
    std::size_t count = 0;
    // Labels (names, state lines, message labels) grow with the nodes, so a
    // class reads them from as far away as it sees the nodes.
    ImFont* font = nullptr;
    float text_px = 0;

    float line_height() const { return text_px; }  // ImGui's line height is its text size
    ImVec2 text_size(const std::string& text) const {
        return font->CalcTextSizeA(text_px, FLT_MAX, 0.0f, text.c_str());
    }

    ImVec2 node(NodeId id) const {
        const float angle =
            -kPi / 2 + 2 * kPi * static_cast<float>(id - 1) / static_cast<float>(count);
        return {centre.x + radius.x * std::cos(angle), centre.y + radius.y * std::sin(angle)};
    }
    // Clients are not nodes: their messages come from and go to the centre.
    ImVec2 address(NodeId address) const {
        return is_client_address(address) || address == kNoNode || address > count ? centre
                                                                                   : node(address);
    }
};

namespace {

using Ring = ClusterPanel::Ring;

ImVec2 lerp(ImVec2 a, ImVec2 b, float t) {
    return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
}

float distance(ImVec2 a, ImVec2 b) {
    return std::hypot(a.x - b.x, a.y - b.y);
}

// Where a message is: along its path from the sender's edge to the receiver's,
// by the share of its delay that has passed; shifted to the right of its
// direction so the two directions of a link do not overlap.
ImVec2 message_position(const Ring& ring, const sim::InFlight& flight, TimeUs now) {
    const ImVec2 from = ring.address(flight.from);
    const ImVec2 to = ring.address(flight.to);
    const TimeUs span = std::max<TimeUs>(flight.due_us - flight.sent_us, 1);
    const float t =
        std::clamp(static_cast<float>(now - flight.sent_us) / static_cast<float>(span), 0.0f, 1.0f);
    const float length = std::max(distance(from, to), 1.0f);
    const ImVec2 direction((to.x - from.x) / length, (to.y - from.y) / length);
    // Out of the node and its timer arc, so a fresh broadcast fans out
    // around its sender instead of piling up on it.
    const float inset = std::min(ring.node_radius * 1.6f, length * 0.35f);
    const ImVec2 start(from.x + direction.x * inset, from.y + direction.y * inset);
    const ImVec2 end(to.x - direction.x * inset, to.y - direction.y * inset);
    const ImVec2 at = lerp(start, end, t);
    const float shift = ring.node_radius * 0.22f;
    return {at.x - direction.y * shift, at.y + direction.x * shift};
}

// -----------------------------------------------------------------------------
// [SECTION] Nodes
// -----------------------------------------------------------------------------

void draw_centred_text(ImDrawList* draw, const Ring& ring, ImVec2 centre, ImU32 colour,
                       const std::string& text) {
    const ImVec2 size = ring.text_size(text);
    draw->AddText(ring.font, ring.text_px, ImVec2(centre.x - size.x / 2, centre.y - size.y / 2),
                  colour, text.c_str());
}

void draw_node(ImDrawList* draw, const Ring& ring, const PanelContext& context, NodeId id,
               bool selected) {
    const sim::Cluster& cluster = context.session.cluster();
    const ImVec2 at = ring.node(id);
    const float r = ring.node_radius;
    const float line = context.theme.line_scale();
    const bool up = cluster.is_up(id);
    NodeLook look;
    const WorkersRunner* runner = context.session.runner();
    if (!up) {
        look.letter = "X";
        look.line1 = "crashed";
        if (runner != nullptr) {
            const auto status = runner->nodes()[id].status;
            if (status == WorkersRunner::NodeStatus::DiskFailed) {
                look.line1 = "disk failed";
                look.line2 = "see Setup";
            } else if (status == WorkersRunner::NodeStatus::Booting) {
                look.line1 = "starting";
            }
        }
    } else {
        look = protocol_view(cluster).node_look(cluster, id);
    }
    draw->AddNgonFilled(at, r, look.colour, look.sides);
    draw->AddNgon(at, r, IM_COL32(20, 20, 20, 255), look.sides, 2.0f * line);
    if (selected) {
        draw->AddCircle(at, r * 1.35f, Theme::kSelected, 48, 2.5f * line);
    }
    // The timer drains clockwise from 12 o'clock.
    if (look.timer_left > 0) {
        draw->PathArcTo(at, r * 1.18f, -kPi / 2, -kPi / 2 + 2 * kPi * look.timer_left, 48);
        draw->PathStroke(IM_COL32(230, 230, 230, 220), 0, 3.0f * line);
    }
    draw_centred_text(draw, ring, at, up ? IM_COL32(0, 0, 0, 255) : IM_COL32(220, 220, 220, 255),
                      look.letter);
    const float line_height = ring.line_height();
    const ImU32 text = up ? IM_COL32(235, 235, 235, 255) : IM_COL32(150, 150, 150, 255);
    const float below = at.y + r * 1.3f + line_height * 0.5f;
    draw_centred_text(draw, ring, ImVec2(at.x, at.y - r * 1.3f - line_height * 0.5f), text,
                      "S" + std::to_string(id));
    draw_centred_text(draw, ring, ImVec2(at.x, below), text, look.line1);
    // A flat ring (large text in a short panel) has no room for a second
    // line: the Inspector and the Logs panel show the commit index anyway.
    if (ring.radius.y >= 3.0f * line_height) {
        draw_centred_text(draw, ring, ImVec2(at.x, below + line_height), text, look.line2);
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Network
// -----------------------------------------------------------------------------

// Each partition group is a translucent blob around its nodes, joined by
// thick strokes, so nodes that can talk share one shaded region.
void draw_partitions(ImDrawList* draw, const Ring& ring, const sim::Cluster& cluster) {
    const sim::Reachability& reach = cluster.reachability();
    if (!reach.is_partitioned()) {
        return;
    }
    static constexpr ImU32 kGroupColours[] = {
        IM_COL32(86, 180, 233, 50), IM_COL32(230, 159, 0, 50), IM_COL32(204, 121, 167, 50),
        IM_COL32(0, 158, 115, 50), IM_COL32(240, 228, 66, 50)};
    const auto count = static_cast<NodeId>(cluster.size());
    for (NodeId a = 1; a <= count; ++a) {
        const int group = reach.group_of(a);
        const ImU32 colour = kGroupColours[static_cast<std::size_t>(group) % 5];
        draw->AddCircleFilled(ring.node(a), ring.node_radius * 1.9f, colour, 40);
        for (NodeId b = a + 1; b <= count; ++b) {
            if (reach.group_of(b) == group && reach.can_deliver(a, b)) {
                draw->AddLine(ring.node(a), ring.node(b), colour, ring.node_radius * 3.0f);
            }
        }
    }
}

struct Box {
    ImVec2 min;
    ImVec2 max;
};

bool overlaps(const Box& a, const Box& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

// Greedy placement: a label that would cover a node or an earlier label is
// left out (the dot's colour and the Network panel still say what it is), so
// a fresh broadcast does not pile its labels on its sender.
void draw_label(ImDrawList* draw, std::vector<Box>& placed, const Ring& ring, ImVec2 at, float dot,
                const std::string& label, bool force) {
    const ImVec2 size = ring.text_size(label);
    const ImVec2 corner(at.x + dot * 1.4f, at.y - size.y * 0.5f);
    const Box rect{corner, ImVec2(corner.x + size.x, corner.y + size.y)};
    if (!force) {
        for (const Box& other : placed) {
            if (overlaps(rect, other)) {
                return;
            }
        }
        for (NodeId id = 1; id <= ring.count; ++id) {
            const ImVec2 node = ring.node(id);
            const float r = ring.node_radius * 1.2f;
            if (overlaps(rect,
                         Box{ImVec2(node.x - r, node.y - r), ImVec2(node.x + r, node.y + r)})) {
                return;
            }
        }
    }
    placed.push_back(rect);
    // A dark plate keeps the label readable over lines and shaded partitions.
    draw->AddRectFilled(rect.min, rect.max, IM_COL32(15, 17, 21, 190), 2.0f);
    draw->AddText(ring.font, ring.text_px, corner, IM_COL32(235, 235, 235, 255), label.c_str());
}

struct DrawnMessage {
    std::uint64_t id = 0;
    ImVec2 at;
};

std::vector<DrawnMessage> draw_messages(ImDrawList* draw, const Ring& ring,
                                        const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    const sim::InFlightSet& in_flight = cluster.in_flight();
    const ProtocolView& view = protocol_view(cluster);
    const Selection& selection = context.session.selection();
    const float line = context.theme.line_scale();
    const float dot = std::max(ring.node_radius * 0.22f, 4.0f);
    const bool labelled = in_flight.size() <= kMaxLabelledMessages;
    std::vector<DrawnMessage> drawn;
    std::vector<Box> labels;
    const std::size_t first =
        in_flight.size() > kMaxMessagesDrawn ? in_flight.size() - kMaxMessagesDrawn : 0;
    for (std::size_t i = first; i < in_flight.size(); ++i) {
        const sim::InFlight& flight = in_flight[i];
        const ImVec2 at = message_position(ring, flight, cluster.now());
        const ImU32 colour = view.message_colour(cluster, flight);
        if (flight.will_be_lost) {
            // Lost on the way: a hollow dot with a vermillion cross.
            draw->AddCircle(at, dot, colour, 16, 2.0f * line);
            draw->AddLine(ImVec2(at.x - dot, at.y - dot), ImVec2(at.x + dot, at.y + dot),
                          Theme::kLost, 2.0f * line);
            draw->AddLine(ImVec2(at.x - dot, at.y + dot), ImVec2(at.x + dot, at.y - dot),
                          Theme::kLost, 2.0f * line);
        } else {
            draw->AddCircleFilled(at, dot, colour, 16);
        }
        if (flight.duplicate) {  // a network copy: a second ring around it
            draw->AddCircle(at, dot * 1.6f, colour, 16, 1.5f * line);
        }
        const bool selected =
            (selection.kind == SelectionKind::Message && selection.message_id == flight.id) ||
            context.session.hovered_message() == flight.id;
        if (selected) {
            draw->AddCircle(at, dot * 2.2f, Theme::kSelected, 20, 2.0f * line);
        }
        if (labelled || selected) {
            draw_label(draw, labels, ring, at, dot, view.message_label(cluster, flight), selected);
        }
        drawn.push_back({flight.id, at});
        context.widgets.record("msg." + std::to_string(flight.id), ImVec2(at.x - dot, at.y - dot),
                               ImVec2(at.x + dot, at.y + dot));
    }
    return drawn;
}

// -----------------------------------------------------------------------------
// [SECTION] Panel
// -----------------------------------------------------------------------------

void draw_header(const PanelContext& context) {
    const Session& session = context.session;
    const sim::Cluster& cluster = session.cluster();
    ImGui::TextUnformatted(protocol_view(cluster).header(cluster).c_str());
    // What the last command could not do ("there is no leader"), wrapped at
    // the panel's edge: a long notice never runs past it.
    if (!session.notice().empty()) {
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.3f, 1.0f), "%s", session.notice().c_str());
        ImGui::PopTextWrapPos();
        context.widgets.record_last_item("cluster.notice");
    }
}

void draw_legend(ImDrawList* draw, ImVec2 corner, const sim::Cluster& cluster) {
    const float h = ImGui::GetTextLineHeight();
    draw->AddText(ImVec2(corner.x, corner.y - 3 * h), IM_COL32(190, 190, 190, 255),
                  protocol_view(cluster).legend());
    draw->AddText(ImVec2(corner.x, corner.y - 2 * h), IM_COL32(190, 190, 190, 255),
                  protocol_view(cluster).message_legend());
    draw->AddText(ImVec2(corner.x, corner.y - h), IM_COL32(190, 190, 190, 255),
                  "arc: time left on the node's timer   ring: network copy   X: will be lost");
}

// The node under `at`, if any.
NodeId node_at(const Ring& ring, ImVec2 at) {
    for (NodeId id = 1; id <= ring.count; ++id) {
        if (distance(ring.node(id), at) <= ring.node_radius * 1.2f) {
            return id;
        }
    }
    return kNoNode;
}

// Clicks pick the nearest node or message under the mouse.
void handle_click(const PanelContext& context, const Ring& ring,
                  const std::vector<DrawnMessage>& messages) {
    if (!ImGui::IsItemClicked(ImGuiMouseButton_Left)) {
        return;
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const float pick = std::max(ring.node_radius * 0.45f, 8.0f);
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        if (distance(it->at, mouse) <= pick) {
            context.command(cmd::SelectMessage{it->id});
            return;
        }
    }
    if (const NodeId id = node_at(ring, mouse); id != kNoNode) {
        context.command(cmd::SelectNode{id});
        return;
    }
    context.command(cmd::ClearSelection{});
}

}  // namespace

// Partition by hand: press on a node, drag, release on another node (join
// its group) or on empty space (a group of its own). A press and release
// without a drag is a click.
void ClusterPanel::handle_drag(const PanelContext& context, const Ring& ring) {
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    if (ImGui::IsItemActivated()) {
        dragging_ = node_at(ring, mouse);
    }
    if (dragging_ == kNoNode) {
        return;
    }
    const bool dragged = ImGui::IsMouseDragging(ImGuiMouseButton_Left, ring.node_radius * 0.5f);
    if (ImGui::IsItemActive()) {
        if (dragged) {
            ImDrawList* draw = ImGui::GetWindowDrawList();
            const ImU32 colour = IM_COL32(255, 255, 255, 200);
            const float line = context.theme.line_scale();
            draw->AddLine(ring.node(dragging_), mouse, colour, 2.0f * line);
            draw->AddCircle(mouse, ring.node_radius, colour, 32, 2.0f * line);
        }
        return;
    }
    if (ImGui::IsItemDeactivated() && distance(ring.node(dragging_), mouse) > ring.node_radius) {
        const NodeId target = node_at(ring, mouse);
        if (target != dragging_) {
            context.command(cmd::Group{dragging_, target});
        }
    }
    dragging_ = kNoNode;
}

void ClusterPanel::draw(const PanelContext& context) {
    const sim::Cluster& cluster = context.session.cluster();
    draw_header(context);
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 area = ImGui::GetContentRegionAvail();
    if (area.x < 50 || area.y < 50) {
        return;
    }
    {
        ImGui::InvisibleButton("##canvas", area);
        const float h = ImGui::GetTextLineHeight();
        Ring ring;
        ring.count = cluster.size();
        // Room for the name above each node, two lines below, the legend's
        // three lines at the bottom, and half a label's width at the sides.
        const float drawing_height = area.y - 3 * h;
        // Nodes (and with them the message dots) grow with the panel: on a
        // projector's big screen the ring fills the room it is given.
        ring.node_radius = std::clamp(std::min(area.x, drawing_height) * 0.09f, h * 1.1f, h * 4.0f);
        // At 1280x720 the nodes are about a line and a quarter: labels at the
        // text size. Bigger nodes (a projector) get labels up to 1.6 times it.
        ring.font = context.fonts.label() != nullptr ? context.fonts.label() : ImGui::GetFont();
        ring.text_px = ImGui::GetFontSize() *
                       std::clamp(ring.node_radius / (1.25f * h), 1.0f, Fonts::kLabelScaleMax);
        const float lh = ring.line_height();
        const float above = ring.node_radius * 1.3f + lh;
        const float below = ring.node_radius * 1.3f + 2.5f * lh;
        ring.centre =
            ImVec2(origin.x + area.x / 2, origin.y + above + (drawing_height - above - below) / 2);
        ring.radius = ImVec2(std::max(area.x / 2 - 5.5f * lh, ring.node_radius * 1.5f),
                             std::max((drawing_height - above - below) / 2, ring.node_radius));

        ImDrawList* draw = ImGui::GetWindowDrawList();
        draw->PushClipRect(origin, ImVec2(origin.x + area.x, origin.y + area.y), true);
        draw_partitions(draw, ring, cluster);
        const Selection& selection = context.session.selection();
        for (NodeId id = 1; id <= ring.count; ++id) {
            draw_node(draw, ring, context, id,
                      selection.kind == SelectionKind::Node && selection.node == id);
            const ImVec2 at = ring.node(id);
            const float r = ring.node_radius;
            context.widgets.record("node." + std::to_string(id), ImVec2(at.x - r, at.y - r),
                                   ImVec2(at.x + r, at.y + r));
        }
        const std::vector<DrawnMessage> messages = draw_messages(draw, ring, context);
        draw_legend(draw, ImVec2(origin.x + 4, origin.y + area.y), cluster);
        handle_drag(context, ring);
        draw->PopClipRect();
        handle_click(context, ring, messages);
        if (dragging_ == kNoNode && ImGui::IsItemHovered() &&
            node_at(ring, ImGui::GetIO().MousePos) != kNoNode) {
            ImGui::SetTooltip("%s", protocol_view(cluster).node_help());
        }
    }
}

}  // namespace quorum::dashboard
