import CSystemZlib
import Foundation

/// Writes a ZIP archive front to back into an async sink, so that "every accepted file of a
/// campaign" (some 60 units × 20 MB) reaches the officer's browser without the archive ever
/// existing in memory or on disk. Members are stored, not deflated: scans are JPEG, PDF or
/// HEIC, already compressed, and deflating a gigabyte again would burn CPU for nothing.
///
/// A file is read twice, once for its CRC-32 and once to send it, so its local header can
/// carry the real CRC and sizes and no data descriptor need follow: Windows Explorer's
/// built-in unzipper is the reader that matters most here and the least forgiving of
/// descriptors. Two passes are sound only because stored scans never change on disk; a file
/// that does change between them is reported, never sent as a silently broken member.
///
/// The writer reads no further until the sink returns, so a sink that waits for the client
/// (as an HTTP body writer does) holds memory to one chunk however large the archive; a sink
/// that merely queues would let a slow client pile the whole archive up. Noncopyable because a copy would
/// share the sink but not the byte count, and the two would record offsets that disagree;
/// `finish()` consumes the writer so nothing can be added after the central directory.
public struct ZipStreamWriter: ~Copyable, Sendable {
    public typealias Sink = @Sendable ([UInt8]) async throws -> Void

    private let sink: Sink
    /// DOS times are wall-clock times with no zone: the officer's zone is what their unzipper
    /// will show, so the times are taken in it.
    private let calendar: Calendar
    private let records: ZipRecords
    private let chunkSize: Int
    private var pending: [UInt8] = []
    /// Bytes of the archive so far, handed to the sink or pending: the next member's offset.
    private var written: UInt64 = 0
    private var members: [ZipMember] = []
    /// False once a failure has left part of a member in the stream, or after the end.
    private var usable = true

    /// Headers are a few dozen bytes; gathering them spares the sink (an HTTP body writer) a
    /// call and a frame per header.
    static let flushSize = 64 * 1024

    public init(sink: @escaping Sink, timeZone: TimeZone) {
        self.init(sink: sink, timeZone: timeZone, zip64Threshold: 0xFFFF_FFFF)
    }

    init(sink: @escaping Sink, timeZone: TimeZone, zip64Threshold: UInt64, chunkSize: Int = 256 * 1024) {
        precondition(zip64Threshold <= 0xFFFF_FFFF && chunkSize > 0)
        self.sink = sink
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        records = ZipRecords(zip64Threshold: zip64Threshold)
        self.chunkSize = chunkSize
    }

    /// Adds the file at `url` as `name` (a path inside the archive, "/"-separated).
    ///
    /// If the file cannot be opened or read, the error comes before any of its bytes are
    /// written and the archive is still whole, so the caller may log it and go on without the
    /// file (a scan pruned between listing and zipping, say). Any later failure leaves the
    /// writer unusable.
    public mutating func addFile(name: String, at url: URL, modified: Date) async throws {
        try requireUsable()
        let encoded = try Self.encode(name, directory: false)
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        // One open handle for both passes: a rename or unlink in between cannot matter.
        let (size, crc) = try checksum(handle)
        try handle.seek(toOffset: 0)
        try await writeMember(name: encoded, crc: crc, size: size, modified: modified, directory: false) { writer in
            try await writer.copyBody(of: handle, size: size, crc: crc, path: url.path)
        }
    }

    /// Adds a small member built in memory, such as the summary workbook at the top of the
    /// archive.
    public mutating func addData(name: String, bytes: [UInt8], modified: Date) async throws {
        try requireUsable()
        let encoded = try Self.encode(name, directory: false)
        let crc = bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
        try await writeMember(name: encoded, crc: crc, size: UInt64(bytes.count), modified: modified, directory: false) { writer in
            var start = 0
            while start < bytes.count {
                let end = min(start + writer.chunkSize, bytes.count)
                writer.append(bytes[start..<end])
                start = end
                try await writer.flushIfFull()
            }
        }
    }

    /// Adds an empty folder. Unzippers create folders from member paths anyway; an explicit
    /// entry keeps a unit's folder even when it holds nothing, and gives it a date.
    /// A missing trailing "/" is added, since that slash is what makes the entry a folder.
    public mutating func addDirectory(name: String, modified: Date) async throws {
        try requireUsable()
        let encoded = try Self.encode(name.hasSuffix("/") ? name : name + "/", directory: true)
        try await writeMember(name: encoded, crc: 0, size: 0, modified: modified, directory: true) { _ in }
    }

    /// Writes the central directory and the end records, then hands the last bytes to the sink.
    /// ZIP64 end records are written only when a count, size or offset does not fit the classic
    /// ones, so an ordinary archive stays readable by the oldest unzippers.
    public consuming func finish() async throws {
        try requireUsable()
        usable = false
        let directoryOffset = written
        for member in members {
            append(records.centralHeader(member)[...])
            try await flushIfFull()
        }
        append(
            records.endRecords(
                count: UInt64(members.count), directorySize: written - directoryOffset, directoryOffset: directoryOffset,
                offset: written)[...])
        try await flush()
    }

    // MARK: - Members

    /// Writes the local header, runs `body` to write the member's bytes, and records the member
    /// for the central directory. A failure once the header is out leaves the archive broken.
    private mutating func writeMember(
        name: [UInt8], crc: UInt32, size: UInt64, modified: Date, directory: Bool,
        body: (inout ZipStreamWriter) async throws -> Void
    ) async throws {
        let member = ZipMember(
            name: name, crc: crc, size: size, offset: written, stamp: ZipStamp(modified, calendar: calendar), directory: directory)
        do {
            append(records.localHeader(member)[...])
            try await body(&self)
            members.append(member)
            try await flushIfFull()
        } catch {
            usable = false
            throw error
        }
    }

    private func checksum(_ handle: FileHandle) throws -> (size: UInt64, crc: UInt32) {
        var size: UInt64 = 0
        var crc = crc32(0, nil, 0)
        while let data = try handle.read(upToCount: chunkSize), !data.isEmpty {
            crc = Self.update(crc, with: data)
            size += UInt64(data.count)
        }
        return (size, UInt32(crc))
    }

    /// The second pass. The header is already out with `size` and `crc`, so exactly `size`
    /// bytes must follow, and a CRC that no longer matches means the archive is broken.
    private mutating func copyBody(of handle: FileHandle, size: UInt64, crc: UInt32, path: String) async throws {
        var remaining = size
        var again = crc32(0, nil, 0)
        while remaining > 0 {
            let wanted = Int(min(UInt64(chunkSize), remaining))
            guard let data = try handle.read(upToCount: wanted), !data.isEmpty else {
                throw ZipStreamError.sizeChanged(path: path, before: size, now: try handle.seekToEnd())
            }
            again = Self.update(again, with: data)
            append(data)
            remaining -= UInt64(data.count)
            try await flushIfFull()
        }
        if let more = try handle.read(upToCount: 1), !more.isEmpty {
            throw ZipStreamError.sizeChanged(path: path, before: size, now: try handle.seekToEnd())
        }
        guard UInt32(again) == crc else { throw ZipStreamError.contentChanged(path: path) }
    }

    private static func update(_ crc: uLong, with data: Data) -> uLong {
        data.withUnsafeBytes { raw in
            crc32(crc, raw.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(raw.count))
        }
    }

    // MARK: - Names

    /// NFC because macOS hands out decomposed names and Windows shows decomposed Vietnamese as
    /// loose accents; the UTF-8 flag (bit 11) is set on every entry, so no reader falls back to
    /// CP437. Paths that would land outside the folder the archive is extracted into are refused.
    private static func encode(_ name: String, directory: Bool) throws -> [UInt8] {
        let normalized = name.precomposedStringWithCanonicalMapping
        let components = normalized.split(separator: "/", omittingEmptySubsequences: false)
        let inner = directory ? components.dropLast() : components[...]
        guard !normalized.isEmpty, !normalized.hasPrefix("/"), !normalized.contains("\\"),
            inner.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." })
        else { throw ZipStreamError.invalidName(name) }
        let bytes = Array(normalized.utf8)
        guard bytes.count <= Int(UInt16.max) else { throw ZipStreamError.invalidName(name) }
        return bytes
    }

    // MARK: - Output

    private mutating func append(_ bytes: ArraySlice<UInt8>) {
        pending.append(contentsOf: bytes)
        written += UInt64(bytes.count)
    }

    private mutating func append(_ data: Data) {
        pending.append(contentsOf: data)
        written += UInt64(data.count)
    }

    private mutating func flushIfFull() async throws {
        if pending.count >= Self.flushSize { try await flush() }
    }

    private mutating func flush() async throws {
        guard !pending.isEmpty else { return }
        let chunk = pending
        pending = []
        try await sink(chunk)
    }

    private func requireUsable() throws {
        guard usable else { throw ZipStreamError.unusable }
    }
}
