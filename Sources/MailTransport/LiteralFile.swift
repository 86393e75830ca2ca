import Foundation
import MIME

/// The file a message literal is written to, hashed as it is written.
struct LiteralFile {
    let path: String
    let fd: Int32
    var hasher = SHA256Hasher()

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure(action: "create", path: path) }
    }

    /// Starts over: a literal that turned out not to be the message asked for came first.
    /// Only for a file written to already: ext4 flushes a file truncated to zero when it is
    /// closed (its auto_da_alloc guard for rewrite-in-place), which on every fresh file put
    /// each message's writeback on the fetching thread, between one message and the next.
    mutating func restart() throws {
        hasher = SHA256Hasher()
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { throw Failure(action: "write", path: path) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bytes)
        var written = 0
        while written < bytes.count {
            let result = write(fd, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw Failure(action: "write", path: path) }
            written += result
        }
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw Failure(action: "flush", path: path) }
    }

    /// Starts writing the file to disk without waiting, for a message flushed later with
    /// its batch: that fsync then mostly finds it written. The last batch's fsyncs are what
    /// a poll waits for after the last message arrives. (On Linux, DONTNEED starts the
    /// writeback and drops only pages already clean: these, dirty, stay cached for the
    /// parser, which reads the file next.)
    func startWriteback() {
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
    }

    func digest() -> String { hasher.finalize() }

    func close() { Glibc.close(fd) }

    /// What the operator reads in the log and in `thidua status`: the file, the reason, and
    /// what to look at (a full disk is the usual one).
    struct Failure: Error, CustomStringConvertible {
        var action: String
        var path: String
        /// errno, taken where the failure is thrown.
        var code: Int32 = errno

        var description: String {
            "could not \(action) \(path) for a fetched message: \(String(cString: strerror(code))); "
                + "check that the data directory is writable by thidua and has free space"
        }
    }
}
