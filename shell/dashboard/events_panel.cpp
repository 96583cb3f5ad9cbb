#include "events_panel.hpp"

#include <algorithm>

#include "session.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

constexpr std::size_t kRecentEvents = 50;

bool matches(const Session& session, std::size_t index, int node, const char* kind) {
    if (node == 0 && kind[0] == '\0') {
        return true;  // no filter: no need to parse the line
    }
    const EventLine& event = session.event(index);
    if (node != 0 && event.node != static_cast<NodeId>(node) &&
        event.peer != static_cast<NodeId>(node)) {
        return false;
    }
    return kind[0] == '\0' || event.kind.find(kind) != std::string::npos;
}

void draw_row(const PanelContext& context, const EventLine& event, std::size_t index) {
    const Session& session = context.session;
    ImGui::PushID(static_cast<int>(index));
    const std::string time = format_seconds(event.time_us);
    const Selection& selection = session.selection();
    const bool selected =
        (event.message_id != 0 && selection.kind == SelectionKind::Message &&
         selection.message_id == event.message_id) ||
        (event.message_id != 0 && session.hovered_message() == event.message_id) ||
        (event.message_id == 0 && event.node != kNoNode && selection.kind == SelectionKind::Node &&
         selection.node == event.node) ||
        (event.client != 0 && selection.kind == SelectionKind::Client &&
         selection.client == event.client);
    if (ImGui::Selectable(time.c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
        if (event.message_id != 0) {
            context.command(cmd::SelectMessage{event.message_id});
        } else if (event.node != kNoNode) {
            context.command(cmd::SelectNode{event.node});
        }
    }
    ImGui::SameLine(ImGui::GetFontSize() * 6.0f);
    ImGui::TextDisabled("%s", event.kind.c_str());
    ImGui::SameLine(ImGui::GetFontSize() * 11.0f);
    ImGui::TextUnformatted(event.text.c_str());
    ImGui::PopID();
}

}  // namespace

namespace {

// A message or a client selected, as one number; 0 for anything else.
std::uint64_t selection_key(const Selection& selection) {
    if (selection.kind == SelectionKind::Message) {
        return selection.message_id;
    }
    return selection.kind == SelectionKind::Client ? (std::uint64_t{1} << 40) + selection.client
                                                   : 0;
}

}  // namespace

void EventsPanel::find_selection(const PanelContext& context, std::size_t& first) {
    const Selection& selection = context.session.selection();
    const std::uint64_t key = selection_key(selection);
    if (key == selection_seen_) {
        return;
    }
    selection_seen_ = key;
    for (std::size_t row = 0; key != 0 && row < rows_.size(); ++row) {
        const EventLine& event = context.session.event(rows_[row]);
        const bool match = selection.kind == SelectionKind::Message
                               ? event.message_id == selection.message_id
                               : event.client == selection.client;
        if (match) {
            if (row < first) {
                show_all_ = true;  // older than the recent ones shown: show them all
                first = 0;
            }
            scroll_to_row_ = static_cast<int>(row - first);
            return;
        }
    }
}

void EventsPanel::draw(const PanelContext& context) {
    const std::deque<EventLine>& events = context.session.events();
    ImGui::Checkbox("All events", &show_all_);
    context.widgets.record_last_item("events.all");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5.0f);
    const int count = static_cast<int>(context.session.cluster().size());
    ImGui::SliderInt("node", &node_filter_, 0, count, node_filter_ == 0 ? "all" : "S%d",
                     ImGuiSliderFlags_AlwaysClamp);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.0f);
    ImGui::InputTextWithHint("kind", "send, role...", kind_filter_, sizeof kind_filter_);
    ImGui::SameLine();
    if (context.session.events_dropped() == 0) {
        ImGui::TextDisabled("%zu events", events.size());
    } else {
        ImGui::TextDisabled("%zu events (%zu older ones dropped)", events.size(),
                            context.session.events_dropped());
    }

    // The log only grows at the end, except after a step back or a reset,
    // and when its oldest events are dropped (the indexes shift).
    const std::string key = std::to_string(node_filter_) + "/" + kind_filter_;
    const std::size_t dropped = context.session.events_dropped();
    if (key != rows_filter_key_ || events.size() < rows_built_for_ || dropped != rows_dropped_) {
        rows_.clear();
        rows_built_for_ = 0;
        rows_filter_key_ = key;
        rows_dropped_ = dropped;
    }
    for (std::size_t i = rows_built_for_; i < events.size(); ++i) {
        if (matches(context.session, i, node_filter_, kind_filter_)) {
            rows_.push_back(i);
        }
    }
    rows_built_for_ = events.size();

    std::size_t first =
        show_all_ || rows_.size() <= kRecentEvents ? 0 : rows_.size() - kRecentEvents;
    find_selection(context, first);
    if (!ImGui::BeginChild("events", ImVec2(0, 0), false)) {
        ImGui::EndChild();
        return;
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows_.size() - first));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const std::size_t index = rows_[first + static_cast<std::size_t>(row)];
            draw_row(context, context.session.event(index), index);
        }
    }
    if (scroll_to_row_ >= 0) {
        ImGui::SetScrollY(std::max(
            0.0f, static_cast<float>(scroll_to_row_) * ImGui::GetTextLineHeightWithSpacing() -
                      ImGui::GetWindowHeight() / 2));
        scroll_to_row_ = -1;
    } else if (events.size() != last_count_ && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1) {
        // Follow the newest event while the view is at the bottom.
        ImGui::SetScrollHereY(1.0f);
    }
    last_count_ = events.size();
    ImGui::EndChild();
    // A row clicked here selected what it shows: no need to scroll to it.
    selection_seen_ = selection_key(context.session.selection());
}

}  // namespace quorum::dashboard
