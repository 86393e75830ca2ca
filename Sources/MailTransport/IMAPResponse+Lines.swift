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
