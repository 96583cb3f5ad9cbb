// Lesson mode (docs/scenarios.md, "Lessons"): a lesson of assets/lessons/
// played on the dashboard, one caption at a time.
//
// A lesson is a scenario with `say`, `ask`, `pause` and `highlight` lines.
// The scenario player (scenario_player.hpp) runs it on the session's cluster;
// this panel decides how far each Next goes: through the commands up to and
// including the next line the lesson stops at (say, ask, pause), whose
// caption it shows over the dashboard in a projector-sized font. Where it
// stands is derived from how far the script has run, so a step back that
// undoes lines undoes the lesson's place too.
//
// - Back goes to the previous stop with the session's step back (snapshots,
//   no replay): to the state the session was in when that stop was reached.
//   Next from there runs the same lines on the same state: the same result.
// - An `ask` with choices waits for a choice; the panel says whether it was
//   right and why (`because`), and keeps the score.
// - An `ask ... until` is a "try it yourself" moment: the run plays and the
//   class acts with the chaos controls until the condition holds (checked
//   every frame) or its `within` of virtual time is over. Done by the class,
//   Next skips the lines that would have done it (the scripted
//   continuation); not done, "Show me" (or Next) runs them.
// - `highlight` outlines a node, a panel, or names a message type, until the
//   next stop; node names S1..S9 in a caption outline those nodes.
// - The picker lists the lessons (title, protocol, length, what it teaches).
//   It opens on the page's first visit (web/boot.js remembers the visit in
//   localStorage; `?lessons=off` keeps it shut) and from the Lessons menu.
// - Export answers: a small JSON file for a gradebook (answers_json()).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "panel.hpp"
#include "quorum/scenario/ast.hpp"
#include "scenario_catalog.hpp"

namespace quorum::dashboard {

class ScenarioPlayer;
class Session;

// Every assets/lessons/*.qs, compiled in (cmake/EmbedScenarios.cmake), named
// "<file>.qs", sorted by name.
std::span<const BundledScenario> bundled_lessons();

// What the picker shows of a lesson: its `# Lesson:` and `# Teaches:` lines,
// its protocol and how many stops it has.
struct LessonInfo {
    std::string name;  // "raft-elections.qs"
    std::string title;
    std::string teaches;
    std::string protocol;
    int stops = 0;      // captions and questions
    int questions = 0;  // of which questions
};
std::optional<LessonInfo> lesson_info(const BundledScenario& lesson);

class LessonPanel {
  public:
    // Carries out a lesson command (commands.hpp); false with notice() set
    // when it cannot act.
    bool run(const cmd::Lesson& command, Session& session, ScenarioPlayer& player);
    // Once per frame, before drawing: checks a "try it yourself" moment.
    void update(Session& session, const ScenarioPlayer& player);
    // The caption over the dashboard, the highlights and the picker. Drawn
    // last, over the panels.
    void draw(const PanelContext& context);

    void open_picker() { picker_open_ = true; }
    bool active(const Session& session, const ScenarioPlayer& player) const;
    // The lesson's state for window.quorum.state(): JSON.
    std::string state_json(const Session& session, const ScenarioPlayer& player) const;
    // The student's answers, for a gradebook: JSON.
    std::string answers_json(const Session& session, const ScenarioPlayer& player) const;
    const std::string& notice() const { return notice_; }

  private:
    struct Answer {
        int chosen = 0;  // 1-based choice; 0 for `ask ... until`
        bool right = false;
        bool done = false;  // `ask ... until`: the class made it true
    };

    bool start(Session& session, ScenarioPlayer& player, const std::string& name);
    bool next(Session& session, ScenarioPlayer& player);
    bool back(Session& session, ScenarioPlayer& player);
    bool answer(const Session& session, const ScenarioPlayer& player, int choice);
    bool fail(std::string why);
    // The stop whose caption shows: the last stop line run, as an index into
    // the scenario's statements.
    std::optional<std::size_t> current_stop(const ScenarioPlayer& player) const;
    const scenario::Ask* current_ask(const ScenarioPlayer& player) const;
    int stop_number(const ScenarioPlayer& player, std::size_t statement) const;
    int stop_count(const ScenarioPlayer& player) const;
    std::vector<const scenario::Highlight*> highlights(const ScenarioPlayer& player) const;
    std::pair<int, int> score() const;  // right, answered

    void draw_picker(const PanelContext& context);
    void draw_caption(const PanelContext& context);
    void draw_question(const PanelContext& context, const scenario::Ask& ask);
    void draw_highlights(const PanelContext& context);

    std::string name_;  // the lesson playing ("raft-elections.qs"); empty: none
    std::string title_;
    std::uint64_t run_number_ = 0;
    std::map<std::size_t, Answer> answers_;  // by the ask's statement index
    // Per stop reached: the session's clock and events processed right
    // after it, which Back steps back to.
    struct Reached {
        TimeUs now_us = 0;
        std::uint64_t events = 0;       // processed by the cluster
        std::size_t events_logged = 0;  // trace lines ever logged (a client's start is one)
    };
    static Reached reached_now(const Session& session);
    std::map<std::size_t, Reached> reached_;
    bool picker_open_ = false;
    std::string notice_;
};

}  // namespace quorum::dashboard
