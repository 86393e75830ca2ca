/// Builds HTML as UTF-8 bytes, escaping every value. For the unit table's rows, which are
/// thousands of cells a page: through Mustache they cost most of the request. The five
/// characters that matter in text and quoted attributes are ASCII, so escaping works on
/// bytes and copies everything else as it is.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Markup written by thidua itself, never a value.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A value, escaped for text and double- or single-quoted attributes.
    mutating func text(_ value: String) {
        var value = value
        value.withUTF8 { source in
            var start = 0
            for index in source.indices {
                let replacement: StaticString
                switch source[index] {
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: source[start..<index])
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = index + 1
            }
            bytes.append(contentsOf: source[start...])
        }
    }

    mutating func number(_ value: Int) { text(String(value)) }

    var string: String { String(decoding: bytes, as: UTF8.self) }
}
