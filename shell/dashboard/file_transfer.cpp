#include "file_transfer.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <fstream>
#endif

namespace quorum::dashboard {

#ifdef __EMSCRIPTEN__

std::string offer_download(const std::string& file_name, const std::string& text) {
    // clang-format off
    EM_ASM({
        const blob = new Blob([UTF8ToString($1)], {type: 'text/plain'});
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = UTF8ToString($0);
        document.body.appendChild(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 0);
    }, file_name.c_str(), text.c_str());
    // clang-format on
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
