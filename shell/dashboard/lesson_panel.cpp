// [SECTION] Lessons     the catalog's titles, protocols and lengths
// [SECTION] Commands    start, Next, Back, answers, export
// [SECTION] Drawing     the picker, the caption, the question, highlights
#include "lesson_panel.hpp"

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>
#include <variant>

#include "file_transfer.hpp"
#include "fonts.hpp"
#include "quorum/scenario/parser.hpp"
#include "scenario_player.hpp"
#include "session.hpp"
#include "theme.hpp"
#include "widget_registry.hpp"

namespace quorum::dashboard {

namespace {

using json = nlohmann::ordered_json;
using scenario::Ask;
using scenario::LessonLine;
using scenario::Statement;

const ImVec4 kRight{0.35f, 0.80f, 0.55f, 1.0f};
const ImVec4 kWrong{1.00f, 0.45f, 0.35f, 1.0f};
constexpr ImU32 kOutline = IM_COL32(240, 228, 66, 255);  // Okabe-Ito yellow

const LessonLine* lesson_line(const Statement& statement) {
    return std::get_if<LessonLine>(&statement.command);
}

bool stops(const Statement& statement) {
    const LessonLine* line = lesson_line(statement);
    return line != nullptr && line->stops();
}

// "# Lesson: <title>" -> "<title>".
std::string header(std::string_view text, std::string_view key) {
    const std::size_t at = text.find("# " + std::string(key) + ": ");
    if (at == std::string_view::npos) {
        return {};
    }
    const std::size_t start = at + key.size() + 4;
    return std::string(text.substr(start, text.find('\n', start) - start));
}

// A caption's Markdown-light marks (*emphasis*, `code`) off, for the
// caption font: the words carry the meaning, the marks only stress them.
std::string plain(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c != '*' && c != '`') {
            out += c;
        }
    }
    return out;
}

std::string caption_of(const Statement& statement) {
    const LessonLine* line = lesson_line(statement);
    if (const auto* say = std::get_if<scenario::Say>(&line->line)) {
        return say->text;
    }
    if (const auto* ask = std::get_if<Ask>(&line->line)) {
        return ask->question;
    }
    return "Press Next to go on.";
}

// The picker lists the lessons in the order a course would take them; a
// lesson not named here comes after, by name.
std::vector<const BundledScenario*> course_order() {
    static constexpr std::string_view kCourse[] = {
        "raft-elections.qs",   "raft-log-replication.qs",
        "raft-figure8.qs",     "raft-prevote.qs",
        "raft-checkquorum.qs", "raft-stale-read.qs",
        "paxos-two-phases.qs", "paxos-livelock.qs",
        "paxos-amnesia.qs",    "multipaxos-leader-change.qs"};
    const auto rank = [](const BundledScenario* lesson) {
        return std::find(std::begin(kCourse), std::end(kCourse), lesson->name) -
               std::begin(kCourse);
    };
    std::vector<const BundledScenario*> lessons;
    for (const BundledScenario& lesson : bundled_lessons()) {
        lessons.push_back(&lesson);
    }
    std::stable_sort(lessons.begin(), lessons.end(),
                     [&](const auto* a, const auto* b) { return rank(a) < rank(b); });
    return lessons;
}

// Over the panels, whatever was clicked last: the lesson is what the class
// looks at.
void bring_to_front() {
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
}

}  // namespace

// -----------------------------------------------------------------------------
// [SECTION] Lessons
// -----------------------------------------------------------------------------

std::optional<LessonInfo> lesson_info(const BundledScenario& lesson) {
    const scenario::ParseResult parsed = scenario::parse_scenario(lesson.text);
    if (!parsed.ok()) {
        return std::nullopt;
    }
    LessonInfo info;
    info.name = lesson.name;
    info.title = header(lesson.text, "Lesson");
    info.teaches = header(lesson.text, "Teaches");
    info.protocol = parsed.scenario().cluster.protocol();
    for (const Statement& statement : parsed.scenario().statements) {
        if (stops(statement)) {
            ++info.stops;
            info.questions += std::holds_alternative<Ask>(lesson_line(statement)->line) ? 1 : 0;
        }
    }
    return info;
}

bool LessonPanel::active(const Session& session, const ScenarioPlayer& player) const {
    return !name_.empty() && player.active(session) && session.run_number() == run_number_;
}

std::optional<std::size_t> LessonPanel::current_stop(const ScenarioPlayer& player) const {
    const auto* run = player.run();
    if (run == nullptr) {
        return std::nullopt;
    }
    for (std::size_t i = run->results().size(); i > 0; --i) {
        if (stops(run->scenario().statements[i - 1])) {
            return i - 1;
        }
    }
    return std::nullopt;
}

const Ask* LessonPanel::current_ask(const ScenarioPlayer& player) const {
    const auto stop = current_stop(player);
    if (!stop) {
        return nullptr;
    }
    return std::get_if<Ask>(&lesson_line(player.run()->scenario().statements[*stop])->line);
}

int LessonPanel::stop_number(const ScenarioPlayer& player, std::size_t statement) const {
    const auto& statements = player.run()->scenario().statements;
    return static_cast<int>(
        std::count_if(statements.begin(),
                      statements.begin() + static_cast<std::ptrdiff_t>(statement) + 1, stops));
}

int LessonPanel::stop_count(const ScenarioPlayer& player) const {
    const auto& statements = player.run()->scenario().statements;
    return static_cast<int>(std::count_if(statements.begin(), statements.end(), stops));
}

std::pair<int, int> LessonPanel::score() const {
    int right = 0;
    int answered = 0;
    for (const auto& [statement, answer] : answers_) {
        ++answered;
        right += answer.right ? 1 : 0;
    }
    return {right, answered};
}

// The highlight lines run since the stop before the current one.
std::vector<const scenario::Highlight*> LessonPanel::highlights(
    const ScenarioPlayer& player) const {
    std::vector<const scenario::Highlight*> found;
    const auto* run = player.run();
    const auto stop = current_stop(player);
    if (run == nullptr || !stop) {
        return found;
    }
    const auto& statements = run->scenario().statements;
    std::size_t first = *stop;
    while (first > 0 && !stops(statements[first - 1])) {
        --first;
    }
    for (std::size_t i = first; i < run->results().size(); ++i) {
        const LessonLine* line = lesson_line(statements[i]);
        if (const auto* highlight =
                line != nullptr ? std::get_if<scenario::Highlight>(&line->line) : nullptr) {
            found.push_back(highlight);
        }
    }
    return found;
}

// -----------------------------------------------------------------------------
// [SECTION] Commands
// -----------------------------------------------------------------------------

bool LessonPanel::fail(std::string why) {
    notice_ = std::move(why);
    return false;
}

bool LessonPanel::run(const cmd::Lesson& command, Session& session, ScenarioPlayer& player) {
    notice_.clear();
    using Action = cmd::Lesson::Action;
    switch (command.action) {
        case Action::Picker:
            picker_open_ = true;
            return true;
        case Action::Close:
            picker_open_ = false;
            name_.clear();
            return true;
        case Action::Start:
            return start(session, player, command.name);
        case Action::Next:
        case Action::ShowMe:
            return next(session, player);
        case Action::Back:
            return back(session, player);
        case Action::Answer:
            return answer(session, player, command.choice);
        case Action::Export:
            if (!active(session, player)) {
                return fail("no lesson is playing");
            }
            notice_ = offer_download(name_.substr(0, name_.rfind('.')) + "-answers.json",
                                     answers_json(session, player));
            return true;
    }
    return false;
}

bool LessonPanel::start(Session& session, ScenarioPlayer& player, const std::string& name) {
    const auto lessons = bundled_lessons();
    const auto found = std::find_if(lessons.begin(), lessons.end(),
                                    [&](const BundledScenario& l) { return l.name == name; });
    if (found == lessons.end()) {
        return fail("no lesson named \"" + name + "\"");
    }
    if (auto error = player.load(session, "lessons/" + name, std::string(found->text))) {
        return fail(*error);
    }
    name_ = name;
    title_ = header(found->text, "Lesson");
    run_number_ = session.run_number();
    answers_.clear();
    reached_.clear();
    picker_open_ = false;
    return next(session, player);  // to the first caption
}

bool LessonPanel::next(Session& session, ScenarioPlayer& player) {
    if (!active(session, player)) {
        return fail("no lesson is playing");
    }
    const auto stop = current_stop(player);
    const Ask* ask = current_ask(player);
    if (ask != nullptr && !ask->until && !answers_.contains(*stop)) {
        return fail("answer the question first");
    }
    if (ask != nullptr && ask->until) {
        // Done by the class: the lines that would have done it are skipped.
        // Not done: they run ("Show me"), and the ask counts as missed.
        const bool done = answers_.contains(*stop) && answers_[*stop].done;
        if (!answers_.contains(*stop)) {
            answers_[*stop] = Answer{0, false, false};
        }
        const auto& statements = player.run()->scenario().statements;
        while (done && player.next_line() != 0 &&
               !stops(statements[player.run()->next_statement()])) {
            player.skip_line(session);
        }
    }
    bool ran = false;
    while (player.step_line(session)) {
        ran = true;
        const std::size_t last = player.run()->results().size() - 1;
        if (stops(player.run()->scenario().statements[last])) {
            break;
        }
    }
    if (const auto reached = current_stop(player)) {
        reached_[*reached] = reached_now(session);
        // A "try it yourself" moment: the dashboard is live.
        const Ask* now = current_ask(player);
        if (now != nullptr && now->until && !answers_.contains(*reached)) {
            session.set_playing(true);
        }
    }
    return ran || fail("the lesson is over");
}

bool LessonPanel::back(Session& session, ScenarioPlayer& player) {
    if (!active(session, player)) {
        return fail("no lesson is playing");
    }
    const auto stop = current_stop(player);
    const auto& statements = player.run()->scenario().statements;
    std::optional<std::size_t> previous;
    for (std::size_t i = stop.value_or(0); i > 0; --i) {
        if (stops(statements[i - 1])) {
            previous = i - 1;
            break;
        }
    }
    if (!previous || !reached_.contains(*previous)) {
        return fail("this is the lesson's first line");
    }
    // Step back to the state the session was in when it reached that stop.
    const Reached target = reached_[*previous];
    const auto there = [&] {
        const Reached now = reached_now(session);
        return now.now_us == target.now_us && now.events == target.events &&
               now.events_logged == target.events_logged;
    };
    while (!there()) {
        if (!session.step_back() || session.cluster().now() < target.now_us) {
            return fail("step back cannot reach that line any more (too few snapshots)");
        }
    }
    player.rewind_to(*previous + 1);
    return true;
}

LessonPanel::Reached LessonPanel::reached_now(const Session& session) {
    return Reached{session.cluster().now(), session.cluster().events_processed(),
                   session.events_dropped() + session.events().size()};
}

bool LessonPanel::answer(const Session& session, const ScenarioPlayer& player, int choice) {
    const Ask* ask = active(session, player) ? current_ask(player) : nullptr;
    if (ask == nullptr || ask->until) {
        return fail("no question with choices is waiting");
    }
    if (choice < 1 || choice > static_cast<int>(ask->choices.size())) {
        return fail("choice " + std::to_string(choice) + " is not one of 1.." +
                    std::to_string(ask->choices.size()));
    }
    const std::size_t stop = *current_stop(player);
    if (answers_.contains(stop)) {
        return fail("this question is answered already");
    }
    answers_[stop] = Answer{choice, choice == ask->answer, false};
    return true;
}

void LessonPanel::update(Session& session, const ScenarioPlayer& player) {
    const Ask* ask = active(session, player) ? current_ask(player) : nullptr;
    if (ask == nullptr || !ask->until) {
        return;
    }
    const std::size_t stop = *current_stop(player);
    if (answers_.contains(stop)) {
        return;
    }
    if (player.run()->holds(*ask->until, session.cluster()).value_or(false)) {
        answers_[stop] = Answer{0, true, true};
        session.set_playing(false);
    } else if (session.cluster().now() > reached_[stop].now_us + ask->within_us) {
        answers_[stop] = Answer{0, false, false};
        session.set_playing(false);
    }
}

std::string LessonPanel::state_json(const Session& session, const ScenarioPlayer& player) const {
    json state{{"active", active(session, player)}, {"picker", picker_open_}};
    if (!active(session, player)) {
        state["name"] = nullptr;
        return state.dump();
    }
    const auto stop = current_stop(player);
    const auto [right, answered] = score();
    state["name"] = name_;
    state["title"] = title_;
    state["line"] = stop ? stop_number(player, *stop) : 0;
    state["lines"] = stop_count(player);
    state["caption"] = stop ? caption_of(player.run()->scenario().statements[*stop]) : "";
    state["right"] = right;
    state["answered"] = answered;
    const Ask* ask = current_ask(player);
    state["waiting"] = ask != nullptr && !answers_.contains(*stop);
    state["tryIt"] = ask != nullptr && ask->until.has_value();
    state["finished"] = player.next_line() == 0;
    state["passed"] = player.run()->passed();
    state["statementsRun"] = player.run()->results().size();
    state["notice"] = notice_;
    return state.dump();
}

std::string LessonPanel::answers_json(const Session& session, const ScenarioPlayer& player) const {
    const auto [right, answered] = score();
    json answers = json::array();
    const auto& statements = player.run()->scenario().statements;
    for (const auto& [index, answer] : answers_) {
        const Ask& ask = std::get<Ask>(lesson_line(statements[index])->line);
        json entry{{"line", statements[index].pos.line}, {"question", ask.question}};
        if (ask.until) {
            entry["until"] = scenario::to_string(*ask.until);
            entry["done"] = answer.done;
        } else {
            entry["choice"] = answer.chosen;
            entry["chosen"] = ask.choices[static_cast<std::size_t>(answer.chosen - 1)];
            entry["answer"] = ask.answer;
        }
        entry["right"] = answer.right;
        answers.push_back(std::move(entry));
    }
    int questions = 0;
    for (const Statement& statement : statements) {
        const LessonLine* line = lesson_line(statement);
        questions += line != nullptr && std::holds_alternative<Ask>(line->line) ? 1 : 0;
    }
    return json{{"lesson", name_},
                {"title", title_},
                {"seed", session.cluster().config().seed},
                {"questions", questions},
                {"answered", answered},
                {"right", right},
                {"answers", std::move(answers)}}
               .dump(2) +
           "\n";
}

// -----------------------------------------------------------------------------
// [SECTION] Drawing
// -----------------------------------------------------------------------------

void LessonPanel::draw(const PanelContext& context) {
    if (picker_open_) {
        draw_picker(context);
    }
    if (active(context.session, context.scenario)) {
        draw_caption(context);
        draw_highlights(context);
    }
}

void LessonPanel::draw_picker(const PanelContext& context) {
    const ImVec2 size(std::min(context.size.x * 0.8f, ImGui::GetFontSize() * 48.0f),
                      context.size.y * 0.8f);
    ImGui::SetNextWindowPos(ImVec2(context.position.x + (context.size.x - size.x) / 2,
                                   context.position.y + (context.size.y - size.y) / 2),
                            ImGuiCond_Always);
    ImGui::SetNextWindowSize(size, ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(1.0f);
    if (ImGui::Begin(
            "Lessons", nullptr,
            ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoMove)) {
        bring_to_front();
        context.widgets.record(
            "lesson.picker", ImGui::GetWindowPos(),
            ImVec2(ImGui::GetWindowPos().x + size.x, ImGui::GetWindowPos().y + size.y));
        ImGui::TextWrapped(
            "Pick a lesson: a story told on a live cluster that stops for your "
            "predictions. Next and Back step through it.");
        if (named_button(context, "Just the dashboard", "lesson.picker.close")) {
            context.command(cmd::Lesson{cmd::Lesson::Action::Close, {}, 0});
        }
        ImGui::Separator();
        for (const BundledScenario* lesson : course_order()) {
            const auto info = lesson_info(*lesson);
            if (!info) {
                continue;
            }
            ImGui::PushID(info->name.c_str());
            const std::string name = "lesson.start." + info->name.substr(0, info->name.rfind('.'));
            if (named_button(context, "Start", name.c_str())) {
                context.command(cmd::Lesson{cmd::Lesson::Action::Start, info->name, 0});
            }
            ImGui::SameLine();
            ImGui::TextUnformatted(info->title.c_str());
            ImGui::TextDisabled("%s, %d steps, %d questions", info->protocol.c_str(), info->stops,
                                info->questions);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(info->teaches.c_str());
            ImGui::PopTextWrapPos();
            ImGui::Separator();
            ImGui::PopID();
        }
    }
    ImGui::End();
}

void LessonPanel::draw_caption(const PanelContext& context) {
    const ScenarioPlayer& player = context.scenario;
    const auto stop = current_stop(player);
    const float width = std::min(context.size.x * 0.62f, ImGui::GetFontSize() * 60.0f);
    ImGui::SetNextWindowPos(ImVec2(context.position.x + context.size.x * 0.02f,
                                   context.position.y + context.size.y * 0.06f),
                            ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(width, 0), ImGuiCond_Always);
    ImGui::SetNextWindowBgAlpha(0.92f);
    constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoResize |
                                        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings;
    if (ImGui::Begin("Lesson###lesson", nullptr, kFlags)) {
        bring_to_front();
        const auto [right, answered] = score();
        ImGui::TextDisabled("%s  |  line %d of %d  |  score %d of %d", title_.c_str(),
                            stop ? stop_number(player, *stop) : 0, stop_count(player), right,
                            answered);
        context.widgets.record_last_item("lesson.progress");
        // Captions are read from the back of the room: larger than the panels' text.
        ImGui::SetWindowFontScale(context.theme.projector ? 1.5f : 1.3f);
        ImGui::PushTextWrapPos(0.0f);
        const std::string caption =
            stop ? plain(caption_of(player.run()->scenario().statements[*stop])) : "";
        ImGui::TextUnformatted(caption.c_str());
        context.widgets.record_last_item("lesson.caption");
        ImGui::PopTextWrapPos();
        if (const Ask* ask = current_ask(player)) {
            draw_question(context, *ask);
        }
        ImGui::SetWindowFontScale(1.0f);
        const bool first = !stop || stop_number(player, *stop) <= 1;
        begin_disabled_if(first);
        if (named_button(context, "< Back", "lesson.back")) {
            context.command(cmd::Lesson{cmd::Lesson::Action::Back, {}, 0});
        }
        end_disabled_if(first);
        ImGui::SameLine();
        const bool over = player.next_line() == 0;
        begin_disabled_if(over);
        if (named_button(context, "Next >", "lesson.next")) {
            context.command(cmd::Lesson{cmd::Lesson::Action::Next, {}, 0});
        }
        end_disabled_if(over);
        ImGui::SameLine();
        if (named_button(context, "Export answers", "lesson.export")) {
            context.command(cmd::Lesson{cmd::Lesson::Action::Export, {}, 0});
        }
        ImGui::SameLine();
        if (named_button(context, "Lessons", "lesson.menu")) {
            context.command(cmd::Lesson{cmd::Lesson::Action::Picker, {}, 0});
        }
        if (over) {
            ImGui::TextColored(player.run()->passed() ? kRight : kWrong, "%s",
                               player.summary(context.session).c_str());
        }
        if (!notice_.empty()) {
            ImGui::TextDisabled("%s", notice_.c_str());
        }
    }
    ImGui::End();
}

void LessonPanel::draw_question(const PanelContext& context, const Ask& ask) {
    const std::size_t stop = *current_stop(context.scenario);
    const auto found = answers_.find(stop);
    if (ask.until) {
        if (found == answers_.end()) {
            ImGui::TextColored(kRight, "Try it yourself: the cluster is live.");
            if (named_button(context, "Show me", "lesson.showme")) {
                context.command(cmd::Lesson{cmd::Lesson::Action::ShowMe, {}, 0});
            }
        } else {
            ImGui::TextColored(found->second.done ? kRight : kWrong, "%s",
                               found->second.done ? "Done!" : "Not this time: Next shows how.");
        }
    } else {
        for (std::size_t i = 0; i < ask.choices.size(); ++i) {
            const int choice = static_cast<int>(i) + 1;
            const std::string label = std::to_string(choice) + ". " + ask.choices[i];
            const std::string name = "lesson.choice." + std::to_string(choice);
            begin_disabled_if(found != answers_.end());
            if (named_button(context, label.c_str(), name.c_str())) {
                context.command(cmd::Lesson{cmd::Lesson::Action::Answer, {}, choice});
            }
            end_disabled_if(found != answers_.end());
        }
        if (found != answers_.end()) {
            ImGui::TextColored(found->second.right ? kRight : kWrong, "%s",
                               found->second.right ? "Right." : "Not quite.");
            context.widgets.record_last_item("lesson.verdict");
        }
    }
    if (found != answers_.end() && !ask.because.empty()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(plain(ask.because).c_str());
        ImGui::PopTextWrapPos();
    }
}

// Outlines what the lesson points at: panels and nodes by their widget
// rectangles of this frame; message types are named in the caption's corner.
void LessonPanel::draw_highlights(const PanelContext& context) {
    ImDrawList* draw = ImGui::GetForegroundDrawList();
    const auto& rects = context.widgets.rects();
    const float thickness = 3.0f * context.theme.line_scale();
    const auto outline = [&](const std::string& widget) {
        const auto found = rects.find(widget);
        if (found != rects.end()) {
            const WidgetRect& r = found->second;
            draw->AddRect(ImVec2(r.x - 4, r.y - 4), ImVec2(r.x + r.width + 4, r.y + r.height + 4),
                          kOutline, 6.0f, 0, thickness);
        }
    };
    std::string types;
    for (const scenario::Highlight* highlight : highlights(context.scenario)) {
        switch (highlight->kind) {
            case scenario::HighlightKind::Node:
                if (!highlight->node.is_variable()) {
                    outline("node." + std::to_string(highlight->node.id));
                }
                break;
            case scenario::HighlightKind::Leader:
                if (const auto leader = context.session.cluster().leader()) {
                    outline("node." + std::to_string(*leader));
                }
                break;
            case scenario::HighlightKind::Panel:
                outline("panel." + highlight->name);
                break;
            case scenario::HighlightKind::MessageType:
                types += (types.empty() ? "Watch: " : ", ") + highlight->name;
                break;
        }
    }
    // Node names in the caption: S1..S9.
    if (const auto stop = current_stop(context.scenario)) {
        const std::string caption =
            caption_of(context.scenario.run()->scenario().statements[*stop]);
        for (std::size_t at = caption.find('S'); at != std::string::npos;
             at = caption.find('S', at + 1)) {
            if (at + 1 < caption.size() && caption[at + 1] >= '1' && caption[at + 1] <= '9' &&
                (at + 2 == caption.size() ||
                 !std::isalnum(static_cast<unsigned char>(caption[at + 2])))) {
                outline("node." + std::string(1, caption[at + 1]));
            }
        }
    }
    if (!types.empty()) {
        const ImVec2 at(context.position.x + context.size.x * 0.02f,
                        context.position.y + context.size.y - ImGui::GetFontSize() * 2.5f);
        draw->AddText(at, kOutline, types.c_str());
    }
}

}  // namespace quorum::dashboard
