// parse_scenario: the whole file, line by line, into a Scenario.
//
// The first line must be `cluster`: every later line is checked against it
// (node ids against the node count, client verbs and conditions against the
// algorithm). Each remaining line starts with a command word found in one
// table, whose parser reads the rest of the line; `remember` lines extend the
// set of `$names` the following lines may use. The paper-figure set-up
// commands (`log`, `state`) are in setup.cpp, the network and message commands
// in commands.cpp, conditions in conditions.cpp.
#include "quorum/scenario/parser.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "quorum/protocols.hpp"
#include "quorum/scenario/language.hpp"
#include "quorum/scenario/parser_internals.hpp"

namespace quorum::scenario {

namespace internal {

std::span<const Rule> checker_rules(std::string_view protocol) {
    const auto algorithm = parse_algorithm(protocol);
    if (!algorithm) {
        return {};
    }
    return with_protocol(*algorithm, []<Protocol P>() { return P::Checker::rules(); });
}

namespace {

Command parse_run(const Token&, TokenCursor& cursor, ParserState& state) {
    if (!cursor.next_is("until")) {
        const TimeUs duration = parse_duration(
            cursor.take("a duration like 250ms, or 'until <condition> within <duration>', after "
                        "'run'"));
        cursor.expect_end("the duration of 'run'");
        return RunFor{duration};
    }
    cursor.take("until");
    Condition condition = parse_condition(cursor, state.context);
    cursor.take_keyword("within", "after the condition " + quoted(to_string(condition)));
    const TimeUs within = parse_duration(cursor.take("a duration like 2s after 'within'"));
    cursor.expect_end("the duration of 'within'");
    return RunUntil{std::move(condition), within};
}

// `expect violation <rule words>`: the rule as the algorithm's checkers name it.
Command parse_expect_violation(TokenCursor& cursor, const ParseContext& context) {
    const Token first = cursor.take("a rule after 'expect violation', like promise kept");
    std::string rule(first.text);
    while (!cursor.at_end()) {
        rule += " " + std::string(cursor.take("a word").text);
    }
    const std::span<const Rule> rules = checker_rules(context.cluster.protocol());
    if (find_rule(rules, rule) == nullptr) {
        std::string known;
        std::vector<std::string_view> names;
        for (const Rule& known_rule : rules) {
            known += (known.empty() ? "" : ", ") + quoted(known_rule.name);
            names.push_back(known_rule.name);
        }
        fail(first, "no " + std::string(context.cluster.protocol()) + " checker has a rule " +
                        quoted(rule) + did_you_mean(rule, names) + " (its rules: " + known + ")");
    }
    return ExpectViolation{rule};
}

Command parse_expect(const Token&, TokenCursor& cursor, ParserState& state) {
    if (cursor.next_is("violation")) {
        cursor.take("violation");
        return parse_expect_violation(cursor, state.context);
    }
    Condition condition = parse_condition(cursor, state.context);
    cursor.expect_end("the condition " + quoted(to_string(condition)));
    return Expect{std::move(condition)};
}

// `<id>`, `$name` or the one keyword the command allows (`leader` or `all`).
NodeTarget parse_target(const Token& verb, TokenCursor& cursor, const ParseContext& context,
                        std::string_view keyword, TargetKind keyword_kind) {
    const std::string choices = "a node id, $name or '" + std::string(keyword) + "'";
    const Token word = cursor.take(choices + " after " + quoted(verb.text));
    NodeTarget target{keyword_kind, {}};
    if (word.text == "leader") {
        require(CommonWord::Leader, word, context);
    }
    if (word.text != keyword) {
        const bool looks_like_id =
            word.text[0] == '$' || (word.text[0] >= '0' && word.text[0] <= '9');
        if (!looks_like_id) {
            const std::string_view candidates[] = {keyword};
            fail(word, "expected " + choices + " after " + quoted(verb.text) + ", got " +
                           quoted(word.text) + did_you_mean(word.text, candidates));
        }
        target = NodeTarget{TargetKind::Node, parse_node_ref(word, context)};
    }
    cursor.expect_end(quoted(std::string(verb.text) + " " + std::string(word.text)));
    return target;
}

Command parse_crash(const Token& verb, TokenCursor& cursor, ParserState& state) {
    return Crash{parse_target(verb, cursor, state.context, "leader", TargetKind::Leader)};
}

Command parse_restart(const Token& verb, TokenCursor& cursor, ParserState& state) {
    return Restart{parse_target(verb, cursor, state.context, "all", TargetKind::AllNodes)};
}

Command parse_isolate(const Token& verb, TokenCursor& cursor, ParserState& state) {
    return Isolate{parse_target(verb, cursor, state.context, "leader", TargetKind::Leader)};
}

Command parse_heal(const Token& verb, TokenCursor& cursor, ParserState&) {
    cursor.expect_end(quoted(verb.text));
    return Heal{};
}

Command parse_step(const Token& verb, TokenCursor& cursor, ParserState&) {
    cursor.expect_end(quoted(verb.text));
    return Step{};
}

Command parse_hold(const Token&, TokenCursor& cursor, ParserState&) {
    const bool on = parse_on_off(cursor.take("on or off after 'hold'"));
    cursor.expect_end(on ? "'hold on'" : "'hold off'");
    return Hold{on};
}

Command parse_fire(const Token&, TokenCursor& cursor, ParserState& state) {
    const NodeRef node = parse_node_ref(cursor.take("a node id after 'fire'"), state.context);
    cursor.expect_end("the node of 'fire'");
    return Fire{node};
}

Command parse_remember(const Token&, TokenCursor& cursor, ParserState& state) {
    const Token name = cursor.take("a name after 'remember', like remember t = term");
    if (name.text.starts_with('$')) {
        fail(name, "write the name without '$' (remember " + std::string(name.text.substr(1)) +
                       " = leader); use $" + std::string(name.text.substr(1)) + " on later lines");
    }
    if (!is_identifier(name.text)) {
        fail(name,
             "a name is letters, digits and '_', starting with a letter, got " + quoted(name.text));
    }
    cursor.take_keyword("=", "after the name (remember " + std::string(name.text) + " = leader)");
    const Token what = cursor.take("leader or term after '='");
    cursor.expect_end("'remember ... = " + std::string(what.text) + "'");
    if (what.text != "leader" && what.text != "term") {
        constexpr std::string_view kChoices[] = {"leader", "term"};
        fail(what, "remember can keep the leader or the term, got " + quoted(what.text) +
                       did_you_mean(what.text, kChoices));
    }
    require(CommonWord::Leader, what, state.context);
    const Remembered kind = what.text == "leader" ? Remembered::Leader : Remembered::Term;
    // Usable from the next line on; a later `remember` of the same name replaces it.
    state.context.variables[std::string(name.text)] = KnownVariable{kind, name.line};
    return Remember{std::string(name.text), kind};
}

Command parse_cluster_again(const Token& verb, TokenCursor&, ParserState& state) {
    fail(verb, "'cluster' can appear only once, as the first command (line " +
                   std::to_string(state.context.cluster.pos.line) + ")");
}

struct CommandSpec {
    std::string_view name;
    Command (*parse)(const Token& verb, TokenCursor& cursor, ParserState& state);
};

// The common language's commands; a protocol adds its own
// (ProtocolLanguage::statement_words()).
constexpr CommandSpec kCommands[] = {
    {"run", parse_run},
    {"crash", parse_crash},
    {"restart", parse_restart},
    {"partition", parse_partition},
    {"isolate", parse_isolate},
    {"heal", parse_heal},
    {"block", parse_block},
    {"net", parse_net},
    {"client", parse_client},
    {"remember", parse_remember},
    {"hold", parse_hold},
    {"step", parse_step},
    {"deliver", parse_message_action},
    {"drop", parse_message_action},
    {"duplicate", parse_message_action},
    {"fire", parse_fire},
    {"expect", parse_expect},
    {"cluster", parse_cluster_again},
    {"say", parse_say},
    {"ask", parse_ask},
    {"pause", parse_pause},
    {"highlight", parse_highlight},
};

bool is_lesson_word(std::string_view word) {
    return word == "say" || word == "ask" || word == "pause" || word == "highlight";
}

// The command `verb` names: the common language's, else the protocol whose
// statement it is (`owner`).
const CommandSpec* find_command(const Token& verb, const ProtocolLanguage*& owner) {
    std::vector<std::string_view> names;
    for (const CommandSpec& command : kCommands) {
        if (command.name == verb.text) {
            return &command;
        }
        names.push_back(command.name);
    }
    for (const ProtocolLanguage* language : every_language()) {
        for (std::string_view word : language->statement_words()) {
            if (word == verb.text) {
                owner = language;
                return nullptr;
            }
            names.push_back(word);
        }
    }
    fail(verb, "unknown command " + quoted(verb.text) + did_you_mean(verb.text, names));
}

Statement parse_statement(const SourceLine& line, ParserState& state) {
    TokenCursor cursor(line);
    const Token verb = cursor.take("a command");
    const ProtocolLanguage* owner = nullptr;
    const CommandSpec* command = find_command(verb, owner);
    const bool setup = owner != nullptr && owner->is_setup(verb.text);
    if (setup && state.first_action) {
        fail(verb, quoted(verb.text) +
                       " sets a node's durable state before the run, so it must come right after "
                       "'cluster', before line " +
                       std::to_string(state.first_action->line) + "'s " +
                       quoted(state.first_action->text));
    }
    // A lesson's words may come before its set-up lines: they do not start the run.
    const bool lesson = command != nullptr && is_lesson_word(verb.text);
    if (!setup && !lesson && !state.first_action) {
        state.first_action = verb;
    }
    const SourcePos pos{verb.line, verb.column};
    if (command != nullptr) {
        return Statement{pos, command->parse(verb, cursor, state)};
    }
    if (owner != state.context.language) {
        fail(verb, owner->foreign(verb.text, state.context.cluster.protocol()));
    }
    return Statement{pos, owner->parse_statement(verb, cursor, state)};
}

ClusterLine parse_first_line(const std::vector<SourceLine>& lines) {
    std::string names;
    for (Algorithm algorithm : all_algorithms()) {
        names += (names.empty() ? "" : "|") + std::string(algorithm_name(algorithm));
    }
    const std::string expected = "the first command must be 'cluster " + names + " ...'";
    if (lines.empty()) {
        fail(Token{std::string_view(), 1, 1}, "the scenario is empty: " + expected);
    }
    TokenCursor cursor(lines.front());
    const Token verb = cursor.take("a command");
    if (verb.text != "cluster") {
        constexpr std::string_view kCluster[] = {"cluster"};
        fail(verb, expected + ", got " + quoted(verb.text) + did_you_mean(verb.text, kCluster));
    }
    return parse_cluster(cursor, verb);
}

Scenario parse_lines(const std::vector<SourceLine>& lines) {
    ParserState state;
    state.context.cluster = parse_first_line(lines);
    state.context.language = &language_of(state.context.cluster.protocol());
    Scenario scenario;
    scenario.cluster = state.context.cluster;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        scenario.statements.push_back(parse_statement(lines[i], state));
    }
    return scenario;
}

}  // namespace

}  // namespace internal

std::string format_error(std::string_view file_name, const ParseError& error) {
    return std::string(file_name) + ":" + std::to_string(error.line) + ":" +
           std::to_string(error.column) + ": " + error.message;
}

ParseResult parse_scenario(std::string_view source) {
    try {
        return ParseResult(internal::parse_lines(internal::split_into_lines(source)));
    } catch (const internal::ParseFailure& failure) {
        return ParseResult(failure.error);
    }
}

}  // namespace quorum::scenario
