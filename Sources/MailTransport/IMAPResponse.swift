import Foundation

/// Parsers for the IMAP responses thidua asks for. libcurl hands over a custom command's
/// response lines (and any literal) verbatim through the header callback, after whatever
/// the connection said before (greeting, CAPABILITY, SELECT), so each parser looks for its
/// own untagged response and ignores the rest.
enum IMAPResponse {
    /// `* LIST (\HasNoChildren) "/" "INBOX"` → mailbox names.
    static func list(_ bytes: [UInt8]) -> [String] {
        lines(bytes).filter { $0.uppercased().hasPrefix("* LIST ") }.compactMap { line in
            if line.hasSuffix("\"") {
                let body = line.dropLast()
                guard let open = body.lastIndex(of: "\"") else { return nil }
                return String(body[body.index(after: open)...])
            }
            return line.split(separator: " ").last.map(String.init)
        }
    }

    /// `* 4 FETCH (UID 9 FLAGS (\Seen) ...)` lines → UID → flags.
    static func flags(_ bytes: [UInt8]) -> [UInt32: [String]] {
        var result: [UInt32: [String]] = [:]
        for line in lines(bytes) where line.hasPrefix("* ") && line.uppercased().contains(" FETCH (") {
            guard let uid = number(after: "UID ", in: line) else { continue }
            var flags: [String] = []
            if let range = line.range(of: "FLAGS ("), let close = line[range.upperBound...].firstIndex(of: ")") {
                flags = line[range.upperBound..<close].split(separator: " ").map(String.init)
            }
            result[uid] = flags
        }
        return result
    }

    /// The message of a `UID FETCH n (UID INTERNALDATE BODY.PEEK[])` response: the literal
    /// announced by `{size}` at the end of the FETCH line, taken by byte count (its content
    /// may contain anything, including lines that look like IMAP responses).
    static func fetchedMessage(_ bytes: [UInt8]) -> (uid: UInt32?, internalDate: Date?, raw: [UInt8])? {
        var index = 0
        while index < bytes.count {
            var lineEnd = index
            while lineEnd < bytes.count, bytes[lineEnd] != 10 { lineEnd += 1 }
            let next = min(lineEnd + 1, bytes.count)
            let line = String(decoding: bytes[index..<lineEnd], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if line.hasPrefix("* "), line.uppercased().contains(" FETCH ("), line.hasSuffix("}"),
                let open = line.lastIndex(of: "{"), let size = Int(line[line.index(after: open)..<line.index(before: line.endIndex)])
            {
                let literalEnd = next + size
                guard literalEnd <= bytes.count else { return nil }
                var trailerEnd = literalEnd
                while trailerEnd < bytes.count, bytes[trailerEnd] != 10 { trailerEnd += 1 }
                let attributes = line + String(decoding: bytes[literalEnd..<trailerEnd], as: UTF8.self)
                return (number(after: "UID ", in: attributes), internalDate(in: attributes), Array(bytes[next..<literalEnd]))
            }
            index = next
        }
        return nil
    }

    private static func lines(_ bytes: [UInt8]) -> [String] {
        String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
            .map { String($0) }
    }

    /// The number after `key` (any case) in `text`: `UID 9` → 9.
    static func number(after key: String, in text: String) -> UInt32? {
        number(after: key, in: Array(text.utf8))
    }

    /// The number after `key` (any case) in a response line's bytes.
    static func number(after key: String, in bytes: [UInt8]) -> UInt32? {
        guard let start = end(of: key, in: bytes) else { return nil }
        let digits = bytes[start...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return UInt32(String(decoding: digits, as: UTF8.self))
    }

    /// Where the first occurrence of `key` (ASCII, any case) in `bytes` ends. Byte by byte:
    /// Foundation's case-insensitive search cost more than the rest of a fetch's own work,
    /// on every message.
    private static func end(of key: String, in bytes: [UInt8]) -> Int? {
        let key = Array(key.utf8).map(asciiLowercased)
        guard let first = key.first, bytes.count >= key.count else { return nil }
        var at = 0
        while at <= bytes.count - key.count {
            if asciiLowercased(bytes[at]) == first, key.indices.allSatisfy({ asciiLowercased(bytes[at + $0]) == key[$0] }) {
                return at + key.count
            }
            at += 1
        }
        return nil
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }

    /// `INTERNALDATE "18-Feb-2021 09:12:00 +0700"`
    static func internalDate(in text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard let start = end(of: "INTERNALDATE \"", in: bytes),
            let close = bytes[start...].firstIndex(of: UInt8(ascii: "\""))
        else { return nil }
        let value = String(decoding: bytes[start..<close], as: UTF8.self)
        let parts = value.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 3 else { return nil }
        let dayMonthYear = parts[0].split(separator: "-")
        guard dayMonthYear.count == 3 else { return nil }
        // Reuse the RFC 5322 parser: "18 Feb 2021 09:12:00 +0700".
        return MailDateBridge.parse("\(dayMonthYear[0]) \(dayMonthYear[1]) \(dayMonthYear[2]) \(parts[1]) \(parts[2])")
    }
}

public struct MailboxStatus: Sendable, Equatable {
    public var uidValidity: UInt32
    public var uidNext: UInt32
    public var messages: Int

    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
    }
}
