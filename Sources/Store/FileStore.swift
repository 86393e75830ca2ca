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
        try write(bytes, to: relativePath, sync: true)
    }

    /// Writes like `writeDurably` (the data is flushed) but leaves the directory entry to
    /// one `syncDirectories` for a batch of files — a message's attachments share a folder,
    /// so one flush stands for all of them. Until it returns, nothing may refer to them.
    public func writeForBatchSync(_ bytes: [UInt8], to relativePath: String) throws {
        try write(bytes, to: relativePath, sync: false)
    }

    /// Flushes the folders holding `relativePaths`, once each.
    public func syncDirectories(of relativePaths: [String]) throws {
        for directory in Set(relativePaths.map { url($0).deletingLastPathComponent().path }).sorted() {
            try syncDirectory(URL(fileURLWithPath: directory))
        }
    }

    private func write(_ bytes: [UInt8], to relativePath: String, sync: Bool) throws {
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
                let result = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
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
        if sync { try syncDirectory(directory) }
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

    /// A stored file's bytes, read straight into one array (a large scan is not copied
    /// through an intermediate buffer).
    public func read(_ relativePath: String) throws -> [UInt8] {
        let path = url(relativePath).path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.io("open", path: path) }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw Failure.io("stat", path: path) }
        let size = Int(status.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while count < size {
                let result = Glibc.read(fd, buffer.baseAddress! + count, size - count)
                if result < 0 && errno == EINTR { continue }
                if result <= 0 { failed = result < 0; break }
                count += result
            }
        }
        guard !failed else { throw Failure.io("read", path: path) }
        return bytes
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
