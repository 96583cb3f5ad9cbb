#include "file_transfer.hpp"

#include <cstdio>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <fstream>
#endif

namespace quorum::dashboard {

std::string file_too_big(const std::string& name, std::size_t size_bytes) {
    const auto megabytes = [](std::size_t bytes) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1 << 20));
        return std::string(text);
    };
    return name + " is " + megabytes(size_bytes) + ": the page reads files of up to " +
           megabytes(kMaxImportBytes) + " (a trace the dashboard exported is at most about 12 MB)";
}

#ifdef __EMSCRIPTEN__

// Named parameters: EM_ASM's $0 is an identifier -Wpedantic refuses.
// clang-format off
EM_JS(void, quorum_download_file, (const char* file_name, const char* text), {
    const blob = new Blob([UTF8ToString(text)], {type: 'text/plain'});
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = UTF8ToString(file_name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 0);
});
// clang-format on

std::string offer_download(const std::string& file_name, const std::string& text) {
    quorum_download_file(file_name.c_str(), text.c_str());
    return "downloaded " + file_name;
}

bool can_import_files() {
    return true;
}

void request_file_import() {
    EM_ASM({
        if (window.quorum && window.quorum.openFile)
            window.quorum.openFile();
    });
}

#else

std::string offer_download(const std::string& file_name, const std::string& text) {
    std::ofstream out(file_name, std::ios::binary);
    out << text;
    return out ? "wrote ./" + file_name : "could not write ./" + file_name;
}

bool can_import_files() {
    return false;
}

void request_file_import() {}

#endif

}  // namespace quorum::dashboard
