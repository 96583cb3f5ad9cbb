// Files in and out of the dashboard: scenarios and traces exported and
// imported as files a person keeps.
//
//   page:    export is a download (a Blob and a link, in the browser's
//            Downloads); import opens the browser's file picker
//            (window.quorum.openFile in web/boot.js), and the chosen file's
//            text comes back as the `import` command of window.quorum.
//   desktop: export writes the file into the working directory; import is
//            not offered (a script can paste through window.quorum only in
//            the page).
#pragma once

#include <cstddef>
#include <string>

namespace quorum::dashboard {

// The biggest file the dashboard reads (web/boot.js keeps the same number and
// does not even read a bigger one). The dashboard's own exported trace is at
// most about 12 MB (the event log keeps 100,000 events); checking a trace takes
// a few times its size in memory, so an import stays under about 200 MB.
constexpr std::size_t kMaxImportBytes = std::size_t{32} << 20;

// Why a file of `size_bytes` is not read, naming the limit.
std::string file_too_big(const std::string& name, std::size_t size_bytes);

// Hands `text` to the person as a file named `file_name`. Returns where it
// went, for a notice ("downloaded x.qs", "wrote ./x.qs").
std::string offer_download(const std::string& file_name, const std::string& text);

// Whether this platform can pick a file to import.
bool can_import_files();
// Opens the file picker; the file arrives later as an `import` command.
void request_file_import();

}  // namespace quorum::dashboard
