// The explorer's searches (quorum/explore/explorer.hpp): breadth-first (the
// shortest counterexample), depth-first with a depth bound, random walks.
// Each is a loop turned inside out, one unit of work at a time, so that a
// search can run in slices (Exploration::run) and pick up where it stopped.
//
// Breadth-first keeps no cluster per state: each new state is a record of its
// parent and the step that made it (a few dozen bytes), and a state is
// rebuilt when its turn comes by replaying its path from the start. Children
// of one parent sit together in the queue, so the parent is rebuilt once for
// all of them. Depth-first keeps one cluster per level of its stack.
#include <algorithm>
#include <cassert>
#include <optional>
#include <string>
#include <utility>

#include "quorum/explore/explorer.hpp"
#include "quorum/explore/visited.hpp"
#include "quorum/random.hpp"

namespace quorum::explore {

namespace {

constexpr std::uint64_t kProgressEvery = 4096;

// A new violation after a step: the first beyond those of the start.
std::optional<Violation> new_violation(const sim::Cluster& cluster, std::size_t before) {
    const auto& all = cluster.violations();
    if (all.size() > before) {
        return all[before];
    }
    return std::nullopt;
}

}  // namespace

class Exploration::Searcher {
  public:
    Searcher(const sim::Cluster& start, const Bounds& bounds);

    bool run(std::uint64_t budget);
    void stop() {
        stopped_ = true;
        finish();
    }
    bool done() const { return done_; }
    Progress progress() const {
        Progress progress = result_.progress;
        if (!done_) {
            progress.unique = visited_.size();
        }
        return progress;
    }
    Result result() const {
        Result result = result_;
        result.progress = progress();
        return result;
    }

  private:
    // The record of a state found by breadth-first search.
    struct Record {
        std::uint32_t parent;
        std::uint32_t depth;
        std::uint16_t type;  // into types_
        StepKind kind;
        NodeId from;
        NodeId to;
        Spent spent;
    };
    // A level of depth-first search: a state and its steps, `at` the next.
    struct Frame {
        sim::Cluster cluster;
        Spent spent;
        std::vector<Step> steps;
        std::size_t at = 0;
    };

    // One unit of work: at most one state generated.
    void breadth_first();
    void depth_first();
    void random_walk();
    // Counts one generated state; false when the search must stop.
    bool count(std::size_t depth) {
        ++result_.progress.states;
        result_.progress.depth = std::max(result_.progress.depth, depth);
        if (budget_ > 0) {
            --budget_;
        }
        if (result_.progress.states >= bounds_.max_states) {
            stopped_ = true;
        }
        return !stopped_;
    }
    void found(Violation violation, std::vector<Step> path) {
        result_.found = Counterexample{std::move(violation), std::move(path)};
        finish();
    }
    void finish();
    std::uint64_t hash(const sim::Cluster& cluster, const Spent& spent) const {
        return state_hash(cluster, spent, bounds_.symmetry);
    }
    std::uint16_t intern(const std::string& type);
    Step step_of(const Record& record) const {
        return Step{record.kind, record.from, record.to, types_[record.type]};
    }
    std::vector<Step> path_to(std::uint32_t index) const;
    sim::Cluster rebuild(std::uint32_t index) const;

    const sim::Cluster start_;
    const Bounds bounds_;
    const std::size_t start_violations_;
    Result result_;
    bool stopped_ = false;  // by max_states or stop()
    bool done_ = false;
    std::uint64_t budget_ = 0;  // states left to generate in this slice
    VisitedSet visited_;

    // Breadth-first: the queue of records, the one being expanded (next_)
    // with its state and steps, and the parent last rebuilt.
    std::vector<Record> records_;
    std::vector<std::string> types_;
    std::uint32_t next_ = 0;
    std::optional<sim::Cluster> expanding_;
    std::vector<Step> steps_;
    std::size_t step_at_ = 0;
    std::uint32_t cached_index_ = 0;
    sim::Cluster cached_;

    // Depth-first: the stack; both it and random walks: the path so far.
    std::vector<Frame> stack_;
    std::vector<Step> path_;

    // Random walks.
    std::uint64_t walk_ = 0;
    Random random_;
    std::optional<sim::Cluster> walking_;
    Spent walk_spent_;
};

Exploration::Searcher::Searcher(const sim::Cluster& start, const Bounds& bounds)
    : start_(start),
      bounds_(bounds),
      start_violations_(start.violations().size()),
      visited_(bounds.search == Search::DepthFirst),
      cached_(start),
      random_(bounds.seed) {
    visited_.insert(hash(start_, Spent{}), 0);
    switch (bounds_.search) {
        case Search::BreadthFirst:
            records_.push_back(Record{0, 0, 0, StepKind::Deliver, kNoNode, kNoNode, Spent{}});
            break;
        case Search::DepthFirst:
            stack_.push_back(Frame{start_, Spent{},
                                   bounds_.max_depth > 0 ? enabled_steps(start_, bounds_, Spent{})
                                                         : std::vector<Step>{},
                                   0});
            break;
        case Search::RandomWalk:
            break;
    }
}

bool Exploration::Searcher::run(std::uint64_t budget) {
    budget_ = budget;
    while (!done_ && budget_ > 0) {
        switch (bounds_.search) {
            case Search::BreadthFirst:
                breadth_first();
                break;
            case Search::DepthFirst:
                depth_first();
                break;
            case Search::RandomWalk:
                random_walk();
                break;
        }
        if (stopped_ && !done_) {
            finish();
        }
    }
    return done_;
}

void Exploration::Searcher::finish() {
    if (done_) {
        return;
    }
    done_ = true;
    if (!(bounds_.search == Search::RandomWalk && result_.found)) {
        result_.progress.unique = visited_.size();
    }
    result_.complete = !stopped_ && !result_.found && bounds_.search != Search::RandomWalk;
    result_.visited_bytes = visited_.bytes() + records_.capacity() * sizeof(Record);
}

std::uint16_t Exploration::Searcher::intern(const std::string& type) {
    for (std::size_t i = 0; i < types_.size(); ++i) {
        if (types_[i] == type) {
            return static_cast<std::uint16_t>(i);
        }
    }
    types_.push_back(type);
    return static_cast<std::uint16_t>(types_.size() - 1);
}

std::vector<Step> Exploration::Searcher::path_to(std::uint32_t index) const {
    std::vector<Step> path;
    for (std::uint32_t at = index; at != 0; at = records_[at].parent) {
        path.push_back(step_of(records_[at]));
    }
    return {path.rbegin(), path.rend()};
}

sim::Cluster Exploration::Searcher::rebuild(std::uint32_t index) const {
    sim::Cluster cluster = start_;
    Spent spent;
    for (const Step& step : path_to(index)) {
        [[maybe_unused]] const bool took = take_step(cluster, step, spent);
        assert(took);
    }
    return cluster;
}

// Takes the next record off the queue (rebuilding its state), or the next
// step from the record being expanded.
void Exploration::Searcher::breadth_first() {
    if (!expanding_) {
        if (next_ >= records_.size()) {
            finish();
            return;
        }
        const Record record = records_[next_];
        if (record.depth >= bounds_.max_depth) {
            ++next_;
            return;
        }
        expanding_ = start_;
        if (next_ != 0) {
            // Siblings sit together in the queue: their parent is rebuilt once.
            if (record.parent != cached_index_) {
                cached_ = rebuild(record.parent);
                cached_index_ = record.parent;
            }
            *expanding_ = cached_;
            Spent ignored = records_[record.parent].spent;
            take_step(*expanding_, step_of(record), ignored);
        }
        steps_ = enabled_steps(*expanding_, bounds_, record.spent);
        step_at_ = 0;
        return;
    }
    if (step_at_ >= steps_.size()) {
        expanding_.reset();
        ++next_;
        return;
    }
    const Step step = steps_[step_at_++];
    const Record record = records_[next_];
    sim::Cluster child = *expanding_;
    Spent child_spent = record.spent;
    if (!take_step(child, step, child_spent)) {
        return;
    }
    const bool more = count(record.depth + 1);
    if (auto violation = new_violation(child, start_violations_)) {
        std::vector<Step> path = path_to(next_);
        path.push_back(step);
        found(std::move(*violation), std::move(path));
        return;
    }
    if (visited_.insert(hash(child, child_spent))) {
        records_.push_back(Record{next_, record.depth + 1, intern(step.type), step.kind, step.from,
                                  step.to, child_spent});
    }
    if (!more) {
        finish();
    }
}

// The next step of the deepest level: its child is explored at once (a new
// level) unless it was reached before at a depth no greater. The stack holds
// one cluster per level (at most max_depth).
void Exploration::Searcher::depth_first() {
    if (stack_.empty()) {
        finish();
        return;
    }
    Frame& top = stack_.back();
    if (top.at >= top.steps.size()) {
        stack_.pop_back();
        if (!path_.empty()) {
            path_.pop_back();
        }
        return;
    }
    const Step step = top.steps[top.at++];
    sim::Cluster child = top.cluster;
    Spent child_spent = top.spent;
    if (!take_step(child, step, child_spent)) {
        return;
    }
    path_.push_back(step);
    const bool more = count(path_.size());
    if (auto violation = new_violation(child, start_violations_)) {
        found(std::move(*violation), path_);
        return;
    }
    if (more &&
        visited_.insert(hash(child, child_spent), static_cast<std::uint32_t>(path_.size()))) {
        std::vector<Step> steps = path_.size() < bounds_.max_depth
                                      ? enabled_steps(child, bounds_, child_spent)
                                      : std::vector<Step>{};
        stack_.push_back(Frame{std::move(child), child_spent, std::move(steps), 0});
    } else {
        path_.pop_back();
    }
    if (!more) {
        finish();
    }
}

// One step of the current walk, or the start of the next.
void Exploration::Searcher::random_walk() {
    if (!walking_) {
        if (walk_ >= bounds_.walks) {
            finish();
            return;
        }
        walking_ = start_;
        walk_spent_ = Spent{};
        path_.clear();
        return;
    }
    const std::vector<Step> steps = path_.size() < bounds_.max_depth
                                        ? enabled_steps(*walking_, bounds_, walk_spent_)
                                        : std::vector<Step>{};
    if (steps.empty()) {
        walking_.reset();
        ++walk_;
        return;
    }
    const Step& step = steps[static_cast<std::size_t>(random_.below(steps.size()))];
    take_step(*walking_, step, walk_spent_);
    path_.push_back(step);
    count(path_.size());
    if (auto violation = new_violation(*walking_, start_violations_)) {
        result_.progress.unique = visited_.size() + 1;
        found(std::move(*violation), path_);
        return;
    }
    visited_.insert(hash(*walking_, walk_spent_));
}

Exploration::Exploration(const sim::Cluster& start, const Bounds& bounds)
    : searcher_(std::make_unique<Searcher>(start, bounds)) {}
Exploration::~Exploration() = default;
bool Exploration::run(std::uint64_t budget) {
    return searcher_->run(budget);
}
void Exploration::stop() {
    searcher_->stop();
}
bool Exploration::done() const {
    return searcher_->done();
}
Progress Exploration::progress() const {
    return searcher_->progress();
}
Result Exploration::result() const {
    return searcher_->result();
}

Result explore(const sim::Cluster& start, const Bounds& bounds, const KeepGoing& keep_going) {
    Exploration exploration(start, bounds);
    while (!exploration.run(kProgressEvery)) {
        if (keep_going && !keep_going(exploration.progress())) {
            exploration.stop();
        }
    }
    return exploration.result();
}

}  // namespace quorum::explore
