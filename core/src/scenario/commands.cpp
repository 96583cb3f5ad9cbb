// The commands with more than a word or two of syntax: `partition`, `net`,
// `client`, the manual-mode message commands (`deliver`, `drop`,
// `duplicate`) and `block`. The simple ones are in parser.cpp; a protocol's
// own are in its folder (scenario.cpp).
#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quorum/scenario/language.hpp"
#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario::internal {

namespace {

// Cuts `word` at every '|', keeping each '|' as a piece: `2|3` and `2 | 3`
// read the same.
void split_at_bars(const Token& word, std::vector<Token>& pieces) {
    std::size_t start = 0;
    while (start < word.text.size()) {
        const std::size_t bar = word.text.find('|', start);
        const std::size_t end = bar == std::string_view::npos ? word.text.size() : bar;
        if (end > start) {
            pieces.push_back(sub_token(word, start, end - start));
        }
        if (bar == std::string_view::npos) {
            break;
        }
        pieces.push_back(sub_token(word, bar, 1));
        start = bar + 1;
    }
}

struct PlacedNode {
    NodeRef node;
    Token word;
    std::size_t group;
};

void check_not_placed(const PlacedNode& candidate, const std::vector<PlacedNode>& placed) {
    for (const PlacedNode& earlier : placed) {
        if (earlier.node == candidate.node) {
            const std::string where = earlier.group == candidate.group
                                          ? " is listed twice in the same group"
                                          : " is in two groups of the partition";
            fail(candidate.word, "node " + to_string(candidate.node) + where +
                                     " (first at column " + std::to_string(earlier.word.column) +
                                     ")");
        }
    }
}

}  // namespace

Command parse_partition(const Token&, TokenCursor& cursor, ParserState& state) {
    std::vector<Token> pieces;
    while (!cursor.at_end()) {
        split_at_bars(cursor.take("a node id"), pieces);
    }
    if (pieces.empty()) {
        fail(cursor.peek(), "expected node ids after 'partition', like partition 1 2 | 3 4 5");
    }
    const std::string empty_group =
        "empty group in the partition: every '|' needs node ids on both sides";
    Partition partition;
    partition.groups.emplace_back();
    std::vector<PlacedNode> placed;
    for (const Token& piece : pieces) {
        if (piece.text == "|") {
            if (partition.groups.back().empty()) {
                fail(piece, empty_group);
            }
            partition.groups.emplace_back();
            continue;
        }
        const PlacedNode node{parse_node_ref(piece, state.context), piece,
                              partition.groups.size() - 1};
        check_not_placed(node, placed);
        placed.push_back(node);
        partition.groups.back().push_back(node.node);
    }
    if (partition.groups.back().empty()) {
        fail(pieces.back(), empty_group);
    }
    return partition;
}

namespace {

constexpr std::string_view kNetSettings[] = {"loss", "dup", "latency", "reorder"};

// Applies one `name=value` word to `change`; false if `name` is not a setting.
bool apply_net_setting(const Token& name, const Token& value, NetChange& change) {
    if (name.text == "loss") {
        change.loss_ppm = parse_probability(value);
    } else if (name.text == "dup") {
        change.dup_ppm = parse_probability(value);
    } else if (name.text == "latency") {
        change.latency = parse_duration_range(value);
    } else if (name.text == "reorder") {
        change.reorder = parse_on_off(value);
    } else {
        return false;
    }
    return true;
}

}  // namespace

Command parse_net(const Token&, TokenCursor& cursor, ParserState&) {
    if (cursor.at_end()) {
        fail(cursor.peek(),
             "expected at least one of loss=, dup=, latency=, reorder= after 'net', "
             "like net loss=0.1");
    }
    NetChange change;
    std::vector<Token> given;
    while (!cursor.at_end()) {
        const Token word = cursor.take("a setting");
        const std::size_t equals = word.text.find('=');
        if (equals == std::string_view::npos || equals == 0) {
            fail(word, "expected a setting like loss=0.1 (no spaces around '='), got " +
                           quoted(word.text));
        }
        const Token name = sub_token(word, 0, equals);
        const Token value = sub_token(word, equals + 1);
        for (const Token& earlier : given) {
            if (earlier.text == name.text) {
                fail(name, "setting " + quoted(name.text) + " is given twice (first at column " +
                               std::to_string(earlier.column) + ")");
            }
        }
        if (value.text.empty()) {
            fail(value, "setting " + quoted(name.text) + " needs a value, like loss=0.1");
        }
        if (!apply_net_setting(name, value, change)) {
            fail(name, "unknown network setting " + quoted(name.text) +
                           did_you_mean(name.text, kNetSettings) +
                           " ('net' changes loss, dup, latency or reorder)");
        }
        given.push_back(name);
    }
    return change;
}

namespace {

struct ClientVerbSpec {
    std::string_view name;
    ClientVerb verb;
    bool takes_key;
    bool takes_value;
};
constexpr ClientVerbSpec kClientVerbs[] = {
    {"put", ClientVerb::Put, true, true},          {"get", ClientVerb::Get, true, false},
    {"append", ClientVerb::Append, true, true},    {"add", ClientVerb::Add, false, false},
    {"propose", ClientVerb::Propose, false, true},
};

// "'client propose' is for <the protocols whose clients propose>".
[[noreturn]] void refuse_propose(const Token& word, const ParseContext& context) {
    std::vector<std::string_view> titles;
    for (const ProtocolLanguage* language : every_language()) {
        if (language->has(CommonWord::Propose)) {
            titles.push_back(language->title());
        }
    }
    fail(word, "'client propose' is for " + join_choices(titles) + "; this cluster runs " +
                   std::string(context.cluster.protocol()) +
                   ": use client put, get, append or add");
}

const ClientVerbSpec& find_client_verb(const Token& word, const ParseContext& context) {
    std::vector<std::string_view> names;
    for (const ClientVerbSpec& spec : kClientVerbs) {
        names.push_back(spec.name);
    }
    for (const ClientVerbSpec& spec : kClientVerbs) {
        if (spec.name != word.text) {
            continue;
        }
        const bool is_propose = spec.verb == ClientVerb::Propose;
        if (is_propose && !context.language->has(CommonWord::Propose)) {
            refuse_propose(word, context);
        }
        if (!is_propose && !context.language->has(CommonWord::KeyValue)) {
            fail(word, context.language->why_not(CommonWord::KeyValue,
                                                 "client " + std::string(word.text)));
        }
        return spec;
    }
    fail(word, "unknown client operation " + quoted(word.text) + did_you_mean(word.text, names) +
                   " (expected put, get, append, add or propose)");
}

}  // namespace

Command parse_client(const Token&, TokenCursor& cursor, ParserState& state) {
    const Token verb_word =
        cursor.take("an operation after 'client': put, get, append, add or propose");
    const ClientVerbSpec& spec = find_client_verb(verb_word, state.context);
    const std::string after = " after " + quoted("client " + std::string(spec.name));
    ClientCommand command;
    command.verb = spec.verb;
    if (spec.takes_key) {
        command.key = take_literal_text(cursor, "a key" + after);
    }
    if (spec.takes_value) {
        command.value = take_literal_text(cursor, "a value" + after);
    }
    if (spec.verb == ClientVerb::Add) {
        command.amount = parse_number_ref(cursor.take("a number" + after), state.context, true);
    }
    if (cursor.next_is("via")) {
        cursor.take("via");
        command.via = parse_node_ref(cursor.take("a node id after 'via'"), state.context);
        cursor.expect_end("the node of 'via'");
    }
    cursor.expect_end("the operation (only 'via <id>' may follow)");
    return command;
}

namespace {

// One end of a message command: a node, or `c<n>`, client n's address (the
// trace's 1000 + n), so that a client's request and its answer can be
// delivered, dropped or duplicated by hand (and by quorum-sim explore).
NodeRef parse_message_end(const Token& word, const ParseContext& context) {
    if (word.text.size() > 1 && word.text[0] == 'c' && word.text[1] >= '0' && word.text[1] <= '9') {
        constexpr std::uint64_t kMaxClient = 999'999;
        const std::uint64_t client =
            parse_whole_number(sub_token(word, 1), "a client number after 'c'");
        if (client < 1 || client > kMaxClient) {
            fail(word, "client numbers are 1.." + std::to_string(kMaxClient) + ", got " +
                           quoted(word.text));
        }
        return NodeRef{static_cast<NodeId>(kClientAddressBase + client), std::string()};
    }
    return parse_node_ref(word, context);
}

}  // namespace

Command parse_message_action(const Token& verb, TokenCursor& cursor, ParserState& state) {
    ActOnMessage act;
    act.action = verb.text == "deliver" ? MessageAction::Deliver
                 : verb.text == "drop"  ? MessageAction::Drop
                                        : MessageAction::Duplicate;
    const std::string usage = "(" + std::string(verb.text) + " 1 -> 2 [<type>])";
    const Token from = cursor.take("the sender's node id after " + quoted(verb.text) + " " + usage);
    if (from.text.find("->") != std::string_view::npos) {
        fail(from, "put spaces around '->' " + usage + ", got " + quoted(from.text));
    }
    act.from = parse_message_end(from, state.context);
    cursor.take_keyword("->", "between the sender and the receiver " + usage);
    const Token to = cursor.take("the receiver's node id after '->'");
    act.to = parse_message_end(to, state.context);
    if (!act.from.is_variable() && act.from == act.to) {
        fail(to, "node " + to_string(act.to) + " does not send messages to itself");
    }
    if (!cursor.at_end()) {
        const Token type = cursor.take("a message type");
        if (!is_identifier(type.text)) {
            fail(type, "expected a message type like RequestVote, got " + quoted(type.text));
        }
        act.type = std::string(type.text);
    }
    cursor.expect_end("the message type");
    return act;
}

namespace {

// `<id>`, `$name` or `leader`, one end of a `block`.
NodeTarget parse_block_end(const Token& word, const ParserState& state, std::string_view usage) {
    if (word.text == "leader") {
        return NodeTarget{TargetKind::Leader, {}};
    }
    if (word.text.find("->") != std::string_view::npos) {
        fail(word, "put spaces around '->' " + std::string(usage) + ", got " + quoted(word.text));
    }
    const bool looks_like_id = word.text[0] == '$' || (word.text[0] >= '0' && word.text[0] <= '9');
    if (!looks_like_id) {
        constexpr std::string_view kLeader[] = {"leader"};
        fail(word, "expected a node id, $name or 'leader' " + std::string(usage) + ", got " +
                       quoted(word.text) + did_you_mean(word.text, kLeader));
    }
    return NodeTarget{TargetKind::Node, parse_node_ref(word, state.context)};
}

}  // namespace

Command parse_block(const Token&, TokenCursor& cursor, ParserState& state) {
    constexpr std::string_view kUsage = "(block 1 -> 2: messages from 1 to 2 are lost)";
    Block block;
    block.from = parse_block_end(
        cursor.take("the sender's node id after 'block' " + std::string(kUsage)), state, kUsage);
    cursor.take_keyword("->", "between the sender and the receiver " + std::string(kUsage));
    const Token to = cursor.take("the receiver's node id after '->'");
    block.to = parse_block_end(to, state, kUsage);
    if (block.from == block.to &&
        (block.from.kind == TargetKind::Leader || !block.from.node.is_variable())) {
        fail(to, "a node does not send messages to itself: block two different nodes");
    }
    cursor.expect_end("the receiver of 'block'");
    return block;
}

}  // namespace quorum::scenario::internal
