// A test-only SQLite VFS that makes SIGKILL a power cut (tests/node/cluster_test.py,
// "powercut"). It is linked only into quorum-node-powercut, a test build of
// quorum-node (shell/node/CMakeLists.txt); the shipped quorum-node has none of it.
//
// Why: a SIGKILL leaves the operating system's page cache, so a killed node
// finds on restart every write it made, synced or not, and `--sync off` would
// pass a kill test as well as `--sync full`. Here, as in SQLite's own crash
// tests (src/test6.c), a wrapper of the default VFS keeps every write made
// since the file's last xSync in this process's memory: reads see them, xSync
// hands them to the real file in order, and a SIGKILL (the power cut) loses
// whatever was not synced. With QUORUM_POWERCUT_SEED=S, each write also
// reaches the real file at once with probability 1/4 (seeded), while staying
// pending: after a cut the file holds the synced state plus a random subset of
// the later writes, as a disk may have written some of its cache.
//
// The model's limits: a write is never torn below its own size, and creating,
// deleting and renaming files is durable at once.
#include <sqlite3.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

// A write or a truncation not synced yet.
struct PendingOp {
    bool truncate = false;
    sqlite3_int64 offset = 0;  // truncate: the new size
    std::string bytes;
};

// Per path, shared by every handle on the file; lives as long as the process.
std::map<std::string, std::vector<PendingOp>>& pending_by_path() {
    static std::map<std::string, std::vector<PendingOp>> pending;
    return pending;
}

sqlite3_vfs* real_vfs = nullptr;
bool subset_mode = false;
std::mt19937_64 subset_random;

struct File {
    sqlite3_file base;  // must be first: SQLite sees a File* as a sqlite3_file*
    sqlite3_file* real;
    std::string path;
};

sqlite3_file* real_of(sqlite3_file* file) {
    return reinterpret_cast<File*>(file)->real;
}

std::vector<PendingOp>& pending_of(sqlite3_file* file) {
    return pending_by_path()[reinterpret_cast<File*>(file)->path];
}

int apply(sqlite3_file* real, const PendingOp& op) {
    return op.truncate ? real->pMethods->xTruncate(real, op.offset)
                       : real->pMethods->xWrite(real, op.bytes.data(),
                                                static_cast<int>(op.bytes.size()), op.offset);
}

int x_close(sqlite3_file* file) {
    File* self = reinterpret_cast<File*>(file);
    const int code = self->real->pMethods->xClose(self->real);
    sqlite3_free(self->real);
    self->path.~basic_string();
    return code;
}

// The real file's bytes, then every pending op over them, in order.
int x_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    sqlite3_file* real = real_of(file);
    sqlite3_int64 size = 0;
    if (int code = real->pMethods->xFileSize(real, &size); code != SQLITE_OK) {
        return code;
    }
    auto* out = static_cast<unsigned char*>(buffer);
    std::memset(out, 0, static_cast<std::size_t>(amount));
    if (offset < size) {
        const int code = real->pMethods->xRead(real, out, amount, offset);
        if (code != SQLITE_OK && code != SQLITE_IOERR_SHORT_READ) {
            return code;
        }
    }
    const sqlite3_int64 end = offset + amount;
    for (const PendingOp& op : pending_of(file)) {
        if (op.truncate) {
            size = op.offset;
            if (op.offset < end) {
                const sqlite3_int64 from = std::max(op.offset, offset);
                std::memset(out + (from - offset), 0, static_cast<std::size_t>(end - from));
            }
            continue;
        }
        const auto op_end = op.offset + static_cast<sqlite3_int64>(op.bytes.size());
        size = std::max(size, op_end);
        const sqlite3_int64 from = std::max(op.offset, offset);
        const sqlite3_int64 to = std::min(op_end, end);
        if (from < to) {
            std::memcpy(out + (from - offset), op.bytes.data() + (from - op.offset),
                        static_cast<std::size_t>(to - from));
        }
    }
    return end <= size ? SQLITE_OK : SQLITE_IOERR_SHORT_READ;
}

int x_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    PendingOp op{false, offset,
                 std::string(static_cast<const char*>(buffer), static_cast<std::size_t>(amount))};
    if (subset_mode && subset_random() % 4 == 0) {
        // This one happened to reach the disk before the cut, out of order.
        if (int code = apply(real_of(file), op); code != SQLITE_OK) {
            return code;
        }
    }
    pending_of(file).push_back(std::move(op));
    return SQLITE_OK;
}

int x_truncate(sqlite3_file* file, sqlite3_int64 size) {
    pending_of(file).push_back(PendingOp{true, size, {}});
    return SQLITE_OK;
}

// Everything pending reaches the real file, in order, then the real sync.
int x_sync(sqlite3_file* file, int flags) {
    sqlite3_file* real = real_of(file);
    auto& pending = pending_of(file);
    for (const PendingOp& op : pending) {
        if (int code = apply(real, op); code != SQLITE_OK) {
            return code;
        }
    }
    pending.clear();
    return real->pMethods->xSync(real, flags);
}

int x_file_size(sqlite3_file* file, sqlite3_int64* size) {
    sqlite3_file* real = real_of(file);
    if (int code = real->pMethods->xFileSize(real, size); code != SQLITE_OK) {
        return code;
    }
    for (const PendingOp& op : pending_of(file)) {
        *size = op.truncate
                    ? op.offset
                    : std::max(*size, op.offset + static_cast<sqlite3_int64>(op.bytes.size()));
    }
    return SQLITE_OK;
}

int x_lock(sqlite3_file* file, int level) {
    return real_of(file)->pMethods->xLock(real_of(file), level);
}
int x_unlock(sqlite3_file* file, int level) {
    return real_of(file)->pMethods->xUnlock(real_of(file), level);
}
int x_check_reserved_lock(sqlite3_file* file, int* out) {
    return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}
int x_file_control(sqlite3_file* file, int op, void* arg) {
    return real_of(file)->pMethods->xFileControl(real_of(file), op, arg);
}
int x_sector_size(sqlite3_file* file) {
    return real_of(file)->pMethods->xSectorSize(real_of(file));
}
int x_device_characteristics(sqlite3_file* file) {
    return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file));
}
// The WAL index (-shm) is memory shared between connections, never durable:
// it passes straight through.
int x_shm_map(sqlite3_file* file, int page, int size, int extend, void volatile** out) {
    return real_of(file)->pMethods->xShmMap(real_of(file), page, size, extend, out);
}
int x_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    return real_of(file)->pMethods->xShmLock(real_of(file), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* file) {
    real_of(file)->pMethods->xShmBarrier(real_of(file));
}
int x_shm_unmap(sqlite3_file* file, int delete_flag) {
    return real_of(file)->pMethods->xShmUnmap(real_of(file), delete_flag);
}
// No memory-mapped reads: they would bypass the pending writes.
int x_fetch(sqlite3_file*, sqlite3_int64, int, void** out) {
    *out = nullptr;
    return SQLITE_OK;
}
int x_unfetch(sqlite3_file*, sqlite3_int64, void*) {
    return SQLITE_OK;
}

const sqlite3_io_methods kMethods = {
    3,
    x_close,
    x_read,
    x_write,
    x_truncate,
    x_sync,
    x_file_size,
    x_lock,
    x_unlock,
    x_check_reserved_lock,
    x_file_control,
    x_sector_size,
    x_device_characteristics,
    x_shm_map,
    x_shm_lock,
    x_shm_barrier,
    x_shm_unmap,
    x_fetch,
    x_unfetch,
};

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out_flags) {
    File* self = reinterpret_cast<File*>(file);
    self->base.pMethods = nullptr;
    auto* real = static_cast<sqlite3_file*>(sqlite3_malloc(real_vfs->szOsFile));
    if (real == nullptr) {
        return SQLITE_NOMEM;
    }
    std::memset(real, 0, static_cast<std::size_t>(real_vfs->szOsFile));
    const int code = real_vfs->xOpen(real_vfs, name, real, flags, out_flags);
    if (code != SQLITE_OK) {
        if (real->pMethods != nullptr) {
            real->pMethods->xClose(real);
        }
        sqlite3_free(real);
        return code;
    }
    self->real = real;
    new (&self->path) std::string(name != nullptr ? name : "");
    self->base.pMethods = &kMethods;
    return SQLITE_OK;
}

int x_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    pending_by_path().erase(name);
    return real_vfs->xDelete(real_vfs, name, sync_dir);
}
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return real_vfs->xAccess(real_vfs, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return real_vfs->xFullPathname(real_vfs, name, size, out);
}
void* x_dl_open(sqlite3_vfs*, const char* name) {
    return real_vfs->xDlOpen(real_vfs, name);
}
void x_dl_error(sqlite3_vfs*, int size, char* out) {
    real_vfs->xDlError(real_vfs, size, out);
}
void (*x_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return real_vfs->xDlSym(real_vfs, handle, symbol);
}
void x_dl_close(sqlite3_vfs*, void* handle) {
    real_vfs->xDlClose(real_vfs, handle);
}
int x_randomness(sqlite3_vfs*, int size, char* out) {
    return real_vfs->xRandomness(real_vfs, size, out);
}
int x_sleep(sqlite3_vfs*, int microseconds) {
    return real_vfs->xSleep(real_vfs, microseconds);
}
int x_current_time(sqlite3_vfs*, double* out) {
    return real_vfs->xCurrentTime(real_vfs, out);
}
int x_get_last_error(sqlite3_vfs*, int size, char* out) {
    return real_vfs->xGetLastError(real_vfs, size, out);
}
int x_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
    return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

sqlite3_vfs powercut_vfs = {};

// Registered before main() runs, as the default VFS: quorum-node's code is
// unchanged and cannot tell.
bool register_powercut_vfs() {
    real_vfs = sqlite3_vfs_find(nullptr);
    if (real_vfs == nullptr) {
        std::cerr << "powercut VFS: SQLite has no default VFS to wrap\n";
        std::abort();
    }
    powercut_vfs = sqlite3_vfs{2,
                               static_cast<int>(sizeof(File)),
                               real_vfs->mxPathname,
                               nullptr,
                               "quorum-powercut",
                               nullptr,
                               x_open,
                               x_delete,
                               x_access,
                               x_full_pathname,
                               x_dl_open,
                               x_dl_error,
                               x_dl_sym,
                               x_dl_close,
                               x_randomness,
                               x_sleep,
                               x_current_time,
                               x_get_last_error,
                               x_current_time_int64,
                               nullptr,
                               nullptr,
                               nullptr};
    const char* seed = std::getenv("QUORUM_POWERCUT_SEED");
    subset_mode = seed != nullptr && *seed != '\0';
    if (subset_mode) {
        subset_random.seed(std::strtoull(seed, nullptr, 10));
    }
    std::cerr << "powercut VFS (test build): unsynced writes live in memory until xSync; "
              << (subset_mode ? std::string("seed ") + seed +
                                    ": a random quarter of them reach the file early"
                              : std::string("none reach the file early"))
              << '\n';
    return sqlite3_vfs_register(&powercut_vfs, 1) == SQLITE_OK;
}

[[maybe_unused]] const bool registered = register_powercut_vfs();

}  // namespace
