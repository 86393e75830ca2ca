import Foundation
import ZIPFoundation

/// The zip container of an uploaded .xlsx, read from memory. Every size and offset it holds
/// is checked against the bytes actually there, and a part is unpacked only up to a limit.
///
/// The zip directory is walked here rather than with ZIPFoundation's `Archive`: on Linux,
/// `Archive.extract` (0.9.20) keeps reading past an entry's compressed bytes until the deflate
/// stream says it has ended, and loops forever once it reaches the end of the archive without
/// that — which one crafted upload can make happen. So each entry is inflated with
/// ZIPFoundation's `Data.decompress` fed by a provider that stops at the entry's last byte.
struct XLSXPackage {
    private struct Member {
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: UInt64
        var localHeaderOffset: Int
    }

    private let bytes: [UInt8]
    /// By lower-cased name: part names are case-insensitive (ECMA-376 Part 2). The first of
    /// duplicates wins.
    private var members: [String: Member] = [:]

    /// The most entries a directory may list; an .xlsx has a few dozen.
    static let maxEntries = 50_000
    /// Read and inflate in pieces of this size.
    static let chunkSize = 64 * 1024

    static let zipSignature: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    static let oleSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    init(_ bytes: [UInt8]) throws(XLSXError) {
        if bytes.starts(with: Self.oleSignature) { throw .legacyOrEncrypted }
        guard bytes.starts(with: Self.zipSignature) else { throw .notAnXLSX }
        self.bytes = bytes
        guard let directory = centralDirectory() else { throw .notAnXLSX }
        var position = directory.offset
        let end = directory.offset + directory.size
        for _ in 0..<directory.entries {
            guard position <= end - 46, u32(position) == 0x0201_4B50,
                let flags = u16(position + 8), let method = u16(position + 10), let crc32 = u32(position + 16),
                let compressed32 = u32(position + 20), let uncompressed32 = u32(position + 24),
                let nameLength = u16(position + 28), let extraLength = u16(position + 30), let commentLength = u16(position + 32),
                let offset32 = u32(position + 42)
            else { throw .notAnXLSX }
            let nameStart = position + 46
            let extraStart = nameStart + Int(nameLength)
            let next = extraStart + Int(extraLength) + Int(commentLength)
            guard next <= end else { throw .notAnXLSX }
            var compressed = UInt64(compressed32)
            var uncompressed = UInt64(uncompressed32)
            var offset = UInt64(offset32)
            // ZIP64: each field that is all ones is in the extra field 0x0001 instead, in this order.
            if compressed32 == .max || uncompressed32 == .max || offset32 == .max {
                guard let field = zip64Field(in: extraStart..<extraStart + Int(extraLength)) else { throw .notAnXLSX }
                var cursor = field.lowerBound
                func next() throws(XLSXError) -> UInt64 {
                    guard cursor <= field.upperBound - 8, let value = u64(cursor) else { throw .notAnXLSX }
                    cursor += 8
                    return value
                }
                if uncompressed32 == .max { uncompressed = try next() }
                if compressed32 == .max { compressed = try next() }
                if offset32 == .max { offset = try next() }
            }
            // Sizes and offsets past the file cannot be right; the entry is kept and fails when read.
            let name = String(decoding: bytes[nameStart..<extraStart], as: UTF8.self).lowercased()
            if members[name] == nil {
                members[name] = Member(
                    flags: flags, method: method, crc32: crc32,
                    compressedSize: Int(clamping: compressed), uncompressedSize: uncompressed,
                    localHeaderOffset: Int(clamping: offset))
            }
            position = next
        }
        guard !members.isEmpty else { throw .notAnXLSX }
    }

    func contains(_ part: String) -> Bool {
        members[part.lowercased()] != nil
    }

    /// The bytes of `part`, or nil if the package has no such part. Throws `partTooLarge` as
    /// soon as the directory says so or the unpacked bytes pass `limit`, whichever comes first.
    func read(_ part: String, limit: Int) throws(XLSXError) -> Data? {
        guard let member = members[part.lowercased()] else { return nil }
        // Bit 0: encrypted with the zip format's own password, which Excel never does.
        guard member.flags & 1 == 0 else { throw .malformed(part: part, line: 0) }
        guard member.uncompressedSize <= UInt64(max(limit, 0)) else { throw .partTooLarge(part) }
        let header = member.localHeaderOffset
        guard header <= bytes.count - 30, u32(header) == 0x0403_4B50,
            let nameLength = u16(header + 26), let extraLength = u16(header + 28)
        else { throw .malformed(part: part, line: 0) }
        let start = header + 30 + Int(nameLength) + Int(extraLength)
        guard start <= bytes.count, member.compressedSize <= bytes.count - start else { throw .malformed(part: part, line: 0) }
        let compressed = start..<start + member.compressedSize

        let data: Data
        let checksum: CRC32
        switch member.method {
        case 0:
            guard member.compressedSize == member.uncompressedSize else { throw .malformed(part: part, line: 0) }
            data = Data(bytes[compressed])
            checksum = data.crc32(checksum: 0)
        case 8:
            (data, checksum) = try inflate(compressed, part: part, limit: limit)
        default:
            throw .malformed(part: part, line: 0)
        }
        guard UInt64(data.count) == member.uncompressedSize, checksum == member.crc32 else { throw .malformed(part: part, line: 0) }
        return data
    }

    private enum Stop: Error { case tooLarge, truncated, stalled }

    /// Inflates `range` of the package, counting what comes out: a zip's sizes are only claims.
    private func inflate(_ range: Range<Int>, part: String, limit: Int) throws(XLSXError) -> (Data, CRC32) {
        var output = Data()
        var next = range.lowerBound
        var emptyInARow = 0
        do {
            let checksum = try Data.decompress(
                size: Int64(range.count), bufferSize: Self.chunkSize, skipCRC32: false,
                provider: { _, wanted in
                    // Asked for nothing: the Apple implementation at the end of the entry.
                    guard wanted > 0 else { return Data() }
                    // The stream has not ended where the entry does.
                    guard next < range.upperBound else { throw Stop.truncated }
                    let count = min(wanted, range.upperBound - next)
                    var chunk = Data(bytes[next..<next + count])
                    next += count
                    // Linux's inflate loop lets zlib read `wanted` bytes whatever the chunk's
                    // length; pad so that it never reads past the chunk. Whatever zlib makes of
                    // the padding, the next call stops it.
                    if count < wanted { chunk.append(Data(count: wanted - count)) }
                    return chunk
                },
                consumer: { piece in
                    guard output.count + piece.count <= limit else { throw Stop.tooLarge }
                    // Neither input taken nor output made, over and over: give up.
                    emptyInARow = piece.isEmpty ? emptyInARow + 1 : 0
                    guard emptyInARow < 64 else { throw Stop.stalled }
                    output.append(piece)
                })
            return (output, checksum)
        } catch Stop.tooLarge {
            throw .partTooLarge(part)
        } catch {
            throw .malformed(part: part, line: 0)
        }
    }

    // MARK: - The zip directory

    /// Where the central directory is and how many entries it lists, from the end-of-directory
    /// record (and its ZIP64 form when a field is all ones); nil unless all of it is in the file.
    private func centralDirectory() -> (offset: Int, size: Int, entries: Int)? {
        let count = bytes.count
        guard count >= 22 else { return nil }
        // The record is 22 bytes and may be followed by a comment of up to 65,535.
        var record: Int?
        var candidate = count - 22
        while candidate >= max(0, count - 22 - 65_535) {
            if u32(candidate) == 0x0605_4B50, let commentLength = u16(candidate + 20), candidate + 22 + Int(commentLength) <= count {
                record = candidate
                break
            }
            candidate -= 1
        }
        guard let record, let disk = u16(record + 4), let entries16 = u16(record + 10),
            let size32 = u32(record + 12), let offset32 = u32(record + 16)
        else { return nil }
        var entries = UInt64(entries16)
        var size = UInt64(size32)
        var offset = UInt64(offset32)
        if entries16 == .max || size32 == .max || offset32 == .max {
            let locator = record - 20
            guard locator >= 0, u32(locator) == 0x0706_4B50, let zip64Record = u64(locator + 8).map({ Int(clamping: $0) }),
                zip64Record <= count - 56, u32(zip64Record) == 0x0606_4B50,
                let entries64 = u64(zip64Record + 32), let size64 = u64(zip64Record + 40), let offset64 = u64(zip64Record + 48)
            else { return nil }
            (entries, size, offset) = (entries64, size64, offset64)
        }
        // One disk only; the directory inside the file, and no more entries than it can hold.
        guard disk == 0, offset <= UInt64(count), size <= UInt64(count) - offset, entries <= UInt64(Self.maxEntries),
            entries * 46 <= size
        else { return nil }
        return (Int(offset), Int(size), Int(entries))
    }

    /// The data of the ZIP64 extended-information field (0x0001) among the extra fields in `range`.
    private func zip64Field(in range: Range<Int>) -> Range<Int>? {
        var position = range.lowerBound
        while position + 4 <= range.upperBound, let id = u16(position), let length = u16(position + 2) {
            let data = position + 4..<position + 4 + Int(length)
            guard data.upperBound <= range.upperBound else { return nil }
            if id == 0x0001 { return data }
            position = data.upperBound
        }
        return nil
    }

    // Little-endian integers at `offset`, nil past the end.
    private func u16(_ offset: Int) -> UInt16? {
        guard offset >= 0, offset <= bytes.count - 2 else { return nil }
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    private func u32(_ offset: Int) -> UInt32? {
        guard offset >= 0, offset <= bytes.count - 4 else { return nil }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    private func u64(_ offset: Int) -> UInt64? {
        guard offset >= 0, offset <= bytes.count - 8 else { return nil }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * $1) }
    }
}
