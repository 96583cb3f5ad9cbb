// The Explore panel (docs/scenarios.md, "Explorer and shrinker"; issue 17):
// the core's explorer (quorum/explore/) run from the dashboard's current
// state, in slices of a few milliseconds per frame so the page keeps drawing
// (a Stop button ends it at once), with its progress, the violation it
// finds, and "Load counterexample", which starts the session over from the
// state the search started at and plays the counterexample through the
// scenario player (the Scenario tab and the time bar step through it). A
// Shrink button turns the current run's trace, when a rule broke, into a
// 1-minimal scenario (quorum/explore/shrink.hpp) and loads that. Look-ahead
// hints: for each step the current state allows, whether a violation is
// reachable within k steps after taking it, searched one step at a time in
// the same per-frame slices.
//
// This header: ExploreRun, which holds the search (the Dashboard owns one),
// and cmd::Explore, the command window.quorum's
// {cmd:'explore', action:...} parses into (state_json.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "quorum/explore/explorer.hpp"

namespace quorum::dashboard {

class ScenarioPlayer;
class Session;

// The bounds the panel edits (explore::Bounds, with the panel's defaults:
// small enough that a search ends in seconds in the page).
struct ExploreSettings {
    explore::Search search = explore::Search::BreadthFirst;
    std::uint32_t depth = 8;
    std::uint64_t max_states = 200'000;
    std::uint32_t max_crashes = 0;
    std::uint32_t max_duplicates = 0;
    std::uint64_t walks = 1000;
    bool symmetry = false;
    std::uint32_t hint_depth = 3;  // look-ahead: steps after the hinted one

    static constexpr std::uint32_t kMaxDepth = 64;
    static constexpr std::uint64_t kMaxStates = 50'000'000;
    static constexpr std::uint32_t kMaxCrashes = 9;
    static constexpr std::uint64_t kMaxWalks = 10'000'000;
    static constexpr std::uint32_t kMaxHintDepth = 8;
};

namespace cmd {
struct Explore {
    enum class Action { Start, Stop, LoadCounterexample, Shrink, Hints };
    Action action = Action::Start;
    std::optional<ExploreSettings> settings;  // Start, Hints: none keeps the panel's
    bool on = true;                           // Hints: on or off
};
}  // namespace cmd

// One step the current state allows, and what the look-ahead found after it.
struct ExploreHint {
    enum class Verdict { Pending, Safe, Violation, Unknown };
    explore::Step step;
    Verdict verdict = Verdict::Pending;
    std::string rule;  // Violation: which
};

class ExploreRun {
  public:
    ExploreRun();
    ~ExploreRun();

    // Carries out the command; false with notice() saying why.
    bool command(Session& session, ScenarioPlayer& player, const cmd::Explore& request);
    // Once per frame: the search (then the hints) for at most `budget_ms`.
    void advance(const Session& session, double budget_ms);

    const ExploreSettings& settings() const { return settings_; }
    void set_settings(const ExploreSettings& settings) { settings_ = settings; }
    bool running() const;
    bool has_result() const { return started_; }
    explore::Progress progress() const;
    std::optional<explore::Result> result() const;  // once the search ended
    double seconds() const { return seconds_; }
    double states_per_second() const;
    const std::string& notice() const { return notice_; }
    bool hints_on() const { return hints_on_; }
    const std::vector<ExploreHint>& hints() const { return hints_; }
    // What window.quorum.state().explore shows.
    std::string state_json() const;
    // {cmd:'explore', ...} as a command; throws std::invalid_argument.
    static cmd::Explore parse(const std::string& command_json);

  private:
    bool start(const Session& session);
    bool load_counterexample(Session& session, ScenarioPlayer& player);
    bool shrink(Session& session, ScenarioPlayer& player);
    bool refuse(std::string why) {
        notice_ = std::move(why);
        return false;
    }
    void advance_hints(const Session& session, double deadline_ms, double spent_ms);

    ExploreSettings settings_;
    bool started_ = false;
    std::unique_ptr<explore::Exploration> exploration_;
    std::optional<sim::Cluster> start_;  // where the search started
    std::string start_cluster_line_;     // a `cluster` line for its protocol and size
    double seconds_ = 0;
    std::string notice_;
    // Look-ahead: the state the hints are for (its hash), and one search at a time.
    bool hints_on_ = false;
    std::uint64_t hints_for_ = 0;
    std::vector<ExploreHint> hints_;
    std::size_t hint_at_ = 0;
    std::optional<sim::Cluster> hint_state_;
    std::unique_ptr<explore::Exploration> hint_search_;
};

}  // namespace quorum::dashboard
