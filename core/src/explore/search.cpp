// The explorer's searches (quorum/explore/explorer.hpp): breadth-first (the
// shortest counterexample), depth-first with a depth bound, random walks.
//
// Breadth-first keeps no cluster per state: each new state is a record of its
// parent and the step that made it (a few dozen bytes), and a state is
// rebuilt when its turn comes by replaying its path from the start. Children
// of one parent sit together in the queue, so the parent is rebuilt once for
// all of them. Depth-first keeps one cluster per level of its stack.
#include <cassert>
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

class Searcher {
  public:
    Searcher(const sim::Cluster& start, const Bounds& bounds, const KeepGoing& keep_going)
        : start_(start),
          bounds_(bounds),
          keep_going_(keep_going),
          start_violations_(start.violations().size()) {}

    Result breadth_first();
    Result depth_first();
    Result random_walks();

  private:
    // Counts one generated state; false when the search must stop.
    bool count(std::size_t depth) {
        ++result_.progress.states;
        result_.progress.depth = std::max(result_.progress.depth, depth);
        if (result_.progress.states >= bounds_.max_states) {
            stopped_ = true;
        } else if (keep_going_ && result_.progress.states % kProgressEvery == 0 &&
                   !keep_going_(result_.progress)) {
            stopped_ = true;
        }
        return !stopped_;
    }
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
    std::uint16_t intern(const std::string& type);
    Step step_of(const Record& record) const {
        return Step{record.kind, record.from, record.to, types_[record.type]};
    }
    std::vector<Step> path_to(std::uint32_t index) const;
    sim::Cluster rebuild(std::uint32_t index) const;
    void found(Violation violation, std::vector<Step> path) {
        result_.found = Counterexample{std::move(violation), std::move(path)};
    }
    void dfs(sim::Cluster& cluster, const Spent& spent, std::vector<Step>& path);

    const sim::Cluster& start_;
    const Bounds& bounds_;
    const KeepGoing& keep_going_;
    std::size_t start_violations_;
    Result result_;
    bool stopped_ = false;
    std::vector<Record> records_;
    std::vector<std::string> types_;
    VisitedSet visited_{true};  // depth-first's
};

std::uint16_t Searcher::intern(const std::string& type) {
    for (std::size_t i = 0; i < types_.size(); ++i) {
        if (types_[i] == type) {
            return static_cast<std::uint16_t>(i);
        }
    }
    types_.push_back(type);
    return static_cast<std::uint16_t>(types_.size() - 1);
}

std::vector<Step> Searcher::path_to(std::uint32_t index) const {
    std::vector<Step> path;
    for (std::uint32_t at = index; at != 0; at = records_[at].parent) {
        path.push_back(step_of(records_[at]));
    }
    return {path.rbegin(), path.rend()};
}

sim::Cluster Searcher::rebuild(std::uint32_t index) const {
    sim::Cluster cluster = start_;
    Spent spent;
    for (const Step& step : path_to(index)) {
        [[maybe_unused]] const bool took = take_step(cluster, step, spent);
        assert(took);
    }
    return cluster;
}

Result Searcher::breadth_first() {
    VisitedSet visited;
    visited.insert(state_hash(start_, Spent{}));
    records_.push_back(Record{0, 0, 0, StepKind::Deliver, kNoNode, kNoNode, Spent{}});
    std::uint32_t cached_index = 0;
    sim::Cluster cached = start_;  // the state of records_[cached_index]: a parent
    for (std::uint32_t next = 0; next < records_.size() && !stopped_; ++next) {
        const Record record = records_[next];
        if (record.depth >= bounds_.max_depth) {
            continue;
        }
        sim::Cluster state = start_;
        if (next != 0) {
            // Siblings sit together in the queue: their parent is rebuilt once.
            if (record.parent != cached_index) {
                cached = rebuild(record.parent);
                cached_index = record.parent;
            }
            state = cached;
            Spent ignored = records_[record.parent].spent;
            take_step(state, step_of(record), ignored);
        }
        for (const Step& step : enabled_steps(state, bounds_, record.spent)) {
            sim::Cluster child = state;
            Spent child_spent = record.spent;
            if (!take_step(child, step, child_spent)) {
                continue;
            }
            const bool more = count(record.depth + 1);
            if (auto violation = new_violation(child, start_violations_)) {
                std::vector<Step> path = path_to(next);
                path.push_back(step);
                found(std::move(*violation), std::move(path));
                break;
            }
            if (visited.insert(state_hash(child, child_spent))) {
                records_.push_back(Record{next, record.depth + 1, intern(step.type), step.kind,
                                          step.from, step.to, child_spent});
            }
            if (!more) {
                break;
            }
        }
        if (result_.found) {
            break;
        }
    }
    result_.progress.unique = visited.size();
    result_.complete = !stopped_ && !result_.found;
    result_.visited_bytes = visited.bytes() + records_.capacity() * sizeof(Record);
    return result_;
}

Result Searcher::depth_first() {
    visited_.insert(state_hash(start_, Spent{}), 0);
    sim::Cluster cluster = start_;
    std::vector<Step> path;
    dfs(cluster, Spent{}, path);
    result_.progress.unique = visited_.size();
    result_.complete = !stopped_ && !result_.found;
    result_.visited_bytes = visited_.bytes();
    return result_;
}

// One level of the depth-first search: every step from `cluster`, each child
// explored at once unless it was reached before at a depth no greater. The
// recursion holds one cluster per level (at most max_depth).
void Searcher::dfs(sim::Cluster& cluster, const Spent& spent, std::vector<Step>& path) {
    if (path.size() >= bounds_.max_depth) {
        return;
    }
    for (const Step& step : enabled_steps(cluster, bounds_, spent)) {
        sim::Cluster child = cluster;
        Spent child_spent = spent;
        if (!take_step(child, step, child_spent)) {
            continue;
        }
        path.push_back(step);
        const bool more = count(path.size());
        if (auto violation = new_violation(child, start_violations_)) {
            found(std::move(*violation), path);
            return;
        }
        if (more && visited_.insert(state_hash(child, child_spent),
                                    static_cast<std::uint32_t>(path.size()))) {
            dfs(child, child_spent, path);
        }
        path.pop_back();
        if (stopped_ || result_.found) {
            return;
        }
    }
}

Result Searcher::random_walks() {
    VisitedSet visited;
    visited.insert(state_hash(start_, Spent{}));
    Random random(bounds_.seed);
    for (std::uint64_t walk = 0; walk < bounds_.walks && !stopped_; ++walk) {
        sim::Cluster cluster = start_;
        Spent spent;
        std::vector<Step> path;
        while (path.size() < bounds_.max_depth && !stopped_) {
            const std::vector<Step> steps = enabled_steps(cluster, bounds_, spent);
            if (steps.empty()) {
                break;
            }
            const Step& step = steps[static_cast<std::size_t>(random.below(steps.size()))];
            take_step(cluster, step, spent);
            path.push_back(step);
            count(path.size());
            if (auto violation = new_violation(cluster, start_violations_)) {
                found(std::move(*violation), std::move(path));
                result_.progress.unique = visited.size() + 1;
                result_.visited_bytes = visited.bytes();
                return result_;
            }
            visited.insert(state_hash(cluster, spent));
        }
    }
    result_.progress.unique = visited.size();
    result_.visited_bytes = visited.bytes();
    return result_;
}

}  // namespace

Result explore(const sim::Cluster& start, const Bounds& bounds, const KeepGoing& keep_going) {
    Searcher searcher(start, bounds, keep_going);
    switch (bounds.search) {
        case Search::BreadthFirst:
            return searcher.breadth_first();
        case Search::DepthFirst:
            return searcher.depth_first();
        case Search::RandomWalk:
            break;
    }
    return searcher.random_walks();
}

}  // namespace quorum::explore
