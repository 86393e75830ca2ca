import Foundation

/// Files under the data directory: raw messages and extracted attachments.
///
/// Every write goes to a temporary file that is fsynced and then renamed into place, and
/// the directory is fsynced too, so a file either exists whole or not at all. Paths are
/// derived from content hashes, so a write repeated after a crash lands on the same path
/// and leaves no orphan.
public struct FileStore: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public enum Failure: Error, CustomStringConvertible {
        case io(String, path: String)
        public var description: String {
            switch self {
            case let .io(what, path): "could not \(what) \(path): \(String(cString: strerror(errno))); check that the data directory exists, is writable by thidua and has free space"
            }
        }
    }

    public func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// Writes `bytes` durably at `relativePath` (relative to the data directory).
    public func writeDurably(_ bytes: [UInt8], to relativePath: String) throws {
        let target = url(relativePath)
        let directory = target.deletingLastPathComponent()
        try createDirectory(directory)
        // Staged in tmp/, which the daemon empties when it starts: a write cut short by a
        // crash must not leave a half-written file among the stored ones.
        let staging = root.appendingPathComponent("tmp")
        try createDirectory(staging)
        let temporary = staging.appendingPathComponent(".tmp-\(UUID().uuidString)")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure.io("create", path: temporary.path) }
        var written = 0
        let ok = bytes.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count {
                let result = write(fd, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 { if errno == EINTR { continue }; return false }
                written += result
            }
            return fsync(fd) == 0
        }
        close(fd)
        guard ok else {
            unlink(temporary.path)
            throw Failure.io("write", path: temporary.path)
        }
        guard rename(temporary.path, target.path) == 0 else {
            unlink(temporary.path)
            throw Failure.io("rename into place", path: target.path)
        }
        try syncDirectory(directory)
    }

    /// A fresh path under `tmp/` for a file being received; `moveDurably` puts it in place.
    public func temporaryPath() throws -> String {
        let directory = root.appendingPathComponent("tmp")
        try createDirectory(directory)
        return directory.appendingPathComponent("incoming-\(UUID().uuidString)").path
    }

    /// Removes what a previous run left in `tmp/` (transfers and writes cut short by a crash).
    public func clearTemporaryFiles() {
        let directory = root.appendingPathComponent("tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// Renames an already fsynced file into place at `relativePath` and syncs the directory.
    /// If a file with the same content-derived name exists, the new copy is dropped.
    public func moveDurably(from path: String, to relativePath: String) throws {
        let target = url(relativePath)
        let directory = target.deletingLastPathComponent()
        try createDirectory(directory)
        if FileManager.default.fileExists(atPath: target.path) {
            unlink(path)
            return
        }
        guard rename(path, target.path) == 0 else { throw Failure.io("rename into place", path: target.path) }
        try syncDirectory(directory)
    }

    public func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: url(relativePath).path)
    }

    private func createDirectory(_ directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw Failure.io("create directory", path: directory.path)
        }
    }

    private func syncDirectory(_ directory: URL) throws {
        let fd = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.io("open directory", path: directory.path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw Failure.io("sync directory", path: directory.path) }
    }
}
