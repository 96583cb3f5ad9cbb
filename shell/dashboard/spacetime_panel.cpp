// [SECTION] Store      the session's event log read into messages, marks, partitions
// [SECTION] Canvas     one drawing code, two targets: ImGui's draw list and SVG
// [SECTION] Paint      lanes, arrows, marks, in view only
// [SECTION] Panel      controls, filters, zoom and pan, the links to the other panels
#include "spacetime_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "file_transfer.hpp"
#include "session.hpp"
#include "theme.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

std::uint64_t unsigned_at(const nlohmann::json& line, const char* key) {
    const auto found = line.find(key);
    return found != line.end() && found->is_number_unsigned() ? found->get<std::uint64_t>() : 0;
}

// Node ids stay; a client's address (1000 + n) becomes the clients' lane.
NodeId lane_of(std::uint64_t address) {
    return address > kClientAddressBase ? kNoNode : static_cast<NodeId>(address);
}

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] Store
// -----------------------------------------------------------------------------

void SpaceTimeStore::clear() {
    *this = SpaceTimeStore{};
}

void SpaceTimeStore::update(const Session& session) {
    const std::deque<EventLine>& events = session.events();
    const std::size_t dropped = session.events_dropped();
    const std::size_t logged = dropped + events.size();
    const bool rewritten = consumed_ > logged || (consumed_ > dropped &&
                                                  events[consumed_ - 1 - dropped].raw != last_raw_);
    if (session.run_number() != run_ || rewritten) {
        clear();
        run_ = session.run_number();
    }
    node_count_ = session.cluster().size();
    consumed_ = std::max(consumed_, dropped);  // events dropped unread are gone
    std::size_t budget = kMaxLinesPerUpdate;
    for (; consumed_ < logged && budget > 0; ++consumed_, --budget) {
        consume(events[consumed_ - dropped].raw);
    }
    if (consumed_ > dropped) {
        last_raw_ = events[consumed_ - 1 - dropped].raw;
    }
    caught_up_ = consumed_ == logged;
}

const DiagramMessage* SpaceTimeStore::find(std::uint64_t message_id) const {
    const auto found = std::lower_bound(
        messages_.begin(), messages_.end(), message_id,
        [](const DiagramMessage& message, std::uint64_t id) { return message.id < id; });
    return found != messages_.end() && found->id == message_id ? &*found : nullptr;
}

std::uint16_t SpaceTimeStore::type_index(const std::string& type) {
    const auto found = type_ids_.find(type);
    if (found != type_ids_.end()) {
        return found->second;
    }
    if (types_.size() >= kMaxTypes) {
        return 0;  // a trace of made-up types: the rest share the first one's colour
    }
    const auto index = static_cast<std::uint16_t>(types_.size());
    types_.push_back(type);
    type_ids_.emplace(type, index);
    return index;
}

void SpaceTimeStore::add_message(const DiagramMessage& message) {
    if (!messages_.empty() && message.id <= messages_.back().id) {
        return;  // ids only grow: a line out of order is not drawn
    }
    longest_flight_us_ = std::max(longest_flight_us_, message.due_us - message.send_us);
    messages_.push_back(message);
    if (messages_.size() > kMaxMessages) {
        messages_.erase(messages_.begin(), messages_.begin() + kMaxMessages / 10);
    }
}

void SpaceTimeStore::on_end(TimeUs time_us, std::uint64_t id, DiagramMessage::End end) {
    auto* message = const_cast<DiagramMessage*>(find(id));
    if (message == nullptr) {
        return;  // sent before what the store still holds
    }
    message->end = end;
    message->end_us = time_us;
    longest_flight_us_ = std::max(longest_flight_us_, time_us - message->send_us);
}

void SpaceTimeStore::mark(TimeUs time_us, NodeId node, DiagramMark::Kind kind,
                          std::uint32_t value) {
    marks_.push_back({time_us, node, value, kind});
    if (marks_.size() > kMaxMarks) {
        marks_.erase(marks_.begin(), marks_.begin() + kMaxMarks / 10);
    }
}

void SpaceTimeStore::partition(TimeUs time_us, std::vector<std::uint8_t> group) {
    group.resize(node_count_, 0);
    partitions_.push_back({time_us, std::move(group)});
    if (partitions_.size() > kMaxPartitions) {
        partitions_.pop_front();
    }
}

void SpaceTimeStore::consume(const std::string& raw) {
    const nlohmann::json line = nlohmann::json::parse(raw, nullptr, false);
    if (!line.is_object() || !line.contains("ev") || !line["ev"].is_string()) {
        return;
    }
    const std::string& kind = line["ev"].get_ref<const std::string&>();
    const auto time_us = static_cast<TimeUs>(unsigned_at(line, "t"));
    if (first_us_ < 0) {
        first_us_ = time_us;
    }
    const auto node = static_cast<NodeId>(unsigned_at(line, "node"));
    if (kind == "send") {
        DiagramMessage message;
        message.id = unsigned_at(line, "id");
        message.send_us = time_us;
        message.due_us = static_cast<TimeUs>(unsigned_at(line, "due"));
        message.from = lane_of(unsigned_at(line, "from"));
        message.to = lane_of(unsigned_at(line, "to"));
        const auto type = line.find("type");
        message.type =
            type_index(type != line.end() && type->is_string() ? type->get<std::string>() : "?");
        message.duplicate = line.contains("dup");
        add_message(message);
    } else if (kind == "deliver") {
        on_end(time_us, unsigned_at(line, "id"), DiagramMessage::End::Delivered);
    } else if (kind == "drop") {
        on_end(time_us, unsigned_at(line, "id"), DiagramMessage::End::Dropped);
    } else if (kind == "timer") {
        mark(time_us, node, DiagramMark::Kind::Timer);
    } else if (kind == "role" || kind == "phase") {
        const auto found = line.find(kind == "role" ? "role" : "phase");
        const std::string name =
            found != line.end() && found->is_string() ? found->get<std::string>() : "?";
        auto role = std::find(roles_.begin(), roles_.end(), name);
        if (role == roles_.end() && roles_.size() < 64) {
            roles_.push_back(name);
            role = roles_.end() - 1;
        }
        mark(time_us, node, DiagramMark::Kind::Role,
             static_cast<std::uint32_t>(std::min<std::ptrdiff_t>(role - roles_.begin(), 63)));
    } else if (kind == "crash") {
        mark(time_us, node, DiagramMark::Kind::Crash);
        downs_.push_back({node, time_us, -1});
        if (downs_.size() > kMaxPartitions) {
            downs_.pop_front();
        }
    } else if (kind == "restart") {
        mark(time_us, node, DiagramMark::Kind::Restart);
        for (auto down = downs_.rbegin(); down != downs_.rend(); ++down) {
            if (down->node == node && down->end_us < 0) {
                down->end_us = time_us;
                break;
            }
        }
    } else if (kind == "client") {
        mark(time_us, kNoNode, DiagramMark::Kind::Invoke,
             static_cast<std::uint32_t>(unsigned_at(line, "client")));
    } else if (kind == "answer") {
        mark(time_us, kNoNode, DiagramMark::Kind::Answer,
             static_cast<std::uint32_t>(unsigned_at(line, "client")));
    } else if (kind == "partition") {
        std::vector<std::uint8_t> group(node_count_, 0);
        const auto groups = line.find("groups");
        if (groups != line.end() && groups->is_array()) {
            std::uint8_t number = 0;
            for (const auto& members : *groups) {
                number = static_cast<std::uint8_t>(std::min(number + 1, 250));
                for (const auto& member : members) {
                    const std::uint64_t id =
                        member.is_number_unsigned() ? member.get<std::uint64_t>() : 0;
                    if (id >= 1 && id <= group.size()) {
                        group[static_cast<std::size_t>(id - 1)] = number;
                    }
                }
            }
        }
        partition(time_us, std::move(group));
    } else if (kind == "isolate") {
        std::vector<std::uint8_t> group =
            partitions_.empty() ? std::vector<std::uint8_t>{} : partitions_.back().group;
        group.resize(node_count_, 0);
        std::uint8_t highest = 0;
        for (std::uint8_t& number : group) {
            number = number == 0 ? 1 : number;
            highest = std::max(highest, number);
        }
        if (node >= 1 && node <= group.size()) {
            group[node - 1] = static_cast<std::uint8_t>(std::min(highest + 1, 250));
        }
        partition(time_us, std::move(group));
    } else if (kind == "heal") {
        partition(time_us, std::vector<std::uint8_t>(node_count_, 0));
    }
}

// -----------------------------------------------------------------------------
// [SECTION] Canvas
// -----------------------------------------------------------------------------

// The few shapes the diagram is made of, drawn either on screen or as SVG.
class DiagramCanvas {
  public:
    virtual ~DiagramCanvas() = default;
    virtual void line(ImVec2 from, ImVec2 to, ImU32 colour, float width) = 0;
    virtual void rect(ImVec2 min, ImVec2 max, ImU32 colour) = 0;
    virtual void circle(ImVec2 centre, float radius, ImU32 colour) = 0;
    virtual void text(ImVec2 at, ImU32 colour, const std::string& text) = 0;
};

namespace {

class ScreenCanvas final : public DiagramCanvas {
  public:
    explicit ScreenCanvas(ImDrawList* draw) : draw_(draw) {}
    void line(ImVec2 from, ImVec2 to, ImU32 colour, float width) override {
        draw_->AddLine(from, to, colour, width);
    }
    void rect(ImVec2 min, ImVec2 max, ImU32 colour) override {
        draw_->AddRectFilled(min, max, colour);
    }
    void circle(ImVec2 centre, float radius, ImU32 colour) override {
        draw_->AddCircleFilled(centre, radius, colour, 12);
    }
    void text(ImVec2 at, ImU32 colour, const std::string& text) override {
        draw_->AddText(at, colour, text.c_str());
    }

  private:
    ImDrawList* draw_;
};

double d(float value) {
    return static_cast<double>(value);
}

class SvgCanvas final : public DiagramCanvas {
  public:
    SvgCanvas(ImVec2 size, float font_px) {
        char head[256];
        std::snprintf(head, sizeof head,
                      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                      "viewBox=\"0 0 %.0f %.0f\" font-family=\"sans-serif\" font-size=\"%.0f\">\n",
                      d(size.x), d(size.y), d(size.x), d(size.y), d(font_px));
        out_ = head;
        rect(ImVec2(0, 0), size, IM_COL32(15, 17, 21, 255));
    }
    void line(ImVec2 from, ImVec2 to, ImU32 colour, float width) override {
        char text[200];
        std::snprintf(text, sizeof text,
                      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                      "stroke-width=\"%.1f\"%s/>\n",
                      d(from.x), d(from.y), d(to.x), d(to.y), rgb(colour).c_str(), d(width),
                      opacity("stroke-opacity", colour).c_str());
        out_ += text;
    }
    void rect(ImVec2 min, ImVec2 max, ImU32 colour) override {
        char text[200];
        std::snprintf(
            text, sizeof text,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"%s/>\n",
            d(min.x), d(min.y), d(max.x - min.x), d(max.y - min.y), rgb(colour).c_str(),
            opacity("fill-opacity", colour).c_str());
        out_ += text;
    }
    void circle(ImVec2 centre, float radius, ImU32 colour) override {
        char text[160];
        std::snprintf(text, sizeof text,
                      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>\n", d(centre.x),
                      d(centre.y), d(radius), rgb(colour).c_str());
        out_ += text;
    }
    void text(ImVec2 at, ImU32 colour, const std::string& content) override {
        char head[120];
        std::snprintf(head, sizeof head,
                      "<text x=\"%.1f\" y=\"%.1f\" dominant-baseline=\"hanging\" fill=\"%s\">",
                      d(at.x), d(at.y), rgb(colour).c_str());
        out_ += head;
        for (const char c : content) {  // XML's five
            switch (c) {
                case '<':
                    out_ += "&lt;";
                    break;
                case '>':
                    out_ += "&gt;";
                    break;
                case '&':
                    out_ += "&amp;";
                    break;
                case '"':
                    out_ += "&quot;";
                    break;
                case '\'':
                    out_ += "&apos;";
                    break;
                default:
                    out_ += c;
            }
        }
        out_ += "</text>\n";
    }
    std::string finish() { return out_ + "</svg>\n"; }

  private:
    static std::string rgb(ImU32 colour) {
        char text[16];
        std::snprintf(text, sizeof text, "#%02x%02x%02x", (colour >> IM_COL32_R_SHIFT) & 0xFF,
                      (colour >> IM_COL32_G_SHIFT) & 0xFF, (colour >> IM_COL32_B_SHIFT) & 0xFF);
        return text;
    }
    static std::string opacity(const char* attribute, ImU32 colour) {
        const unsigned alpha = (colour >> IM_COL32_A_SHIFT) & 0xFF;
        if (alpha == 255) {
            return "";
        }
        char text[48];
        std::snprintf(text, sizeof text, " %s=\"%.2f\"", attribute, alpha / 255.0);
        return text;
    }

    std::string out_;
};

// -----------------------------------------------------------------------------
// [SECTION] Paint
// -----------------------------------------------------------------------------

constexpr ImU32 kLane = IM_COL32(120, 125, 135, 255);
constexpr ImU32 kLabel = IM_COL32(220, 220, 220, 255);
constexpr ImU32 kAxis = IM_COL32(150, 150, 150, 255);
constexpr ImU32 kTimer = IM_COL32(170, 170, 170, 255);
constexpr TimeUs kMinSpanUs = 10;

// The geometry of one paint: lanes top to bottom (nodes, then the clients),
// time left to right.
struct Geometry {
    ImVec2 min;
    ImVec2 size;
    float label_width = 0;
    float axis_height = 0;
    std::size_t lanes = 1;
    TimeUs start_us = 0;
    TimeUs span_us = 1;

    float x(TimeUs time_us) const {
        const double share = static_cast<double>(time_us - start_us) / static_cast<double>(span_us);
        return min.x + label_width + static_cast<float>(share) * (size.x - label_width);
    }
    float lane_y(NodeId node) const {
        const std::size_t lane = node == kNoNode ? lanes - 1 : node - 1;
        const float height = (size.y - axis_height) / static_cast<float>(lanes);
        return min.y + height * (static_cast<float>(lane) + 0.5f);
    }
    float lane_height() const { return (size.y - axis_height) / static_cast<float>(lanes); }
    float left() const { return min.x + label_width; }
    float right() const { return min.x + size.x; }
};

Geometry geometry(ImVec2 min, ImVec2 size, std::size_t nodes, TimeUs start_us, TimeUs span_us,
                  float font_px) {
    Geometry g;
    g.min = min;
    g.size = size;
    g.label_width = font_px * 4.0f;
    g.axis_height = font_px * 1.6f;
    g.lanes = nodes + 1;
    g.start_us = start_us;
    g.span_us = std::max<TimeUs>(span_us, 1);
    return g;
}

ImU32 type_colour(std::uint16_t type) {
    return Theme::term_colour(static_cast<std::uint64_t>(type) + 1);
}

ImU32 with_alpha(ImU32 colour, unsigned alpha) {
    return (colour & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
}

// 1, 2 or 5 times a power of ten microseconds: about `target` ticks in view.
TimeUs tick_step(TimeUs span_us, int target) {
    const double raw = static_cast<double>(span_us) / target;
    double step = std::pow(10.0, std::floor(std::log10(std::max(raw, 1.0))));
    for (const double factor : {1.0, 2.0, 5.0, 10.0}) {
        if (step * factor >= raw) {
            step *= factor;
            break;
        }
    }
    return std::max<TimeUs>(static_cast<TimeUs>(step), 1);
}

std::string tick_label(TimeUs time_us, TimeUs step_us) {
    char text[32];
    if (step_us >= kMicrosecondsPerSecond) {
        std::snprintf(text, sizeof text, "%.0f s", static_cast<double>(time_us) / 1e6);
    } else if (step_us >= kMicrosecondsPerMillisecond) {
        std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(time_us) / 1e6);
    } else {
        std::snprintf(text, sizeof text, "%.6f s", static_cast<double>(time_us) / 1e6);
    }
    return text;
}

float distance_to_segment(ImVec2 point, ImVec2 a, ImVec2 b) {
    const float dx = b.x - a.x;
    const float dy = b.y - a.y;
    const float length2 = dx * dx + dy * dy;
    float t = length2 > 0 ? ((point.x - a.x) * dx + (point.y - a.y) * dy) / length2 : 0;
    t = std::clamp(t, 0.0f, 1.0f);
    const float px = a.x + t * dx - point.x;
    const float py = a.y + t * dy - point.y;
    return std::sqrt(px * px + py * py);
}

}  // namespace

SpaceTimePanel::View SpaceTimePanel::view(const Session& session) const {
    const TimeUs end_us = follow_ ? session.cluster().now() : end_us_;
    return {end_us - span_us_, span_us_};
}

bool SpaceTimePanel::shown(const DiagramMessage& message) const {
    return !hidden_types_.contains(message.type) &&
           (message.from == kNoNode || !hidden_nodes_.contains(message.from)) &&
           (message.to == kNoNode || !hidden_nodes_.contains(message.to));
}

void SpaceTimePanel::paint_lanes(DiagramCanvas& canvas, const Session& session, ImVec2 min,
                                 ImVec2 size, const View& view) const {
    const Geometry g =
        geometry(min, size, store_.node_count(), view.start_us, view.span_us, font_px_);
    const TimeUs end_us = view.start_us + view.span_us;
    const float half = g.lane_height() * 0.45f;
    // Partition groups: a tint per group, from each change to the next.
    const auto& partitions = store_.partitions();
    for (std::size_t i = 0; i < partitions.size(); ++i) {
        const TimeUs from_us = partitions[i].time_us;
        const TimeUs to_us =
            i + 1 < partitions.size() ? partitions[i + 1].time_us : std::max(end_us, from_us);
        if (to_us < view.start_us || from_us > end_us) {
            continue;
        }
        const float x0 = std::max(g.x(from_us), g.left());
        const float x1 = std::min(g.x(to_us), g.right());
        for (std::size_t node = 1; node <= partitions[i].group.size(); ++node) {
            const std::uint8_t group = partitions[i].group[node - 1];
            if (group != 0) {
                const float y = g.lane_y(static_cast<NodeId>(node));
                canvas.rect(ImVec2(x0, y - half), ImVec2(x1, y + half),
                            with_alpha(Theme::term_colour(group), 45));
            }
        }
    }
    const Selection& selection = session.selection();
    for (std::size_t lane = 1; lane <= g.lanes; ++lane) {
        const NodeId node = lane == g.lanes ? kNoNode : static_cast<NodeId>(lane);
        if (node != kNoNode && hidden_nodes_.contains(node)) {
            continue;
        }
        const float y = g.lane_y(node);
        const bool selected =
            node != kNoNode && selection.kind == SelectionKind::Node && selection.node == node;
        const ImU32 colour = selected ? Theme::kSelected : kLane;
        canvas.text(ImVec2(g.min.x + 2, y - font_px_ * 0.5f), selected ? Theme::kSelected : kLabel,
                    node == kNoNode ? "clients" : "S" + std::to_string(node));
        // The lane, broken where the node was down.
        float x = g.left();
        for (const DiagramDown& down : store_.downs()) {
            if (down.node != node || (down.end_us >= 0 && down.end_us < view.start_us) ||
                down.from_us > end_us) {
                continue;
            }
            const float x0 = std::clamp(g.x(down.from_us), g.left(), g.right());
            const float x1 =
                down.end_us < 0 ? g.right() : std::clamp(g.x(down.end_us), g.left(), g.right());
            canvas.line(ImVec2(x, y), ImVec2(x0, y), colour, selected ? 2.5f : 1.0f);
            x = x1;
        }
        canvas.line(ImVec2(x, y), ImVec2(g.right(), y), colour, selected ? 2.5f : 1.0f);
    }
    // The time axis.
    const float axis_y = g.min.y + g.size.y - g.axis_height;
    canvas.line(ImVec2(g.left(), axis_y), ImVec2(g.right(), axis_y), kAxis, 1.0f);
    const int target = std::max(2, static_cast<int>((g.size.x - g.label_width) / (font_px_ * 9)));
    const TimeUs step = tick_step(view.span_us, target);
    for (TimeUs tick = (view.start_us / step) * step; tick <= end_us; tick += step) {
        if (tick < view.start_us) {
            continue;
        }
        const float tx = g.x(tick);
        canvas.line(ImVec2(tx, axis_y), ImVec2(tx, axis_y + font_px_ * 0.3f), kAxis, 1.0f);
        canvas.text(ImVec2(tx + 2, axis_y + font_px_ * 0.25f), kAxis, tick_label(tick, step));
    }
}

void SpaceTimePanel::paint_messages(DiagramCanvas& canvas, const Session& session, ImVec2 min,
                                    ImVec2 size, const View& view, Interaction* interaction,
                                    WidgetRegistry* widgets) const {
    const Geometry g =
        geometry(min, size, store_.node_count(), view.start_us, view.span_us, font_px_);
    const TimeUs end_us = view.start_us + view.span_us;
    const TimeUs now_us = session.cluster().now();
    const Selection& selection = session.selection();
    const std::uint64_t hovered = session.hovered_message();
    const auto& messages = store_.messages();
    // Sends are in time order: the first that can reach into view.
    const TimeUs earliest_us = view.start_us - store_.longest_flight_us();
    auto it = std::lower_bound(messages.begin(), messages.end(), earliest_us,
                               [](const DiagramMessage& m, TimeUs t) { return m.send_us < t; });
    // At most one arrow per pixel column and pair of lanes.
    const std::size_t lanes = g.lanes;
    std::vector<int> last_column(lanes * lanes, -1);
    std::size_t recorded = 0;
    for (; it != messages.end() && it->send_us <= end_us; ++it) {
        const DiagramMessage& message = *it;
        const TimeUs stop_us = message.end == DiagramMessage::End::InFlight
                                   ? std::max(message.due_us, now_us)
                                   : message.end_us;
        if (stop_us < view.start_us || !shown(message)) {
            continue;
        }
        const bool selected =
            (selection.kind == SelectionKind::Message && selection.message_id == message.id) ||
            hovered == message.id;
        const ImVec2 from(g.x(message.send_us), g.lane_y(message.from));
        const ImVec2 to(
            g.x(message.end == DiagramMessage::End::InFlight ? message.due_us : stop_us),
            g.lane_y(message.to));
        const std::size_t pair = (message.from == kNoNode ? lanes - 1 : message.from - 1) * lanes +
                                 (message.to == kNoNode ? lanes - 1 : message.to - 1);
        const int column = static_cast<int>(from.x);
        if (!selected && pair < last_column.size() && last_column[pair] == column) {
            continue;
        }
        if (pair < last_column.size()) {
            last_column[pair] = column;
        }
        const ImU32 colour = selected ? Theme::kSelected : type_colour(message.type);
        const float width = selected ? 3.0f : 1.2f;
        if (message.duplicate || message.end == DiagramMessage::End::InFlight) {
            // Dashed: a network copy, or not arrived yet.
            const int pieces = 8;
            for (int piece = 0; piece < pieces; piece += 2) {
                const float a = static_cast<float>(piece) / pieces;
                const float b = static_cast<float>(piece + 1) / pieces;
                canvas.line(ImVec2(from.x + (to.x - from.x) * a, from.y + (to.y - from.y) * a),
                            ImVec2(from.x + (to.x - from.x) * b, from.y + (to.y - from.y) * b),
                            colour, width);
            }
        } else {
            canvas.line(from, to, colour, width);
        }
        const float r = font_px_ * 0.3f;
        if (message.end == DiagramMessage::End::Dropped) {
            canvas.line(ImVec2(to.x - r, to.y - r), ImVec2(to.x + r, to.y + r), Theme::kLost, 2.0f);
            canvas.line(ImVec2(to.x - r, to.y + r), ImVec2(to.x + r, to.y - r), Theme::kLost, 2.0f);
        } else if (message.end == DiagramMessage::End::Delivered) {
            canvas.circle(to, r * 0.7f, colour);
        }
        if (message.duplicate) {
            canvas.text(ImVec2(from.x + 2, from.y - font_px_), colour, "x2");
        }
        if (interaction != nullptr && interaction->hovered) {
            const float distance = distance_to_segment(interaction->mouse, from, to);
            if (distance < interaction->nearest_distance) {
                interaction->nearest_distance = distance;
                interaction->nearest_message = message.id;
            }
        }
        if (widgets != nullptr && to.x - from.x > 12 && recorded < 20 &&
            message.end == DiagramMessage::End::Delivered && from.x >= g.left() &&
            to.x <= g.right()) {
            // Named for tests and scripts: the middle of a few arrows.
            const ImVec2 middle((from.x + to.x) / 2, (from.y + to.y) / 2);
            widgets->record("diagram.arrow." + std::to_string(message.id),
                            ImVec2(middle.x - 1, middle.y - 1), ImVec2(middle.x + 1, middle.y + 1));
            ++recorded;
        }
        if (widgets != nullptr && selected) {
            widgets->record(hovered == message.id ? "diagram.hovered" : "diagram.selected", from,
                            ImVec2(std::max(from.x, to.x) + 1, std::max(from.y, to.y) + 1));
        }
    }
}

void SpaceTimePanel::paint_marks(DiagramCanvas& canvas, const Session& session, ImVec2 min,
                                 ImVec2 size, const View& view) const {
    const Geometry g =
        geometry(min, size, store_.node_count(), view.start_us, view.span_us, font_px_);
    const TimeUs end_us = view.start_us + view.span_us;
    const auto& marks = store_.marks();
    auto it = std::lower_bound(marks.begin(), marks.end(), view.start_us,
                               [](const DiagramMark& m, TimeUs t) { return m.time_us < t; });
    const Selection& selection = session.selection();
    const float half = g.lane_height() * 0.3f;
    std::vector<int> last_column(g.lanes * 8, -1);  // one mark per column, lane and kind
    std::vector<float> label_end(g.lanes, -1e9f);   // role labels never overlap on a lane
    for (; it != marks.end() && it->time_us <= end_us; ++it) {
        const DiagramMark& mark = *it;
        if (mark.node != kNoNode &&
            (mark.node > store_.node_count() || hidden_nodes_.contains(mark.node))) {
            continue;
        }
        const float x = g.x(mark.time_us);
        const float y = g.lane_y(mark.node);
        const std::size_t slot = (mark.node == kNoNode ? g.lanes - 1 : mark.node - 1) * 8 +
                                 static_cast<std::size_t>(mark.kind);
        const bool chosen =
            selection.kind == SelectionKind::Client &&
            (mark.kind == DiagramMark::Kind::Invoke || mark.kind == DiagramMark::Kind::Answer) &&
            mark.value == selection.client;
        if (!chosen && last_column[slot] == static_cast<int>(x)) {
            continue;
        }
        last_column[slot] = static_cast<int>(x);
        switch (mark.kind) {
            case DiagramMark::Kind::Timer:
                canvas.line(ImVec2(x, y - half), ImVec2(x, y + half), kTimer, 1.0f);
                break;
            case DiagramMark::Kind::Role: {
                const std::string& role = mark.value < store_.roles().size()
                                              ? store_.roles()[mark.value]
                                              : std::string("?");
                const ImU32 colour = Theme::term_colour(mark.value + 1);
                canvas.circle(ImVec2(x, y), font_px_ * 0.35f, colour);
                const std::size_t lane = mark.node - 1U;
                if (x > label_end[lane]) {
                    canvas.text(ImVec2(x + 3, y - half - font_px_ * 0.6f), colour, role);
                    label_end[lane] =
                        x + 3 + font_px_ * 0.6f * static_cast<float>(role.size()) + font_px_ * 0.5f;
                }
                break;
            }
            case DiagramMark::Kind::Crash:
            case DiagramMark::Kind::Restart: {
                const ImU32 colour =
                    mark.kind == DiagramMark::Kind::Crash ? Theme::kLost : Theme::kBluishGreen;
                canvas.line(ImVec2(x, y - half * 1.4f), ImVec2(x, y + half * 1.4f), colour, 3.0f);
                break;
            }
            case DiagramMark::Kind::Invoke:
            case DiagramMark::Kind::Answer: {
                const ImU32 colour = chosen ? Theme::kSelected : Theme::kSkyBlue;
                const float dir = mark.kind == DiagramMark::Kind::Invoke ? 1.0f : -1.0f;
                canvas.line(ImVec2(x, y - half), ImVec2(x, y + half), colour, chosen ? 3.0f : 1.5f);
                canvas.line(ImVec2(x, y - half), ImVec2(x + dir * 4, y - half), colour, 1.5f);
                canvas.line(ImVec2(x, y + half), ImVec2(x + dir * 4, y + half), colour, 1.5f);
                break;
            }
        }
    }
}

void SpaceTimePanel::paint(DiagramCanvas& canvas, const Session& session, ImVec2 min, ImVec2 size,
                           Interaction* interaction, WidgetRegistry* widgets) const {
    const View v = view(session);
    paint_lanes(canvas, session, min, size, v);
    paint_marks(canvas, session, min, size, v);
    paint_messages(canvas, session, min, size, v, interaction, widgets);
}

void SpaceTimePanel::show_whole_run(const Session& session) {
    store_.update(session);
    const TimeUs first_us = std::max<TimeUs>(store_.first_us(), 0);
    span_us_ = std::max<TimeUs>(session.cluster().now() - first_us, kMinSpanUs);
    follow_ = true;
}

std::string SpaceTimePanel::svg(const Session& session) {
    store_.update(session);
    SvgCanvas canvas(last_size_, font_px_);
    paint(canvas, session, ImVec2(0, 0), last_size_, nullptr, nullptr);
    return canvas.finish();
}

// -----------------------------------------------------------------------------
// [SECTION] Panel
// -----------------------------------------------------------------------------

void SpaceTimePanel::draw_filters(const PanelContext& context) {
    if (!ImGui::BeginPopup("diagram filters")) {
        return;
    }
    ImGui::TextDisabled("Nodes");
    for (NodeId node = 1; node <= store_.node_count(); ++node) {
        bool on = !hidden_nodes_.contains(node);
        if (ImGui::Checkbox(("S" + std::to_string(node)).c_str(), &on)) {
            on ? (void)hidden_nodes_.erase(node) : (void)hidden_nodes_.insert(node);
        }
        context.widgets.record_last_item("diagram.filter.node." + std::to_string(node));
        if (node % 5 != 0 && node != store_.node_count()) {
            ImGui::SameLine();
        }
    }
    ImGui::Separator();
    ImGui::TextDisabled("Message types");
    for (std::size_t type = 0; type < store_.types().size(); ++type) {
        const auto index = static_cast<std::uint16_t>(type);
        bool on = !hidden_types_.contains(index);
        ImGui::PushStyleColor(ImGuiCol_Text, type_colour(index));
        if (ImGui::Checkbox(store_.types()[type].c_str(), &on)) {
            on ? (void)hidden_types_.erase(index) : (void)hidden_types_.insert(index);
        }
        ImGui::PopStyleColor();
        context.widgets.record_last_item("diagram.filter.type." + store_.types()[type]);
    }
    ImGui::EndPopup();
}

void SpaceTimePanel::draw_controls(const PanelContext& context) {
    const Session& session = context.session;
    ImGui::Checkbox("Follow", &follow_);
    context.widgets.record_last_item("diagram.follow");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Keep the current time at the right edge (drag the diagram to look back)");
    }
    ImGui::SameLine();
    if (named_button(context, "Whole run", "diagram.whole")) {
        show_whole_run(session);
    }
    ImGui::SameLine();
    if (named_button(context, "Filters...", "diagram.filters")) {
        ImGui::OpenPopup("diagram filters");
    }
    draw_filters(context);
    ImGui::SameLine();
    if (named_button(context, "Export SVG", "diagram.export")) {
        offer_download("quorum-diagram.svg", svg(session));
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s in view; %zu messages%s", format_seconds(span_us_).c_str(),
                        store_.messages().size(), store_.caught_up() ? "" : " (reading...)");
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip(
            "Wheel: zoom; drag: move in time; click an arrow: select its message.\n"
            "Keeps the newest %zu messages and %zu marks.",
            SpaceTimeStore::kMaxMessages, SpaceTimeStore::kMaxMarks);
    }
}

void SpaceTimePanel::handle_input(const PanelContext& context, const ImVec2& min,
                                  const ImVec2& size) {
    const Session& session = context.session;
    ImGui::SetCursorScreenPos(min);
    ImGui::InvisibleButton("diagram", size);
    context.widgets.record_last_item("diagram.canvas");
    const ImGuiIO& io = ImGui::GetIO();
    const double width = static_cast<double>(std::max(size.x - font_px_ * 4.0f, 1.0f));
    if (ImGui::IsItemHovered() && io.MouseWheel != 0) {
        // Zoom about the time under the pointer.
        const View before = view(session);
        const double share = std::clamp(
            static_cast<double>(io.MousePos.x - min.x - font_px_ * 4.0f) / width, 0.0, 1.0);
        const double anchor_us =
            static_cast<double>(before.start_us) + share * static_cast<double>(before.span_us);
        const double factor = std::pow(0.8, static_cast<double>(io.MouseWheel));
        const TimeUs longest = std::max<TimeUs>(session.cluster().now(), kMicrosecondsPerSecond);
        span_us_ = std::clamp(static_cast<TimeUs>(static_cast<double>(span_us_) * factor),
                              kMinSpanUs, longest);
        if (!follow_) {
            end_us_ =
                static_cast<TimeUs>(anchor_us + (1.0 - share) * static_cast<double>(span_us_));
        }
    }
    if (ImGui::IsItemActive() && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 3.0f)) {
        const TimeUs shift_us = static_cast<TimeUs>(static_cast<double>(io.MouseDelta.x) / width *
                                                    static_cast<double>(span_us_));
        if (shift_us != 0) {
            end_us_ = view(session).start_us + span_us_ - shift_us;
            follow_ = false;
            dragging_ = true;
        }
    }
    if (ImGui::IsItemDeactivated()) {
        if (!dragging_ && session.hovered_message() != 0) {
            context.command(cmd::SelectMessage{session.hovered_message()});
        }
        dragging_ = false;
    }
}

void SpaceTimePanel::bring_selection_into_view(const Session& session) {
    const Selection& selection = session.selection();
    const std::uint64_t key = selection.kind == SelectionKind::Message ? selection.message_id
                              : selection.kind == SelectionKind::Client
                                  ? (1ULL << 40) + selection.client
                                  : 0;
    if (key == selection_seen_ || key == 0) {
        selection_seen_ = key;
        return;
    }
    selection_seen_ = key;
    TimeUs at_us = -1;
    if (selection.kind == SelectionKind::Message) {
        if (const DiagramMessage* message = store_.find(selection.message_id)) {
            at_us = message->send_us;
        }
    } else {
        for (const DiagramMark& mark : store_.marks()) {
            if (mark.kind == DiagramMark::Kind::Invoke && mark.value == selection.client) {
                at_us = mark.time_us;
            }
        }
    }
    const View now = view(session);
    if (at_us >= 0 && (at_us < now.start_us || at_us > now.start_us + now.span_us)) {
        follow_ = false;
        end_us_ = at_us + span_us_ / 2;
    }
}

void SpaceTimePanel::draw(const PanelContext& context) {
    const Session& session = context.session;
    font_px_ = ImGui::GetFontSize();
    store_.update(session);
    draw_controls(context);
    bring_selection_into_view(session);

    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 available = ImGui::GetContentRegionAvail();
    const ImVec2 size(std::max(available.x, font_px_ * 10), std::max(available.y, font_px_ * 6));
    last_size_ = size;
    handle_input(context, min, size);

    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->PushClipRect(min, ImVec2(min.x + size.x, min.y + size.y), true);
    ScreenCanvas canvas(draw);
    Interaction interaction;
    interaction.hovered = ImGui::IsItemHovered();
    interaction.mouse = ImGui::GetIO().MousePos;
    interaction.nearest_distance = font_px_ * 0.5f;
    paint(canvas, session, min, size, &interaction, &context.widgets);
    draw->PopClipRect();

    // The hover is shared with the Cluster and Events panels.
    const std::uint64_t hovered = interaction.hovered ? interaction.nearest_message : 0;
    if (hovered != 0 && hovered != session.hovered_message()) {
        context.command(cmd::HoverMessage{hovered});
        hovered_by_us_ = hovered;
    } else if (hovered == 0 && hovered_by_us_ != 0 && session.hovered_message() == hovered_by_us_) {
        context.command(cmd::HoverMessage{0});
        hovered_by_us_ = 0;
    }
    if (hovered != 0) {
        if (const DiagramMessage* message = store_.find(hovered)) {
            const char* end = message->end == DiagramMessage::End::Delivered ? "delivered"
                              : message->end == DiagramMessage::End::Dropped ? "dropped"
                                                                             : "in flight";
            ImGui::SetTooltip(
                "#%llu %s %s -> %s, sent %s, %s%s", static_cast<unsigned long long>(message->id),
                store_.types()[message->type].c_str(),
                message->from == kNoNode ? "client" : ("S" + std::to_string(message->from)).c_str(),
                message->to == kNoNode ? "client" : ("S" + std::to_string(message->to)).c_str(),
                format_seconds(message->send_us).c_str(), end,
                message->duplicate ? " (network copy)" : "");
        }
    }
}

}  // namespace quorum::dashboard
