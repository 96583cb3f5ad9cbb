// The setup library (shell/setup): what the Setup panel, window.quorum's
// reset command, the workers runner's saved record and the node workers
// share. Defaults are the protocols' own, every protocol's on/off and number
// options survive a trip through JSON, and the keys of the first setup format
// (preVote, checkQuorum, backoff) still read.
#include "setup.hpp"

#include <gtest/gtest.h>

namespace quorum::setup {
namespace {

TEST(Setup, defaultsAreTheFirstProtocolsDefaultClusterAndEveryProtocolsConfig) {
    const SetupOptions setup;
    const ClusterConfig defaults = default_cluster_config(all_algorithms().front());
    EXPECT_EQ(setup.algorithm, all_algorithms().front());
    EXPECT_EQ(static_cast<std::size_t>(setup.nodes), defaults.nodes);
    EXPECT_EQ(setup.seed, defaults.seed);
    ASSERT_EQ(setup.protocols.size(), all_algorithms().size());
    for (const Algorithm algorithm : all_algorithms()) {
        EXPECT_EQ(setup.protocols[static_cast<std::size_t>(algorithm)],
                  default_protocol_config(algorithm))
            << algorithm_name(algorithm);
    }
    EXPECT_EQ(make_config(setup), defaults);
}

// Every on/off option flipped and every number option moved to its other
// bound, for each protocol: the JSON carries them to an equal setup and config.
TEST(Setup, everyProtocolsOptionsSurviveJson) {
    for (const Algorithm algorithm : all_algorithms()) {
        SetupOptions setup;
        setup.algorithm = algorithm;
        setup.nodes = 3;
        setup.seed = 42;
        setup.runner = Runner::Workers;
        setup.cluster_name = "lesson-1";
        for (const OptionInfo& option : protocol_options(algorithm)) {
            const OptionValue value = *get_option(setup.protocol(), option.name);
            if (const bool* on = std::get_if<bool>(&value)) {
                set_option(setup.protocol(), option.name, OptionValue(!*on));
            } else if (const auto* number = std::get_if<std::uint64_t>(&value)) {
                set_option(setup.protocol(), option.name,
                           OptionValue(*number == option.high ? option.low : option.high));
            }
        }
        std::string error;
        const auto back = setup_from_json(setup_to_json(setup), SetupOptions{}, error);
        ASSERT_TRUE(back) << error;
        EXPECT_EQ(make_config(*back), make_config(setup)) << algorithm_name(algorithm);
        EXPECT_EQ(back->protocol(), setup.protocol()) << algorithm_name(algorithm);
        EXPECT_EQ(back->runner, Runner::Workers);
        EXPECT_EQ(back->cluster_name, "lesson-1");
    }
}

// Scripts and saved records spell options in camel case; each key sets the
// option in every protocol that has it.
TEST(Setup, optionKeysReadInAnyCaseIntoEveryProtocolThatHasThem) {
    std::string error;
    const auto setup = setup_from_json(
        R"({"algorithm":"raft","preVote":false,"checkQuorum":false,"backoff":false})",
        SetupOptions{}, error);
    ASSERT_TRUE(setup) << error;
    EXPECT_EQ(get_option(setup->protocol(), "prevote"), OptionValue(false));
    EXPECT_EQ(get_option(setup->protocol(), "checkquorum"), OptionValue(false));
    for (const Algorithm algorithm : all_algorithms()) {
        const ProtocolConfig& config = setup->protocols[static_cast<std::size_t>(algorithm)];
        if (const auto backoff = get_option(config, "backoff")) {
            EXPECT_EQ(*backoff, OptionValue(false)) << algorithm_name(algorithm);
        }
    }
}

TEST(Setup, absentKeysKeepTheBase) {
    SetupOptions base;
    base.nodes = 7;
    base.seed = 9;
    std::string error;
    const auto setup = setup_from_json(R"({"seed":3})", base, error);
    ASSERT_TRUE(setup) << error;
    EXPECT_EQ(setup->nodes, 7);
    EXPECT_EQ(setup->seed, 3U);
    EXPECT_EQ(setup->protocols, base.protocols);
}

TEST(Setup, malformedSetupsAreRefusedWithTheReason) {
    const auto refusal = [](const std::string& text) {
        std::string error;
        EXPECT_FALSE(setup_from_json(text, SetupOptions{}, error)) << text;
        return error;
    };
    std::string names;
    for (const Algorithm algorithm : all_algorithms()) {
        names += (names.empty() ? "" : ", ") + std::string(algorithm_name(algorithm));
    }
    EXPECT_EQ(refusal(R"({"algorithm":"zab"})"), "unknown algorithm \"zab\" (" + names + ")");
    EXPECT_EQ(refusal(R"({"nodes":0})"), "nodes must be 1 to 9");
    EXPECT_EQ(refusal(R"({"nodes":"5"})"), "\"nodes\" has the wrong type");
    EXPECT_EQ(refusal(R"({"preVote":1})"), "\"preVote\" has the wrong type");
    EXPECT_EQ(refusal(R"({"runner":"threads"})"),
              "unknown runner \"threads\" (in-process, workers)");
    EXPECT_EQ(refusal(R"({"cluster":"a b"})"),
              "a cluster name is 1 to 40 letters, digits, '-' or '_'");
    EXPECT_EQ(refusal("[1]"), "not a JSON object");
    // A number option out of its table's bounds.
    for (const Algorithm algorithm : all_algorithms()) {
        for (const OptionInfo& option : protocol_options(algorithm)) {
            if (option.kind == OptionKind::Number) {
                const std::string key(option.name);
                EXPECT_EQ(refusal("{\"" + key + "\":" + std::to_string(option.high + 1) + "}"),
                          "\"" + key + "\" must be " + std::to_string(option.low) + " to " +
                              std::to_string(option.high));
            }
        }
    }
}

}  // namespace
}  // namespace quorum::setup
