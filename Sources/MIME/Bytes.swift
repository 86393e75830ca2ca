#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Byte-level helpers shared by the parsers. Mail is bytes first: charsets are only
/// known after the headers that name them have been read, so nothing here assumes text.
enum ASCII {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9
    static let colon: UInt8 = 58
    static let semicolon: UInt8 = 59
    static let equals: UInt8 = 61
    static let quote: UInt8 = 34
    static let backslash: UInt8 = 92
    static let dash: UInt8 = 45

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == cr || byte == lf
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        (byte >= 65 && byte <= 90) ? byte + 32 : byte
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// The index just past the line ending at `index` (CRLF or bare LF), or `nil` when
    /// no line ends at `index`.
    func endOfLineBreak(at index: Int) -> Int? {
        guard index < endIndex else { return nil }
        if self[index] == ASCII.lf { return index + 1 }
        if self[index] == ASCII.cr, index + 1 < endIndex, self[index + 1] == ASCII.lf { return index + 2 }
        return nil
    }

    /// First occurrence of `needle` at or after `from`: memchr (vectorised) finds candidates
    /// for the first byte and memcmp checks them, since boundary and marker searches run over
    /// megabytes per message.
    func firstRange(of needle: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty else { return nil }
        let lower = Swift.max(start, startIndex)
        guard lower < endIndex, endIndex - lower >= needle.count else { return nil }
        let found: Int?? = withContiguousStorageIfAvailable { buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            let offset = lower - startIndex
            return needle.withUnsafeBytes { pattern -> Int? in
                let first = Int32(needle[0])
                var cursor = UnsafeRawPointer(base + offset)
                let last = UnsafeRawPointer(base + buffer.count - needle.count)
                while cursor <= last {
                    guard let hit = memchr(cursor, first, last - cursor + 1) else { return nil }
                    if memcmp(hit, pattern.baseAddress!, needle.count) == 0 {
                        return startIndex + (UnsafeRawPointer(hit) - UnsafeRawPointer(base))
                    }
                    cursor = UnsafeRawPointer(hit) + 1
                }
                return nil
            }
        }
        if let found { return found.map { $0..<($0 + needle.count) } }
        // Non-contiguous collections (none in practice): a plain scan.
        var index = lower
        while index <= endIndex - needle.count {
            if self[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }
}

extension ArraySlice where Element == UInt8 {
    /// The slice without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespace() -> ArraySlice<UInt8> {
        var lower = startIndex
        var upper = endIndex
        while lower < upper, ASCII.isWhitespace(self[lower]) { lower += 1 }
        while upper > lower, ASCII.isWhitespace(self[upper - 1]) { upper -= 1 }
        return self[lower..<upper]
    }
}

extension Array where Element == UInt8 {
    /// Little-endian integers in binary formats (zip, TNEF); 0 past the end, so a
    /// truncated file reads as an empty field rather than a crash.
    func littleEndianUInt16(at offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= count else { return 0 }
        return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func littleEndianUInt32(at offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= count else { return 0 }
        return UInt32(self[offset]) | UInt32(self[offset + 1]) << 8 | UInt32(self[offset + 2]) << 16 | UInt32(self[offset + 3]) << 24
    }
}
