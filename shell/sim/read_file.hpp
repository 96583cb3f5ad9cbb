// A whole file as text for quorum-sim's commands, or a message on stderr
// naming it and nullopt (the caller exits 2).
#pragma once

#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>

namespace quorum::sim_cli {

inline std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::cerr << "quorum-sim: cannot read " << path << '\n';
        return std::nullopt;
    }
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace quorum::sim_cli
