import Foundation

/// A mailbox from an address header: `Tên Trường <addr@example>` or a bare address.
public struct MailAddress: Sendable, Equatable, Hashable {
    public var displayName: String?
    /// The addr-spec, lowercased: mail systems treat the domain without case, and schools
    /// do not type their own address with consistent case either.
    public var address: String

    public init(displayName: String? = nil, address: String) {
        self.displayName = displayName
        self.address = address.lowercased()
    }

    /// Parses the first mailbox of an address-list header value (already RFC 2047 decoded
    /// or not: encoded words in the display name are decoded here).
    public static func parseFirst(_ raw: String) -> MailAddress? {
        parseList(raw).first
    }

    public static func parseList(_ raw: String) -> [MailAddress] {
        // ASCII (encoded words included) is split byte by byte: there every character is a
        // byte (CRLF apart, which no rule below tells from its bytes).
        raw.utf8.allSatisfy({ $0 < 0x80 }) ? parseASCIIList(raw) : parseAnyList(raw)
    }

    /// `parseList` of any text, character by character.
    static func parseAnyList(_ raw: String) -> [MailAddress] {
        var result: [MailAddress] = []
        var current = ""
        var inQuotes = false
        var inAngle = false
        for character in raw {
            if character == "\"" { inQuotes.toggle() }
            if !inQuotes {
                if character == "<" { inAngle = true }
                if character == ">" { inAngle = false }
            }
            if character == ",", !inQuotes, !inAngle {
                if let address = parseMailbox(current) { result.append(address) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if let address = parseMailbox(current) { result.append(address) }
        return result
    }

    /// `parseList` of ASCII text.
    static func parseASCIIList(_ raw: String) -> [MailAddress] {
        var result: [MailAddress] = []
        let bytes = Array(raw.utf8)
        var start = 0
        var inQuotes = false
        var inAngle = false
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes {
                if byte == UInt8(ascii: "<") { inAngle = true }
                if byte == UInt8(ascii: ">") { inAngle = false }
            }
            if byte == UInt8(ascii: ","), !inQuotes, !inAngle {
                if let address = parseMailbox(String(decoding: bytes[start..<index], as: UTF8.self)) { result.append(address) }
                start = index + 1
            }
        }
        if let address = parseMailbox(String(decoding: bytes[start...], as: UTF8.self)) { result.append(address) }
        return result
    }

    private static func parseMailbox(_ raw: String) -> MailAddress? {
        let text = raw.trimming(.whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        if let open = text.lastIndex(of: "<"), let close = text[open...].firstIndex(of: ">") {
            let address = text[text.index(after: open)..<close].trimming(.whitespaces)
            var name = String(text[..<open]).trimming(.whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 {
                name = String(name.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            name = EncodedWords.decode(name)
            guard address.utf8.contains(UInt8(ascii: "@")) else { return nil }
            return MailAddress(displayName: name.isEmpty ? nil : name, address: address)
        }
        // "addr@example (Comment Name)" or a bare address.
        var address = text
        var comment: String?
        if let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
            comment = String(text[text.index(after: open)..<close])
            address = String(text[..<open]).trimming(.whitespaces)
        }
        guard address.utf8.contains(UInt8(ascii: "@")), !address.utf8.contains(UInt8(ascii: " ")) else { return nil }
        return MailAddress(displayName: comment.map(EncodedWords.decode), address: address)
    }
}
