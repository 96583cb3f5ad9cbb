// The space-time diagram (Lamport's picture, as ShiViz draws it): one lane
// per node and one for the clients, time running left to right along them.
// Messages are arrows from send to delivery (a drop ends in a cross, a
// network copy is dashed), timers and role changes are marks on the lanes, a
// crash is a break in the lane until the restart, and partition groups shade
// the lanes. It follows the current time, zooms from microseconds to the whole
// run, and draws only what is in view, at most one arrow per pixel column and
// pair of lanes: a frame costs what the screen can show, not what the run holds.
//
// Linked both ways: the arrow under the pointer is the session's hovered
// message, which the Cluster and Events panels highlight too; a click selects
// it; a node, message or client selected anywhere is drawn highlighted and
// brought into view. Filters: message types and nodes. "Export SVG" hands the
// diagram as it is in view to the person (file_transfer.hpp); svg() gives the
// same text to window.quorum.diagramSvg().
//
// The data is the session's event log (the Events panel's), read as it grows
// into a store bounded on its own (SpaceTimeStore::kMax*).
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "panel.hpp"
#include "quorum/types.hpp"

namespace quorum::dashboard {

struct DiagramMessage {
    enum class End : std::uint8_t { InFlight, Delivered, Dropped };
    std::uint64_t id = 0;
    TimeUs send_us = 0;
    TimeUs due_us = 0;      // when the network meant to hand it over
    TimeUs end_us = 0;      // delivered or dropped at; unused while in flight
    NodeId from = kNoNode;  // node id, or kNoNode for a client (the clients' lane)
    NodeId to = kNoNode;
    std::uint16_t type = 0;  // index into SpaceTimeStore::types()
    End end = End::InFlight;
    bool duplicate = false;
};

struct DiagramMark {
    enum class Kind : std::uint8_t { Timer, Role, Crash, Restart, Invoke, Answer };
    TimeUs time_us = 0;
    NodeId node = kNoNode;    // kNoNode: the clients' lane
    std::uint32_t value = 0;  // Role: index into roles(); Invoke, Answer: the client
    Kind kind = Kind::Timer;
};

// The partition groups from `time_us` on: group[node - 1] (0: not partitioned).
struct DiagramPartition {
    TimeUs time_us = 0;
    std::vector<std::uint8_t> group;
};

// A node down: from its crash to its restart (end_us -1: still down).
struct DiagramDown {
    NodeId node = kNoNode;
    TimeUs from_us = 0;
    TimeUs end_us = -1;
};

class Session;

// What the diagram draws, read from the session's event log as it grows.
// Bounded: at most kMaxMessages messages (about 56 bytes each) and kMaxMarks
// marks (about 24 bytes each), about 8 MB in all; past either the oldest tenth
// goes. The session's own log keeps 100,000 events, so the store never holds
// more than the log once held.
class SpaceTimeStore {
  public:
    static constexpr std::size_t kMaxMessages = 100'000;
    static constexpr std::size_t kMaxMarks = 100'000;
    static constexpr std::size_t kMaxPartitions = 1'000;
    static constexpr std::size_t kMaxTypes = 256;
    // Lines read per update: a tab opened after a long run catches up over a
    // few frames instead of freezing one.
    static constexpr std::size_t kMaxLinesPerUpdate = 5'000;

    // Reads the events logged since the last call. A new run, a step back or
    // events dropped unread start it over from what the log still holds.
    void update(const Session& session);
    bool caught_up() const { return caught_up_; }

    const std::deque<DiagramMessage>& messages() const { return messages_; }
    const std::deque<DiagramMark>& marks() const { return marks_; }
    const std::deque<DiagramPartition>& partitions() const { return partitions_; }
    const std::deque<DiagramDown>& downs() const { return downs_; }
    const std::vector<std::string>& types() const { return types_; }
    const std::vector<std::string>& roles() const { return roles_; }
    // The longest any message took (or is due to take): how far before the
    // view a send may be and still reach into it.
    TimeUs longest_flight_us() const { return longest_flight_us_; }
    TimeUs first_us() const { return first_us_; }
    const DiagramMessage* find(std::uint64_t message_id) const;
    std::size_t node_count() const { return node_count_; }

  private:
    void clear();
    void consume(const std::string& raw);
    void add_message(const DiagramMessage& message);
    void on_end(TimeUs time_us, std::uint64_t id, DiagramMessage::End end);
    void mark(TimeUs time_us, NodeId node, DiagramMark::Kind kind, std::uint32_t value = 0);
    void partition(TimeUs time_us, std::vector<std::uint8_t> group);
    std::uint16_t type_index(const std::string& type);

    std::uint64_t run_ = 0;
    std::size_t consumed_ = 0;  // events read, counted as the session counts them
    std::string last_raw_;      // the last line read, to notice a rewritten log
    bool caught_up_ = true;
    std::size_t node_count_ = 0;
    TimeUs first_us_ = -1;
    TimeUs longest_flight_us_ = 0;
    std::deque<DiagramMessage> messages_;  // by id, which is send order
    std::deque<DiagramMark> marks_;        // in time order
    std::deque<DiagramPartition> partitions_;
    std::deque<DiagramDown> downs_;
    std::vector<std::string> types_;
    std::map<std::string, std::uint16_t> type_ids_;
    std::vector<std::string> roles_;
};

class DiagramCanvas;

class SpaceTimePanel {
  public:
    void draw(const PanelContext& context);
    // The diagram as in view now (the size it last had on screen), as SVG.
    std::string svg(const Session& session);
    // Zooms out to the whole run (what the store holds), following it.
    void show_whole_run(const Session& session);
    const SpaceTimeStore& store() const { return store_; }

  private:
    struct View {
        TimeUs start_us = 0;
        TimeUs span_us = 1;
    };
    struct Interaction {  // what the pointer is over (ImGui only)
        bool hovered = false;
        ImVec2 mouse;
        std::uint64_t nearest_message = 0;
        float nearest_distance = 0;
    };

    void draw_controls(const PanelContext& context);
    void draw_filters(const PanelContext& context);
    void handle_input(const PanelContext& context, const ImVec2& min, const ImVec2& size);
    void bring_selection_into_view(const Session& session);
    View view(const Session& session) const;
    // Draws the diagram into `canvas` at `min`, `size`; with `interaction`,
    // finds the arrow nearest the pointer and records named widgets.
    void paint(DiagramCanvas& canvas, const Session& session, ImVec2 min, ImVec2 size,
               Interaction* interaction, WidgetRegistry* widgets) const;
    void paint_lanes(DiagramCanvas& canvas, const Session& session, ImVec2 min, ImVec2 size,
                     const View& view) const;
    void paint_messages(DiagramCanvas& canvas, const Session& session, ImVec2 min, ImVec2 size,
                        const View& view, Interaction* interaction, WidgetRegistry* widgets) const;
    void paint_marks(DiagramCanvas& canvas, const Session& session, ImVec2 min, ImVec2 size,
                     const View& view) const;
    bool shown(const DiagramMessage& message) const;

    SpaceTimeStore store_;
    bool follow_ = true;
    TimeUs span_us_ = 300 * kMicrosecondsPerMillisecond;
    TimeUs end_us_ = 0;  // the view's right edge when not following
    std::set<std::uint16_t> hidden_types_;
    std::set<NodeId> hidden_nodes_;
    std::uint64_t hovered_by_us_ = 0;  // the hover this panel set, to clear it
    std::uint64_t selection_seen_ = 0;
    ImVec2 last_size_{800, 300};
    float font_px_ = 13.0f;
    bool dragging_ = false;
};

}  // namespace quorum::dashboard
