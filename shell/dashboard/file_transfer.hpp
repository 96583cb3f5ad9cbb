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

#include <string>

namespace quorum::dashboard {

// Hands `text` to the person as a file named `file_name`. Returns where it
// went, for a notice ("downloaded x.qs", "wrote ./x.qs").
std::string offer_download(const std::string& file_name, const std::string& text);

// Whether this platform can pick a file to import.
bool can_import_files();
// Opens the file picker; the file arrives later as an `import` command.
void request_file_import();

}  // namespace quorum::dashboard
