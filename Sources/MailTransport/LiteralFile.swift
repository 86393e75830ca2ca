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
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
    }

    /// Starts (over: a literal that turned out not to be the message asked for may have come
    /// first).
    mutating func restart() throws {
        hasher = SHA256Hasher()
        guard ftruncate(fd, 0) == 0, lseek(fd, 0, SEEK_SET) == 0 else { throw Self.failure(path) }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws {
        hasher.update(bytes)
        var written = 0
        while written < bytes.count {
            let result = write(fd, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 && errno == EINTR { continue }
            guard result > 0 else { throw Self.failure(path) }
            written += result
        }
    }

    func sync() throws {
        guard fsync(fd) == 0 else { throw Self.failure(path) }
    }

    func digest() -> String { hasher.finalize() }

    func close() { Glibc.close(fd) }

    /// A failed write to `path`, with errno's reason.
    static func failure(_ path: String) -> any Error {
        CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSUnderlyingErrorKey: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)])
    }
}
