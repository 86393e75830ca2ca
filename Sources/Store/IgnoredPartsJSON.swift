import MIME

/// The `ignored_parts` column's JSON — what `JSONEncoder` writes for `[IgnoredPart]`,
/// and what `JSONDecoder` reads back — written directly: nearly every message has one
/// (its body), and the encoder's generic machinery cost more than the row's insert.
enum IgnoredPartsJSON {
    static func encode(_ parts: [IgnoredPart]) -> String {
        var out = "["
        for (index, part) in parts.enumerated() {
            if index > 0 { out += "," }
            out += "{"
            if let filename = part.filename { out += "\"filename\":" + quoted(filename) + "," }
            out += "\"content_type\":" + quoted(part.contentType)
            out += ",\"size\":\(part.size),\"sha256\":" + quoted(part.sha256)
            out += ",\"reason\":" + quoted(part.reason.rawValue) + "}"
        }
        return out + "]"
    }

    /// A JSON string: quote, backslash and control characters escaped (RFC 8259, section 7).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
