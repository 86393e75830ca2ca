import Foundation
import Synchronization

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
        /// `code`: the errno of the failed call, taken where the failure is thrown (by the
        /// time the message is read, errno belongs to some later call).
        case io(String, path: String, code: Int32 = errno)
        public var description: String {
            switch self {
            case .io(let what, let path, let code):
                "could not \(what) \(path): \(String(cString: strerror(code))); check that the data directory exists, is writable by thidua and has free space"
            }
        }
    }

    public func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// Writes `bytes` durably at `relativePath` (relative to the data directory).
    public func writeDurably(_ bytes: [UInt8], to relativePath: String) throws {
        try write(bytes, to: relativePath, durably: true)
    }

    /// Replaces the file at `relativePath` whole, at once (a reader sees the old file or the
    /// new one), without waiting for the disk: for a file made again from the ledger after
    /// every poll, which a power cut can only leave a poll behind.
    public func writeReplacing(_ bytes: [UInt8], to relativePath: String) throws {
        try write(bytes, to: relativePath, durably: false)
    }

    /// A file written under `tmp/`, on its way to `target` (relative to the data directory):
    /// neither durable nor in place until `placeDurably`.
    public struct StagedFile: Sendable {
        public let target: String
        let temporary: String
        /// Open (for reading too) while the data still needs its fsync; nil for a file
        /// already fsynced.
        let descriptor: Int32?
    }

    /// Writes `bytes` to a new file under `tmp/` and starts writing it back to disk, without
    /// waiting: `placeDurably` then flushes it with the others of its round.
    public func stage(_ bytes: [UInt8], for relativePath: String) throws -> StagedFile {
        let temporary = try temporaryPath()
        let fd = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure.io("create", path: temporary) }
        guard Self.writeAll(bytes, to: fd) else {
            close(fd)
            unlink(temporary)
            throw Failure.io("write", path: temporary)
        }
        // The data goes to disk while the message is still being parsed and recorded, so
        // the fsync in `placeDurably` mostly waits for the flush alone. (On Linux, DONTNEED
        // starts writing dirty pages back without waiting; the pages are not needed again,
        // thidua does not reread what it extracted.)
        _ = posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED)
        return StagedFile(target: relativePath, temporary: temporary, descriptor: fd)
    }

    /// A file under `tmp/` that is already fsynced (a fetched message), to be put in place
    /// at `relativePath` by `placeDurably` with the others.
    public func staged(fsyncedFile path: String, for relativePath: String) -> StagedFile {
        StagedFile(target: relativePath, temporary: path, descriptor: nil)
    }

    /// A file under `tmp/` written by someone else and not yet fsynced (a fetched message),
    /// to be flushed and put in place at `relativePath` by `placeDurably` with the others.
    public func staged(unsyncedFile path: String, for relativePath: String) throws -> StagedFile {
        // fsync flushes the file's data whatever descriptor it is called on.
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.io("open", path: path) }
        return StagedFile(target: relativePath, temporary: path, descriptor: fd)
    }

    /// Makes `files` durable and puts them in place: each fsynced, then renamed over its
    /// target (paths are content-derived: a file already there has the same bytes), then
    /// each folder flushed once. Until it returns, nothing may refer to them; on failure
    /// the temporaries not yet in place are removed.
    public func placeDurably(_ files: [StagedFile]) throws {
        var placed = 0
        defer {
            for file in files[placed...] { unlink(file.temporary) }
            for file in files { if let fd = file.descriptor { close(fd) } }
        }
        let unsynced = files.filter { $0.descriptor != nil }
        if let failed = Self.concurrently(unsynced.count, { fsync(unsynced[$0].descriptor!) == 0 }) {
            throw Failure.io("write", path: unsynced[failed].temporary)
        }
        // Now clean, their pages are given back at once. thidua does not reread what it
        // stores, and a backlog's gigabyte would otherwise push the machine's useful cache
        // out; the freed pages are also the ones the next batch's writes get, while they are
        // still warm (on a VM, pages left free are handed back to the host and are dear to
        // touch again).
        for file in unsynced { _ = posix_fadvise(file.descriptor!, 0, 0, POSIX_FADV_DONTNEED) }
        var directories = Set<String>()
        for file in files {
            let target = url(file.target)
            let directory = target.deletingLastPathComponent()
            if directories.insert(directory.path).inserted { try createDirectory(directory) }
            guard rename(file.temporary, target.path) == 0 else { throw Failure.io("rename into place", path: target.path) }
            placed += 1
        }
        let folders = directories.sorted()
        if let failed = Self.concurrently(folders.count, { (try? syncDirectory(URL(fileURLWithPath: folders[$0]))) != nil }) {
            throw Failure.io("sync directory", path: folders[failed])
        }
    }

    /// Runs `step` for 0..<count at once and returns the first index that failed: each
    /// fsync waits for its own device flush, and concurrent flushes overlap.
    private static func concurrently(_ count: Int, _ step: @Sendable (Int) -> Bool) -> Int? {
        guard count > 1 else { return count == 1 && !step(0) ? 0 : nil }
        let failed = Atomic<Int>(Int.max)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            if !step(index) { _ = failed.min(index, ordering: .relaxed) }
        }
        let first = failed.load(ordering: .relaxed)
        return first == Int.max ? nil : first
    }

    /// Drops staged files that will not be placed (the message failed before its commit).
    public func discard(_ files: [StagedFile]) {
        for file in files {
            if let fd = file.descriptor { close(fd) }
            unlink(file.temporary)
        }
    }

    private func write(_ bytes: [UInt8], to relativePath: String, durably: Bool) throws {
        let target = url(relativePath)
        let directory = target.deletingLastPathComponent()
        try createDirectory(directory)
        // Staged in tmp/, which the daemon empties when it starts: a write cut short by a
        // crash must not leave a half-written file among the stored ones.
        let temporary = try temporaryPath()
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw Failure.io("create", path: temporary) }
        let ok = Self.writeAll(bytes, to: fd) && (!durably || fsync(fd) == 0)
        close(fd)
        guard ok else {
            unlink(temporary)
            throw Failure.io("write", path: temporary)
        }
        guard rename(temporary, target.path) == 0 else {
            unlink(temporary)
            throw Failure.io("rename into place", path: target.path)
        }
        if durably { try syncDirectory(directory) }
    }

    /// Writes all of `bytes` to `fd`, through short writes and interruptions.
    private static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count {
                let result = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                written += result
            }
            return true
        }
    }

    /// A fresh path under `tmp/` for a file being received; `placeDurably` puts it in place.
    public func temporaryPath() throws -> String {
        // Asked for once per message and per attachment: plain strings and one access(2),
        // not URLs and a FileManager round.
        let directory = root.path + "/tmp"
        if access(directory, F_OK) != 0 { try createDirectory(URL(fileURLWithPath: directory)) }
        return directory + "/incoming-" + UUID().uuidString
    }

    /// Removes what a previous run left in `tmp/` (transfers and writes cut short by a crash).
    public func clearTemporaryFiles() {
        let directory = root.appendingPathComponent("tmp")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [] {
            try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
        }
    }

    /// A stored file's bytes, read straight into one array (a large scan is not copied
    /// through an intermediate buffer).
    public func read(_ relativePath: String) throws -> [UInt8] {
        try read(file: url(relativePath).path)
    }

    /// A staged file's bytes, before it is in place, read into the start of `buffer`, which
    /// grows to the largest file read and never shrinks. One buffer reused from message to
    /// message keeps a backlog's reads in the same warm pages; a fresh one for each message
    /// would be fresh pages, each a page fault to zero (and on a VM, often a page the host
    /// must hand back first).
    public func read(_ file: StagedFile, into buffer: inout [UInt8]) throws -> ArraySlice<UInt8> {
        // The descriptor kept for the file's fsync serves, rather than a second open.
        let fd = try file.descriptor ?? openForReading(file.temporary)
        defer { if file.descriptor == nil { close(fd) } }
        let size = try size(of: fd, at: file.temporary)
        if buffer.count < size { buffer.append(contentsOf: repeatElement(0, count: size - buffer.count)) }
        let count = buffer.withUnsafeMutableBytes { Self.readAll(fd, into: $0.baseAddress!, size) }
        guard let count else { throw Failure.io("read", path: file.temporary) }
        return buffer[..<count]
    }

    private func read(file path: String) throws -> [UInt8] {
        let fd = try openForReading(path)
        defer { close(fd) }
        let size = try size(of: fd, at: path)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            guard let read = Self.readAll(fd, into: buffer.baseAddress!, size) else {
                failed = true
                return
            }
            count = read
        }
        guard !failed else { throw Failure.io("read", path: path) }
        return bytes
    }

    private func openForReading(_ path: String) throws -> Int32 {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Failure.io("open", path: path) }
        return fd
    }

    private func size(of fd: Int32, at path: String) throws -> Int {
        var status = stat()
        guard fstat(fd, &status) == 0 else { throw Failure.io("stat", path: path) }
        return Int(status.st_size)
    }

    /// Reads up to `size` bytes from the start of `fd`'s file (fewer if it is shorter),
    /// through short reads and interruptions; nil on an error.
    private static func readAll(_ fd: Int32, into buffer: UnsafeMutableRawPointer, _ size: Int) -> Int? {
        var count = 0
        while count < size {
            let result = pread(fd, buffer + count, size - count, off_t(count))
            if result < 0 && errno == EINTR { continue }
            if result < 0 { return nil }
            if result == 0 { break }
            count += result
        }
        return count
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
