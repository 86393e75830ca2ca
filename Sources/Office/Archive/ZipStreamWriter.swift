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
    /// 0xFFFFFFFF in real use; tests lower it to take the ZIP64 path with a few bytes.
    private let zip64Threshold: UInt64
    private let chunkSize: Int
    private var pending: [UInt8] = []
    /// Bytes of the archive so far, handed to the sink or pending: the next member's offset.
    private var written: UInt64 = 0
    private var members: [Member] = []
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
        self.zip64Threshold = zip64Threshold
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
            appendCentralHeader(member)
            try await flushIfFull()
        }
        let directorySize = written - directoryOffset
        let count = UInt64(members.count)
        // 0xFFFF is itself the "see the ZIP64 record" marker, so 65535 entries already need it.
        let countOverflows = count >= 0xFFFF
        let sizeOverflows = directorySize >= zip64Threshold
        let offsetOverflows = directoryOffset >= zip64Threshold
        if countOverflows || sizeOverflows || offsetOverflows {
            let recordOffset = written
            appendZIP64End(count: count, directorySize: directorySize, directoryOffset: directoryOffset)
            appendZIP64Locator(recordOffset: recordOffset)
        }
        append(UInt32(0x0605_4b50))
        append(UInt16(0))  // this disk
        append(UInt16(0))  // disk where the central directory starts
        let count16 = countOverflows ? UInt16.max : UInt16(count)
        append(count16)
        append(count16)
        append(sizeOverflows ? UInt32.max : UInt32(directorySize))
        append(offsetOverflows ? UInt32.max : UInt32(directoryOffset))
        append(UInt16(0))  // comment length
        try await flush()
    }

    // MARK: - Members

    private struct Member: Sendable {
        let name: [UInt8]
        let crc: UInt32
        let size: UInt64
        let offset: UInt64
        let stamp: Stamp
        let directory: Bool
    }

    private struct Stamp: Sendable {
        let dosTime: UInt16
        let dosDate: UInt16
        /// For the 0x5455 extra field; nil when the time does not fit its signed 32 bits.
        let unixTime: Int32?
    }

    /// Writes the local header, runs `body` to write the member's bytes, and records the member
    /// for the central directory. A failure once the header is out leaves the archive broken.
    private mutating func writeMember(
        name: [UInt8], crc: UInt32, size: UInt64, modified: Date, directory: Bool,
        body: (inout ZipStreamWriter) async throws -> Void
    ) async throws {
        let member = Member(
            name: name, crc: crc, size: size, offset: written, stamp: stamp(modified), directory: directory)
        do {
            appendLocalHeader(member)
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

    // MARK: - Names and times

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

    /// DOS dates run from 1980 to 2107 in two-second steps; a date outside is clamped to the
    /// nearest end rather than wrapped into a nonsense year.
    private func stamp(_ date: Date) -> Stamp {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        var (year, month, day) = (parts.year ?? 1980, parts.month ?? 1, parts.day ?? 1)
        var (hour, minute, second) = (parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
        if year < 1980 {
            (year, month, day, hour, minute, second) = (1980, 1, 1, 0, 0, 0)
        } else if year > 2107 {
            (year, month, day, hour, minute, second) = (2107, 12, 31, 23, 59, 58)
        }
        let dosTime = UInt16(hour << 11 | minute << 5 | second / 2)
        let dosDate = UInt16((year - 1980) << 9 | month << 5 | day)
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let unixTime = seconds >= Double(Int32.min) && seconds <= Double(Int32.max) ? Int32(seconds) : nil
        return Stamp(dosTime: dosTime, dosDate: dosDate, unixTime: unixTime)
    }

    // MARK: - Records

    /// The classic fields are 32 bits; from the threshold on they hold 0xFFFFFFFF and the
    /// real values go in the ZIP64 extra field.
    private func sizesOverflow(_ member: Member) -> Bool { member.size >= zip64Threshold }
    private func offsetOverflows(_ member: Member) -> Bool { member.offset >= zip64Threshold }

    private func versionNeeded(_ member: Member) -> UInt16 {
        sizesOverflow(member) || offsetOverflows(member) ? 45 : 20
    }

    private static let utf8Names: UInt16 = 1 << 11

    private mutating func appendLocalHeader(_ member: Member) {
        let zip64 = sizesOverflow(member)
        var extra: [UInt8] = []
        if zip64 {
            // In a local header the ZIP64 field must carry both sizes.
            Self.appendZIP64Extra([member.size, member.size], to: &extra)
        }
        Self.appendTimestampExtra(member.stamp, to: &extra)
        append(UInt32(0x0403_4b50))
        append(versionNeeded(member))
        append(Self.utf8Names)
        append(UInt16(0))  // stored
        append(member.stamp.dosTime)
        append(member.stamp.dosDate)
        append(member.crc)
        append(zip64 ? UInt32.max : UInt32(member.size))  // compressed
        append(zip64 ? UInt32.max : UInt32(member.size))  // uncompressed
        append(UInt16(member.name.count))
        append(UInt16(extra.count))
        append(member.name[...])
        append(extra[...])
    }

    private mutating func appendCentralHeader(_ member: Member) {
        let sizes64 = sizesOverflow(member)
        let offset64 = offsetOverflows(member)
        var extra: [UInt8] = []
        // Only the fields whose classic slot overflowed, in the order the format fixes.
        let zip64Fields = (sizes64 ? [member.size, member.size] : []) + (offset64 ? [member.offset] : [])
        if !zip64Fields.isEmpty { Self.appendZIP64Extra(zip64Fields, to: &extra) }
        Self.appendTimestampExtra(member.stamp, to: &extra)
        // Unix permissions in the high half, so an unzipper on Linux or macOS does not make
        // every scan executable or every folder unreadable; 0x10 is the MS-DOS folder bit.
        let external: UInt32 = member.directory ? (0o040755 << 16 | 0x10) : 0o100644 << 16
        append(UInt32(0x0201_4b50))
        append(UInt16(3 << 8 | 45))  // made by Unix, to ZIP 4.5: external attributes are Unix modes
        append(versionNeeded(member))
        append(Self.utf8Names)
        append(UInt16(0))  // stored
        append(member.stamp.dosTime)
        append(member.stamp.dosDate)
        append(member.crc)
        append(sizes64 ? UInt32.max : UInt32(member.size))  // compressed
        append(sizes64 ? UInt32.max : UInt32(member.size))  // uncompressed
        append(UInt16(member.name.count))
        append(UInt16(extra.count))
        append(UInt16(0))  // comment length
        append(UInt16(0))  // disk number start
        append(UInt16(0))  // internal attributes
        append(external)
        append(offset64 ? UInt32.max : UInt32(member.offset))
        append(member.name[...])
        append(extra[...])
    }

    private mutating func appendZIP64End(count: UInt64, directorySize: UInt64, directoryOffset: UInt64) {
        append(UInt32(0x0606_4b50))
        append(UInt64(44))  // size of the rest of this record
        append(UInt16(3 << 8 | 45))  // made by
        append(UInt16(45))  // needed
        append(UInt32(0))  // this disk
        append(UInt32(0))  // disk where the central directory starts
        append(count)  // entries on this disk
        append(count)  // entries in all
        append(directorySize)
        append(directoryOffset)
    }

    private mutating func appendZIP64Locator(recordOffset: UInt64) {
        append(UInt32(0x0706_4b50))
        append(UInt32(0))  // disk holding the ZIP64 end record
        append(recordOffset)
        append(UInt32(1))  // disks in all
    }

    private static func appendZIP64Extra(_ fields: [UInt64], to extra: inout [UInt8]) {
        extra.appendLittleEndian(UInt16(0x0001))
        extra.appendLittleEndian(UInt16(fields.count * 8))
        for field in fields { extra.appendLittleEndian(field) }
    }

    /// The extended timestamp (0x5455): the true UTC modification time, which unzippers on
    /// Linux and macOS prefer to the zone-less DOS time.
    private static func appendTimestampExtra(_ stamp: Stamp, to extra: inout [UInt8]) {
        guard let unixTime = stamp.unixTime else { return }
        extra.appendLittleEndian(UInt16(0x5455))
        extra.appendLittleEndian(UInt16(5))
        extra.append(0x01)  // modification time present
        extra.appendLittleEndian(UInt32(bitPattern: unixTime))
    }

    // MARK: - Output

    private mutating func append<T: FixedWidthInteger>(_ value: T) {
        pending.appendLittleEndian(value)
        written += UInt64(MemoryLayout<T>.size)
    }

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

public enum ZipStreamError: Error, Equatable, CustomStringConvertible {
    /// The file's length differed between the CRC pass and the sending pass.
    case sizeChanged(path: String, before: UInt64, now: UInt64)
    /// Same length, different bytes: the CRC already sent in the header is wrong.
    case contentChanged(path: String)
    /// Empty, absolute, with a backslash, a "." or ".." component, or over 65535 bytes.
    case invalidName(String)
    /// A member failed after its header was sent, or the archive was finished.
    case unusable

    public var description: String {
        switch self {
        case .sizeChanged(let path, let before, let now):
            "\(path) changed while it was being zipped: \(before) bytes, then \(now)"
        case .contentChanged(let path):
            "\(path) changed while it was being zipped: its bytes differ between the two reads"
        case .invalidName(let name):
            "not a safe member name for a zip archive: \(name.debugDescription)"
        case .unusable:
            "the zip archive can take nothing more: it was finished, or a member failed half-written"
        }
    }
}

extension [UInt8] {
    fileprivate mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
