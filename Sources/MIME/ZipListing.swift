import Foundation

/// An entry of a zip archive, as listed in its central directory.
public struct ArchiveMember: Sendable, Equatable, Codable {
    public var name: String
    /// Uncompressed size as the archive declares it.
    public var size: Int
}

/// Lists a zip archive's members from its central directory, without inflating anything.
///
/// Bounded against hostile archives ("zip bombs"): at most `maxEntries` members are read,
/// and every length is checked against the data, so a forged directory can neither run
/// past the buffer nor make the listing expensive. Declared sizes are reported, not trusted.
enum ZipListing {
    static let maxEntries = 10_000

    static func members(of bytes: [UInt8]) -> [ArchiveMember]? {
        guard let end = endOfCentralDirectory(bytes) else { return nil }
        let count = Int(bytes.littleEndianUInt16(at: end + 10))
        var offset = Int(bytes.littleEndianUInt32(at: end + 16))
        var members: [ArchiveMember] = []
        for _ in 0..<min(count, maxEntries) {
            guard offset + 46 <= bytes.count, bytes.littleEndianUInt32(at: offset) == 0x0201_4B50 else { break }
            let flags = bytes.littleEndianUInt16(at: offset + 8)
            let size = Int(bytes.littleEndianUInt32(at: offset + 24))
            let nameLength = Int(bytes.littleEndianUInt16(at: offset + 28))
            let extraLength = Int(bytes.littleEndianUInt16(at: offset + 30))
            let commentLength = Int(bytes.littleEndianUInt16(at: offset + 32))
            let nameStart = offset + 46
            guard nameStart + nameLength <= bytes.count else { break }
            let rawName = Array(bytes[nameStart..<(nameStart + nameLength)])
            // Bit 11: the name is UTF-8; otherwise it is CP437 by the spec, though Vietnamese
            // Windows zips often write the ANSI code page — UTF-8 validity decides first.
            let utf8 = Charset.decode(rawName, charset: "utf-8")
            let name = (flags & 0x0800) != 0 || utf8.isExact ? utf8.text : Charset.decode(rawName, charset: "cp437").text
            if !name.hasSuffix("/") {
                members.append(ArchiveMember(name: name.precomposedStringWithCanonicalMapping, size: size))
            }
            offset = nameStart + nameLength + extraLength + commentLength
        }
        return members
    }

    /// The End Of Central Directory record: in the last 64 KiB + 22 bytes, searched backwards.
    private static func endOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while index >= lowest {
            if bytes[index] == 0x50, bytes.littleEndianUInt32(at: index) == 0x0605_4B50 { return index }
            index -= 1
        }
        return nil
    }

}
