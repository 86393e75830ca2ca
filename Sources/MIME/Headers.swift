/// An RFC 5322 header block: ordered fields, names compared without case.
///
/// Values are kept as raw bytes, unfolded; text is decoded on request because the same
/// bytes may need RFC 2047, raw UTF-8 or a legacy charset depending on the field.
public struct Headers: Sendable {
    public struct Field: Sendable {
        public var name: String
        public var rawValue: [UInt8]

        /// The value as text: raw 8-bit bytes read as UTF-8 (windows-1252 when they are
        /// not UTF-8, `RawHeaderText`), then RFC 2047 encoded words decoded.
        public var text: String { EncodedWords.decode(RawHeaderText.decode(EncodedWords.escapingRawBytesInWords(rawValue))) }

        /// The value as raw text with no encoded-word decoding (for structured fields); raw
        /// 8-bit bytes as `RawHeaderText` reads them.
        public var rawText: String { RawHeaderText.decode(rawValue) }
    }

    public private(set) var fields: [Field] = []

    public init(fields: [Field] = []) { self.fields = fields }

    public subscript(name: String) -> Field? {
        fields.first { Self.sameName($0.name, name) }
    }

    public func all(_ name: String) -> [Field] {
        fields.filter { Self.sameName($0.name, name) }
    }

    /// Field names are ASCII (`parse` keeps no other): compared byte by byte, without case,
    /// instead of lowercasing both for every field at every look-up.
    static func sameName(_ field: String, _ name: String) -> Bool {
        field.utf8.count == name.utf8.count && zip(field.utf8, name.utf8).allSatisfy { ASCII.lowercased($0) == ASCII.lowercased($1) }
    }

    /// Decoded text of the first field called `name`.
    public func text(_ name: String) -> String? { self[name]?.text }

    /// Parses the header block that starts `bytes`, returning the headers and the index
    /// where the body starts (after the blank line, or the end when there is no body).
    ///
    /// Lenient: a line that is neither a field nor a continuation is skipped, as is the
    /// mbox "From " line some archivers leave at the top.
    static func parse(_ bytes: ArraySlice<UInt8>) -> (Headers, bodyStart: Int) {
        var headers = Headers()
        var index = bytes.startIndex
        let end = bytes.endIndex
        var current: (name: String, value: [UInt8])?

        func flush() {
            if let field = current {
                headers.fields.append(Field(name: field.name, rawValue: Array(ArraySlice(field.value).trimmingWhitespace())))
            }
            current = nil
        }

        while index < end {
            if let afterBlank = bytes.endOfLineBreak(at: index) {
                flush()
                return (headers, afterBlank)
            }
            var lineEnd = index
            while lineEnd < end, bytes[lineEnd] != ASCII.lf { lineEnd += 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            var contentEnd = lineEnd
            if contentEnd > index, bytes[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }
            let line = bytes[index..<contentEnd]

            if let first = line.first, first == ASCII.space || first == ASCII.tab {
                // Unfolding: the line break goes, the leading whitespace stays.
                current?.value.append(contentsOf: line)
            } else if let colon = line.firstIndex(of: ASCII.colon),
                case let name = line[line.startIndex..<colon].trimmingWhitespace(),
                !name.isEmpty, name.allSatisfy({ $0 > ASCII.space && $0 < 127 })
            {
                // Obsolete syntax allows whitespace before the colon, hence the trim.
                flush()
                current = (String(decoding: name, as: UTF8.self), Array(line[(colon + 1)...]))
            } else {
                flush()
            }
            index = next
        }
        flush()
        return (headers, end)
    }
}
