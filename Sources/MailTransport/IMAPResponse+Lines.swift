/// The lines of a session thidua reads itself (`IMAPStreamConnection`), as bytes: a
/// command's tagged completion and the literals a line announces.
extension IMAPResponse {
    /// The tagged completion of command `tag`: OK, or the server's refusal.
    static func completion(of line: [UInt8], tag: String) -> Result<Void, IMAPProtocolError>? {
        let prefix = Array("\(tag) ".utf8)
        guard line.starts(with: prefix) else { return nil }
        let rest = String(decoding: line.dropFirst(prefix.count), as: UTF8.self)
        if rest.uppercased().hasPrefix("OK") { return .success(()) }
        return .failure(IMAPProtocolError(.refused, "the server refused: \(rest)"))
    }

    /// The size of any literal a line announces (`… {size}`).
    static func literal(_ line: [UInt8]) -> Int? {
        guard line.last == UInt8(ascii: "}"), let open = line.lastIndex(of: UInt8(ascii: "{")) else { return nil }
        return Int(String(decoding: line[(open + 1)..<(line.count - 1)], as: UTF8.self))
    }

    /// The size of the message literal a `* n FETCH (… BODY[] {size}` line announces.
    static func fetchLiteral(_ line: [UInt8]) -> Int? {
        guard line.starts(with: Array("* ".utf8)), let count = literal(line) else { return nil }
        let text = String(decoding: line, as: UTF8.self).uppercased()
        guard text.contains(" FETCH ("), text.contains("BODY[] {") else { return nil }
        return count
    }
}

extension IMAPResponse {
    /// What the untagged lines of an EXAMINE (and of a STATUS after it) tell of the folder.
    struct Examined {
        var uidValidity: UInt32?
        var uidNext: UInt32?
        var messages = 0

        /// `* 3 EXISTS`, `* OK [UIDVALIDITY 1614000000]`, `* OK [UIDNEXT 4]`,
        /// `* STATUS "INBOX" (UIDNEXT 4)`; other lines tell nothing of these.
        mutating func read(_ line: [UInt8]) {
            guard line.starts(with: Array("* ".utf8)) else { return }
            let text = String(decoding: line.dropFirst(2), as: UTF8.self).uppercased()
            if text.hasSuffix(" EXISTS"), let count = Int(text.dropLast(7)) {
                messages = count
            } else if text.hasPrefix("OK [UIDVALIDITY ") {
                uidValidity = IMAPResponse.number(after: "[UIDVALIDITY ", in: text)
            } else if text.hasPrefix("OK [UIDNEXT ") {
                uidNext = IMAPResponse.number(after: "[UIDNEXT ", in: text)
            } else if text.hasPrefix("STATUS "), let open = text.lastIndex(of: "(") {
                uidNext = IMAPResponse.number(after: "UIDNEXT ", in: String(text[open...]))
            }
        }
    }

    /// The UIDs of a `* SEARCH 4 5 9` line; none from any other line.
    static func searched(_ line: [UInt8]) -> [UInt32] {
        let prefix = Array("* SEARCH".utf8)
        guard line.count >= prefix.count, zip(line, prefix).allSatisfy({ asciiLowercased($0) == asciiLowercased($1) }),
            line.count == prefix.count || line[prefix.count] == UInt8(ascii: " ")
        else { return [] }
        return line.dropFirst(prefix.count).split(separator: UInt8(ascii: " ")).compactMap {
            UInt32(String(decoding: $0, as: UTF8.self))
        }
    }
}
