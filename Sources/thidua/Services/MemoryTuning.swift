import Glibc

/// glibc malloc settings for a long-running daemon that handles one multi-megabyte message
/// after another on a few threads.
///
/// By default glibc raises its mmap threshold to the size of the largest block freed (up
/// to 32 MB), after which every message-sized buffer comes from a heap that is not given
/// back, and it keeps an arena per thread that ever allocated (up to 8 per core). Fixed
/// thresholds make a scan's buffers mmapped and returned whole when freed; two arenas are
/// enough for the fetching and the ingesting thread. Together they keep the peak RSS near
/// the working set of one message instead of its high-water mark on every thread.
enum MemoryTuning {
    static func apply() {
        // mallopt is declared in <malloc.h>, which the Glibc module does not import.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }  // RTLD_DEFAULT
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        _ = mallopt(-8, 2)  // M_ARENA_MAX
        _ = mallopt(-3, 256 * 1024)  // M_MMAP_THRESHOLD (fixed: no dynamic raising)
        _ = mallopt(-1, 1024 * 1024)  // M_TRIM_THRESHOLD
    }
}
