// A scenario loaded into the dashboard and run on the session's cluster one
// line at a time: the core's ScenarioRun (the interpreter quorum-sim runs),
// handed the session's cluster for each line, so what the dashboard shows
// is what the CLI would do, byte for byte in the trace.
//
// Loading starts the session over from the scenario's first state, paused.
// Between two lines a person may act on the cluster (kill a node, deliver a
// message); the next line sees the cluster as they left it. Step back that
// undoes a line undoes it in the script too: the player notes how many
// events the log held after each line, and a log shorter than that means
// the session went back before the line's end (follow()).
// Starting a new run any other way (New cluster, reset) leaves the scenario.
//
// Files (file_transfer.hpp): the scenario and the run's trace go out as
// downloads; a file comes in as a scenario (loaded) or, if it is a JSON-lines
// trace, is read and checked as `quorum-sim check` would, with the verdict
// in file_notice().
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "quorum/scenario/runner.hpp"

namespace quorum::dashboard {

class Session;

class ScenarioPlayer {
  public:
    // Parses `text` and starts the session from its first state. On a parse
    // error nothing changes and the error is returned, "name:line:col: ...".
    std::optional<std::string> load(Session& session, std::string name, std::string text);
    // The same from `start` instead of the scenario's first state (the
    // explorer's counterexample, found from the state on screen): its
    // `cluster` line names the protocol only.
    std::optional<std::string> load(Session& session, std::string name, std::string text,
                                    const sim::Cluster& start);

    // Whether a scenario is loaded and still the session's run.
    bool active(const Session& session) const;
    // Once per frame and before each command: rewinds the script past the
    // lines a step back undid.
    void follow(const Session& session);

    // Runs the next line. False when there is none (finished, or failed).
    bool step_line(Session& session);
    // Passes over the next line without running it (a lesson's scripted
    // continuation the class has done itself). False when there is none.
    bool skip_line(Session& session);
    // Forgets the lines from `lines_run` on: the session has stepped back to
    // before them (a lesson's Back).
    void rewind_to(std::size_t lines_run);
    // Runs every remaining line, stopping at the first failure.
    void run_to_end(Session& session);

    const std::string& name() const { return name_; }
    const std::string& text() const { return text_; }
    const std::vector<std::string>& lines() const { return lines_; }
    const scenario::ScenarioRun* run() const { return run_ ? &*run_ : nullptr; }
    // The 1-based line step_line() runs next; 0 when the run is over.
    int next_line() const;
    // What the statement on a 1-based line did, if it has run.
    const scenario::StatementResult* result_on_line(int line) const;
    // The report so far, worded as quorum-sim words it.
    std::string summary(const Session& session) const;

    // --- Files. Each sets file_notice() to what happened.
    void export_scenario();
    void export_trace(const Session& session);
    // A scenario (loaded) or a trace (checked), told apart by content.
    // False if it does not parse (the notice says where).
    // Bigger than kMaxImportBytes (file_transfer.hpp): refused, unread.
    bool import_file(Session& session, const std::string& name, const std::string& text);
    bool refuse_file(const std::string& name, std::size_t size_bytes);
    const std::string& file_notice() const { return file_notice_; }

  private:
    std::optional<std::string> load_from(Session& session, std::string name, std::string text,
                                         const sim::Cluster* start);

    std::string name_;
    std::string text_;
    std::vector<std::string> lines_;
    std::optional<scenario::ScenarioRun> run_;
    std::uint64_t run_number_ = 0;  // the session's run this scenario drives
    // Per line run, the events ever logged once it had run (Session's
    // events_dropped() + events().size()).
    std::vector<std::size_t> events_after_line_;
    std::string file_notice_;
};

}  // namespace quorum::dashboard
