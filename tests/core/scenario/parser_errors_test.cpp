// The scenario parser, errors: each mistake gives the first error, at the
// line and column of the offending word, with a message that names what was
// expected and what was found. Each row lists the words the message must
// contain, so a vaguer message fails the test.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "quorum/scenario/parser.hpp"
#include "scenario_test_helpers.hpp"

namespace quorum::scenario {
namespace {

struct ErrorCase {
    const char* name;  // for the test's name: letters, digits, '_'
    std::string source;
    int line;
    int column;
    std::vector<std::string> message_contains;
};

void PrintTo(const ErrorCase& row, std::ostream* out) {
    *out << row.source;
}

class ScenarioErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(ScenarioErrors, pointAtTheWordAndSayWhatIsWrong) {
    const ErrorCase& row = GetParam();
    const ParseError error = testing::parse_invalid(row.source);
    EXPECT_EQ(error.line, row.line) << error.message;
    EXPECT_EQ(error.column, row.column) << error.message;
    for (const std::string& fragment : row.message_contains) {
        EXPECT_NE(error.message.find(fragment), std::string::npos)
            << "message: " << error.message << "\nlacks: " << fragment;
    }
}

std::string raft(const std::string& lines) {
    return "cluster raft\n" + lines + "\n";
}
std::string paxos(const std::string& lines) {
    return "cluster paxos\n" + lines + "\n";
}
std::string multipaxos(const std::string& lines) {
    return "cluster multipaxos\n" + lines + "\n";
}

const std::vector<ErrorCase> kClusterErrors = {
    {"empty_file", "", 1, 1, {"empty", "cluster"}},
    {"only_comments", "# nothing\n\n", 1, 1, {"empty"}},
    {"first_not_cluster", "run 1s\n", 1, 1, {"first command must be 'cluster", "'run'"}},
    {"cluster_misspelt", "clustr raft\n", 1, 1, {"did you mean 'cluster'"}},
    {"no_algorithm", "cluster\n", 1, 8, {"expected an algorithm", "raft, paxos or multipaxos"}},
    {"unknown_algorithm",
     "cluster rafft\n",
     1,
     9,
     {"unknown algorithm 'rafft'", "did you mean 'raft'"}},
    {"unknown_option",
     "cluster raft electon=100-200ms\n",
     1,
     14,
     {"unknown option 'electon' for raft; did you mean 'election'? (valid options for raft: ",
      "valid options for raft: nodes, seed, latency, loss, dup, reorder, election, heartbeat, "
      "prevote, checkquorum, batch, inflight, snapshot or bug"}},
    {"option_of_other_algorithm",
     "cluster raft proposers=1,2\n",
     1,
     14,
     {"'proposers' is for paxos, not raft", "valid options for raft"}},
    {"unknown_bug",
     "cluster raft bug=forget-votes\n",
     1,
     18,
     {"unknown bug 'forget-votes' for raft; did you mean 'forget-vote'?",
      "(bugs of raft: vote-without-log-check, commit-old-term, forget-vote, no-truncate, "
      "stale-append or old-snapshot; or none)"}},
    {"bug_of_other_algorithm",
     "cluster raft bug=ignore-accepted\n",
     1,
     18,
     {"bug 'ignore-accepted' is for paxos, not raft", "bugs of raft: vote-without-log-check"}},
    {"bug_of_raft_in_multipaxos",
     "cluster multipaxos nodes=3 bug=forget-vote\n",
     1,
     32,
     {"bug 'forget-vote' is for raft, not multipaxos", "scout-ignores-pvalues"}},
    {"bug_without_name",
     "cluster paxos bug=\n",
     1,
     19,
     {"'bug' needs a value, like bug=acceptor-forgets"}},
    {"bug_twice",
     "cluster raft bug=forget-vote bug=no-truncate\n",
     1,
     30,
     {"'bug' is given twice"}},
    {"option_twice",
     "cluster raft nodes=3 nodes=5\n",
     1,
     22,
     {"'nodes' is given twice", "column 14"}},
    {"too_many_nodes", "cluster raft nodes=10\n", 1, 20, {"nodes", "1..9", "'10'"}},
    {"zero_nodes", "cluster raft nodes=0\n", 1, 20, {"1..9", "'0'"}},
    {"nodes_not_number", "cluster raft nodes=x\n", 1, 20, {"nodes", "'x'"}},
    {"option_without_equals", "cluster raft nodes\n", 1, 14, {"expected an option like nodes=5"}},
    {"option_without_value", "cluster raft nodes=\n", 1, 20, {"'nodes' needs a value", "nodes=5"}},
    {"seed_not_number", "cluster raft seed=abc\n", 1, 19, {"seed", "'abc'"}},
    {"latency_without_unit",
     "cluster raft latency=1-10\n",
     1,
     24,
     {"expected a duration like 250ms, got '10'"}},
    {"latency_not_range", "cluster raft latency=5ms\n", 1, 22, {"range like 1-10ms", "'5ms'"}},
    {"loss_above_one", "cluster raft loss=1.5\n", 1, 19, {"between 0 and 1", "'1.5'"}},
    {"loss_negative", "cluster raft loss=-0.1\n", 1, 19, {"cannot be negative"}},
    {"loss_too_fine", "cluster raft loss=0.0000001\n", 1, 19, {"finer than one in a million"}},
    {"loss_percent", "cluster raft loss=10%\n", 1, 19, {"probability", "'10%'"}},
    {"reorder_yes", "cluster raft reorder=yes\n", 1, 22, {"expected on or off, got 'yes'"}},
    {"election_reversed",
     "cluster raft election=300-150ms\n",
     1,
     23,
     {"'300-150ms'", "minimum above its maximum"}},
    {"election_zero",
     "cluster raft election=0-10ms heartbeat=1ms\n",
     1,
     23,
     {"election timeout must be longer than 0"}},
    {"heartbeat_too_long",
     "cluster raft heartbeat=200ms\n",
     1,
     24,
     {"heartbeat (200ms) must be shorter than the election timeout's minimum (150ms)"}},
    {"election_below_heartbeat",
     "cluster raft election=40-80ms\n",
     1,
     23,
     {"heartbeat (50ms)", "minimum (40ms)"}},
    {"heartbeat_zero", "cluster raft heartbeat=0ms\n", 1, 24, {"heartbeat must be longer than 0"}},
    {"acceptor_out_of_range",
     "cluster paxos acceptors=1,2,7\n",
     1,
     29,
     {"node 7 does not exist: the cluster has 3 nodes"}},
    {"acceptor_zero", "cluster paxos acceptors=0,1\n", 1, 25, {"node 0 does not exist"}},
    {"no_acceptors", "cluster paxos acceptors=\n", 1, 25, {"acceptors list is empty"}},
    {"empty_item", "cluster paxos acceptors=1,,2\n", 1, 27, {"empty item", "acceptors"}},
    {"acceptor_twice", "cluster paxos acceptors=1,1\n", 1, 27, {"node 1 is listed twice"}},
    {"list_checked_after_nodes",
     "cluster paxos proposers=1,3 nodes=2\n",
     1,
     27,
     {"node 3 does not exist: the cluster has 2 nodes"}},
    {"window_zero", "cluster multipaxos window=0\n", 1, 27, {"window", "1..1000"}},
    // Role lines that make no sense, for both Paxos variants.
    {"learner_not_a_node",
     "cluster paxos nodes=3 learners=1,4\n",
     1,
     34,
     {"node 4 does not exist: the cluster has 3 nodes"}},
    {"proposer_zero", "cluster paxos proposers=0\n", 1, 25, {"node 0 does not exist"}},
    {"learner_zero", "cluster paxos learners=2,0\n", 1, 26, {"node 0 does not exist"}},
    {"no_learners", "cluster paxos learners=\n", 1, 24, {"learners list is empty"}},
    {"all_in_a_list", "cluster paxos acceptors=1,all\n", 1, 27, {"'all' stands alone"}},
    {"multipaxos_no_acceptors",
     "cluster multipaxos acceptors=\n",
     1,
     30,
     {"acceptors list is empty"}},
    {"multipaxos_leader_zero",
     "cluster multipaxos leaders=0,1\n",
     1,
     28,
     {"node 0 does not exist"}},
    {"multipaxos_replica_not_a_node",
     "cluster multipaxos nodes=3 replicas=1,2,5\n",
     1,
     41,
     {"node 5 does not exist: the cluster has 3 nodes"}},
    {"multipaxos_acceptor_zero",
     "cluster multipaxos acceptors=0\n",
     1,
     30,
     {"node 0 does not exist", "numbered from 1"}},
    {"persist_on_raft", "cluster raft persist=off\n", 1, 14, {"'persist' is for paxos"}},
    {"persist_maybe", "cluster paxos persist=maybe\n", 1, 23, {"on or off"}},
    {"batch_zero", "cluster raft batch=0\n", 1, 20, {"batch", "1..1000"}},
    {"batch_on_paxos", "cluster paxos batch=2\n", 1, 15, {"batch"}},
    {"inflight_too_many", "cluster raft inflight=1001\n", 1, 23, {"inflight", "0..1000"}},
    {"timeout_unitless",
     "cluster multipaxos timeout=200\n",
     1,
     28,
     {"expected a duration like 250ms, got '200'"}},
    {"second_cluster", "cluster raft\ncluster raft\n", 2, 1, {"only once", "line 1"}},
};

const std::vector<ErrorCase> kCommandErrors = {
    {"unknown_command", raft("crahs 1"), 2, 1, {"unknown command 'crahs'; did you mean 'crash'?"}},
    {"duration_without_unit", raft("run 250"), 2, 5, {"expected a duration like 250ms, got '250'"}},
    {"duration_negative", raft("run -5ms"), 2, 5, {"cannot be negative"}},
    {"duration_too_fine", raft("run 0.5us"), 2, 5, {"finer than 1us"}},
    {"duration_unknown_unit", raft("run 5m"), 2, 5, {"unknown unit 'm'", "us, ms or s"}},
    {"duration_decimal_without_unit", raft("run 1.5"), 2, 5, {"expected a duration like 250ms"}},
    {"run_without_duration", raft("run"), 2, 4, {"expected a duration", "end of the line"}},
    {"run_extra_word", raft("run 1s extra"), 2, 8, {"unexpected 'extra'"}},
    {"crash_missing_node",
     raft("crash 7"),
     2,
     7,
     {"node 7 does not exist: the cluster has 5 nodes"}},
    {"crash_node_zero", raft("crash 0"), 2, 7, {"node 0 does not exist"}},
    {"crash_all", raft("crash all"), 2, 7, {"a node id, $name or 'leader'", "'all'"}},
    {"crash_leader_typo", raft("crash leadr"), 2, 7, {"did you mean 'leader'"}},
    {"restart_leader", raft("restart leader"), 2, 9, {"'all'", "got 'leader'"}},
    {"isolate_two", raft("isolate 1 2"), 2, 11, {"unexpected '2'"}},
    {"partition_node_twice",
     raft("partition 1 2 | 2 3"),
     2,
     17,
     {"node 2 is in two groups", "column 13"}},
    {"partition_same_group_twice", raft("partition 1 1"), 2, 13, {"listed twice"}},
    {"partition_empty_group", raft("partition 1 2 | | 3"), 2, 17, {"empty group"}},
    {"partition_trailing_bar", raft("partition 1 2 |"), 2, 15, {"empty group"}},
    {"partition_nothing", raft("partition"), 2, 10, {"expected node ids"}},
    {"partition_bad_node", raft("partition 1 2|6"), 2, 15, {"node 6 does not exist"}},
    {"net_nothing", raft("net"), 2, 4, {"at least one of loss=, dup=, latency=, reorder="}},
    {"net_setting_twice", raft("net loss=0.1 loss=0.2"), 2, 14, {"'loss' is given twice"}},
    {"net_unknown_setting",
     raft("net los=0.1"),
     2,
     5,
     {"unknown network setting 'los'", "did you mean 'loss'"}},
    {"net_reversed_latency", raft("net latency=5-1ms"), 2, 13, {"minimum above its maximum"}},
    {"propose_on_raft", raft("client propose v"), 2, 8, {"single-decree paxos", "raft"}},
    {"put_on_paxos", paxos("client put x 1"), 2, 8, {"'client put'", "client propose"}},
    {"client_verb_typo", raft("client putt x 1"), 2, 8, {"did you mean 'put'"}},
    {"client_missing_value", raft("client put x"), 2, 13, {"expected a value after 'client put'"}},
    {"client_via_bad_node", raft("client put x 1 via 9"), 2, 20, {"node 9 does not exist"}},
    {"client_extra_word", raft("client put x 1 2"), 2, 16, {"unexpected '2'"}},
    {"client_value_variable", raft("client put x $v"), 2, 14, {"variables stand only for"}},
    {"client_add_not_number", raft("client add many"), 2, 12, {"'many'"}},
    {"remember_with_dollar", raft("remember $x = leader"), 2, 10, {"without '$'"}},
    {"remember_without_equals", raft("remember x leader"), 2, 12, {"expected '='"}},
    {"remember_unknown_what",
     raft("remember x = votes"),
     2,
     14,
     {"the leader or the term", "'votes'"}},
    {"remember_bad_name", raft("remember 1x = term"), 2, 10, {"letters, digits"}},
    {"unknown_variable", raft("crash $l"), 2, 7, {"unknown variable '$l'", "remember l = leader"}},
    {"variable_typo", raft("remember lead = leader\ncrash $led"), 3, 7, {"did you mean 'lead'"}},
    {"variable_used_on_its_line", raft("client put x 1 via $x"), 2, 20, {"unknown variable"}},
    {"term_variable_as_node",
     raft("remember t = term\ncrash $t"),
     3,
     7,
     {"$t holds a term (remembered on line 2)", "node id is expected"}},
    {"leader_variable_as_number",
     raft("remember l = leader\nclient add $l"),
     3,
     12,
     {"$l holds a leader", "number is expected"}},
    {"bare_dollar", raft("fire $"), 2, 6, {"variable name after '$'"}},
    {"hold_maybe", raft("hold maybe"), 2, 6, {"expected on or off, got 'maybe'"}},
    {"step_with_argument", raft("step 2"), 2, 6, {"unexpected '2' after 'step'"}},
    {"block_without_arrow", raft("block 1 2"), 2, 9, {"expected '->'", "block 1 -> 2"}},
    {"block_glued_arrow", raft("block 1->2"), 2, 7, {"spaces around '->'"}},
    {"block_to_itself", raft("block 3 -> 3"), 2, 12, {"does not send messages to itself"}},
    {"block_leader_to_leader", raft("block leader -> leader"), 2, 17, {"to itself"}},
    {"block_missing_node", raft("block 1 -> 6"), 2, 12, {"node 6 does not exist"}},
    {"block_not_a_number", raft("block x -> 2"), 2, 7, {"a node id, $name or 'leader'", "'x'"}},
    {"block_leader_typo", raft("block 1 -> leadr"), 2, 12, {"did you mean 'leader'"}},
    {"block_unknown_variable", raft("block $nope -> 2"), 2, 7, {"$nope"}},
    {"block_missing_receiver", raft("block 1 ->"), 2, 11, {"the receiver's node id"}},
    {"block_extra_word", raft("block 1 -> 2 AppendEntries"), 2, 14, {"unexpected 'AppendEntries'"}},
    {"block_all", raft("block all -> 2"), 2, 7, {"got 'all'"}},
    {"deliver_without_arrow", raft("deliver 1 2"), 2, 11, {"expected '->'"}},
    {"deliver_glued_arrow", raft("deliver 1->2"), 2, 9, {"spaces around '->'"}},
    {"deliver_to_itself", raft("deliver 1 -> 1"), 2, 14, {"does not send messages to itself"}},
    {"deliver_bad_type",
     raft("deliver 1 -> 2 Request-Vote"),
     2,
     16,
     {"message type like RequestVote"}},
    {"drop_missing_receiver", raft("drop 1 ->"), 2, 10, {"receiver"}},
    {"fire_missing_node", raft("fire 6"), 2, 6, {"node 6 does not exist"}},
    {"reconfigure_on_raft",
     raft("reconfigure acceptors=1,2"),
     2,
     1,
     {"'reconfigure' changes a Multi-Paxos configuration", "raft"}},
    {"reconfigure_on_paxos", paxos("reconfigure acceptors=1,2"), 2, 1, {"this cluster runs paxos"}},
    {"reconfigure_unknown_node",
     multipaxos("reconfigure acceptors=2,3,6"),
     2,
     27,
     {"node 6 does not exist: the cluster has 5 nodes"}},
    {"reconfigure_no_acceptors",
     multipaxos("reconfigure acceptors="),
     2,
     23,
     {"acceptors list is empty"}},
    {"reconfigure_no_leaders", multipaxos("reconfigure leaders= acceptors=1"), 2, 21, {"empty"}},
    {"reconfigure_nothing",
     multipaxos("reconfigure"),
     2,
     12,
     {"expected leaders= or acceptors=", "reconfigure leaders=1,2 acceptors=2,3,4"}},
    {"reconfigure_replicas", multipaxos("reconfigure replicas=1"), 2, 13, {"replicas are fixed"}},
    {"reconfigure_typo",
     multipaxos("reconfigure aceptors=1"),
     2,
     13,
     {"unknown part 'aceptors'", "did you mean 'acceptors'"}},
    {"reconfigure_twice",
     multipaxos("reconfigure acceptors=1 acceptors=2"),
     2,
     25,
     {"'acceptors' is given twice"}},
    {"reconfigure_spaces", multipaxos("reconfigure acceptors = 1"), 2, 13, {"no spaces"}},
    {"reconfigure_via_no_replica",
     "cluster multipaxos replicas=1,2\nreconfigure acceptors=3,4,5 via 4\n",
     2,
     33,
     {"node 4 is no replica", "replicas=1,2"}},
    {"reconfigure_via_junk",
     multipaxos("reconfigure acceptors=1 via 1 2"),
     2,
     31,
     {"unexpected '2'"}},
    {"expect_violation_unknown_rule",
     paxos("expect violation promise broken"),
     2,
     18,
     {"no paxos checker has a rule 'promise broken'", "'promise kept'"}},
    {"expect_violation_typo",
     paxos("expect violation promise kep"),
     2,
     18,
     {"did you mean 'promise kept'"}},
    {"expect_violation_of_another_algorithm",
     raft("expect violation promise kept"),
     2,
     18,
     {"no raft checker", "'election safety'"}},
    {"expect_violation_without_rule", raft("expect violation"), 2, 17, {"expected a rule"}},
};

const std::vector<ErrorCase> kSetupErrors = {
    {"log_on_paxos", paxos("log 1 1 2"), 2, 1, {"sets up a Raft node", "paxos"}},
    {"log_after_action",
     raft("crash 1\nlog 1 1"),
     3,
     1,
     {"right after 'cluster'", "line 2's 'crash'"}},
    {"state_after_run", raft("run 1s\nstate 1 term=1"), 3, 1, {"line 2's 'run'"}},
    {"log_decreasing", raft("log 1 2 1"), 2, 9, {"never decrease", "1 comes after 2"}},
    {"log_term_zero", raft("log 1 0"), 2, 7, {"terms of 1 or more"}},
    {"log_without_terms", raft("log 1"), 2, 6, {"expected the terms of node 1's entries"}},
    {"log_twice", raft("log 1 1\nlog 1 2"), 3, 5, {"node 1's log is already set on line 2"}},
    {"log_node_variable", raft("log $x 1"), 2, 5, {"expected a node id"}},
    {"log_above_state",
     raft("state 1 term=1\nlog 1 1 2"),
     3,
     9,
     {"current term (1, line 2) is below the term of its last log entry (2, line 3)"}},
    {"state_below_log",
     raft("log 1 1 3\nstate 1 term=2"),
     3,
     14,
     {"current term (2, line 3) is below the term of its last log entry (3, line 2)"}},
    {"state_without_term", raft("state 1"), 2, 8, {"expected term=<n>"}},
    {"state_vote_missing_node", raft("state 1 term=2 vote=6"), 2, 21, {"node 6 does not exist"}},
    {"state_unknown_word",
     raft("state 1 term=2 votes=1"),
     2,
     16,
     {"expected term=<n> or vote=<id>|none"}},
    {"state_twice", raft("state 1 term=1\nstate 1 term=2"), 3, 7, {"already set on line 2"}},
};

const std::vector<ErrorCase> kConditionErrors = {
    {"condition_typo",
     raft("expect leadr"),
     2,
     8,
     {"unknown condition 'leadr'; did you mean 'leader'?"}},
    {"condition_missing", raft("expect"), 2, 7, {"expected a condition"}},
    {"leader_greater", raft("expect leader > 2"), 2, 15, {"only be compared with == or !="}},
    {"single_equals", raft("expect term = 2"), 2, 13, {"got '='; did you mean '=='?"}},
    {"term_not_number", raft("expect term >= x"), 2, 16, {"'x'"}},
    {"term_negative", raft("expect term >= -1"), 2, 16, {"'-1'"}},
    {"committed_without_on", raft("expect committed >= 3"), 2, 22, {"expected 'on'"}},
    {"entry_without_term", raft("expect entry 2 == 3 on all"), 2, 16, {"expected 'term'"}},
    {"entry_index_zero", raft("expect entry 0 term == 1 on all"), 2, 14, {"start at 1"}},
    {"entry_index_not_a_number", raft("expect entry x term == 1 on all"), 2, 14, {"log index"}},
    {"entry_without_on", raft("expect entry 2 term == 1"), 2, 25, {"expected 'on'"}},
    {"entry_on_paxos", paxos("expect entry 2 term == 1 on all"), 2, 8, {"Raft log"}},
    {"committed_bad_scope",
     raft("expect committed >= 3 on everyone"),
     2,
     26,
     {"all, live, majority or a node id", "'everyone'"}},
    {"committed_missing_node", raft("expect applied >= 3 on 8"), 2, 24, {"node 8 does not exist"}},
    {"value_majority",
     raft("expect value x == 1 on majority"),
     2,
     24,
     {"all, live or a node id", "'majority'"}},
    {"value_single_equals", raft("expect value x = 1 on all"), 2, 16, {"expected '=='"}},
    {"chosen_on_raft", raft("expect chosen"), 2, 8, {"single-decree paxos condition", "raft"}},
    {"committed_on_paxos", paxos("expect committed >= 1 on all"), 2, 8, {"needs a replicated log"}},
    {"agree_on_paxos", paxos("expect agree"), 2, 8, {"needs a replicated log"}},
    {"leader_on_paxos", paxos("expect leader"), 2, 8, {"no meaning in single-decree paxos"}},
    {"no_leader_on_paxos", paxos("expect no leader"), 2, 11, {"no meaning in single-decree paxos"}},
    {"term_on_paxos", paxos("expect term >= 2"), 2, 8, {"no leader or term"}},
    {"crash_leader_on_paxos", paxos("crash leader"), 2, 7, {"no meaning in single-decree paxos"}},
    {"remember_term_on_paxos", paxos("remember t = term"), 2, 14, {"no leader or term"}},
    {"acceptors_on_raft", raft("expect acceptors == 1 on all"), 2, 8, {"Multi-Paxos", "raft"}},
    {"acceptors_greater",
     multipaxos("expect acceptors >= 1 on all"),
     2,
     18,
     {"only be compared with == or !="}},
    {"acceptors_unknown_node",
     multipaxos("expect acceptors == 1,9 on all"),
     2,
     23,
     {"node 9 does not exist"}},
    {"acceptors_without_on", multipaxos("expect leaders == 1"), 2, 20, {"expected 'on'"}},
    {"chosen_greater",
     paxos("expect chosen >= 1"),
     2,
     15,
     {"'chosen' can only be compared with =="}},
    {"within_missing_duration",
     raft("run until leader within"),
     2,
     24,
     {"expected a duration like 2s after 'within'"}},
    {"within_missing",
     raft("run until leader"),
     2,
     17,
     {"expected 'within' after the condition 'leader'", "end of the line"}},
    {"within_after_junk",
     raft("run until leader 3 within 1s"),
     2,
     18,
     {"expected 'within' after the condition 'leader', got '3'"}},
    {"expect_extra_word",
     raft("expect leader extra"),
     2,
     15,
     {"unexpected 'extra' after the condition 'leader'"}},
    {"no_without_leader", raft("expect no quorum"), 2, 11, {"expected 'leader' after 'no'"}},
    {"not_alone", raft("expect not"), 2, 11, {"expected a condition"}},
    {"condition_unknown_variable", raft("expect leader == $x"), 2, 18, {"unknown variable '$x'"}},
    {"leader_variable_in_term",
     raft("remember l = leader\nexpect term == $l"),
     3,
     16,
     {"$l holds a leader", "number is expected"}},
};

std::string name_of(const ::testing::TestParamInfo<ErrorCase>& info) {
    return info.param.name;
}

INSTANTIATE_TEST_SUITE_P(Cluster, ScenarioErrors, ::testing::ValuesIn(kClusterErrors), name_of);
INSTANTIATE_TEST_SUITE_P(Commands, ScenarioErrors, ::testing::ValuesIn(kCommandErrors), name_of);
INSTANTIATE_TEST_SUITE_P(SetUp, ScenarioErrors, ::testing::ValuesIn(kSetupErrors), name_of);
INSTANTIATE_TEST_SUITE_P(Conditions, ScenarioErrors, ::testing::ValuesIn(kConditionErrors),
                         name_of);

TEST(ScenarioErrorLimits, deeplyNestedNotIsRefusedNotOverflowed) {
    std::string line = "expect";
    for (int i = 0; i < 17; ++i) {
        line += " not";
    }
    const ParseError error = testing::parse_invalid(raft(line + " leader"));
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 8 + 16 * 4);
    EXPECT_NE(error.message.find("too many nested 'not'"), std::string::npos) << error.message;

    std::string sixteen = "expect";
    for (int i = 0; i < 16; ++i) {
        sixteen += " not";
    }
    EXPECT_TRUE(parse_scenario(raft(sixteen + " leader")).ok());
}

TEST(ScenarioErrorLimits, onlyTheFirstErrorIsReported) {
    const ParseError error = testing::parse_invalid(raft("crash 9\ncrahs 1\nrun 5"));
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 7);
}

TEST(ScenarioErrorLimits, aHugeUnknownWordIsReportedWithoutASuggestion) {
    const std::string word(200'000, 'x');
    const ParseError error = testing::parse_invalid(raft(word + " 1"));
    EXPECT_EQ(error.line, 2);
    EXPECT_EQ(error.column, 1);
    EXPECT_EQ(error.message.find("did you mean"), std::string::npos);
}

TEST(ScenarioErrorLimits, aHugeDurationIsRefused) {
    const ParseError error = testing::parse_invalid(raft("run 99999999999999999999s"));
    EXPECT_EQ(error.column, 5);
    EXPECT_NE(error.message.find("too long"), std::string::npos) << error.message;
}

}  // namespace
}  // namespace quorum::scenario
