import CCurl
import Foundation

/// A fetched message: its raw bytes as the server stores them, and the server's arrival time.
public struct FetchedMessage: Sendable {
    public var uid: UInt32
    public var internalDate: Date?
    public var raw: [UInt8]
}

/// A message fetched straight to a file, hashed on the way.
public struct FetchedFile: Sendable {
    public var uid: UInt32
    public var internalDate: Date?
    public var path: String
    public var size: Int
    public var sha256: String
    /// Whether the file was fsynced (see `IMAPClient.fetch(mailbox:uidValidity:uid:toFile:durable:)`).
    public var isDurable: Bool = true

    public init(uid: UInt32, internalDate: Date?, path: String, size: Int, sha256: String, isDurable: Bool = true) {
        self.uid = uid
        self.internalDate = internalDate
        self.path = path
        self.size = size
        self.sha256 = sha256
        self.isDurable = isDurable
    }
}

/// The office mailbox over IMAP, through libcurl, on long-lived connections: one or more
/// that a poll reads over (`fetchConnections`), and one for the other commands.
///
/// A poll goes over the first fetching connection: EXAMINE (which tells what STATUS would),
/// UID SEARCH, then the fetches, spread over all of them (see `IMAPStreamConnection`). The
/// command connection, through libcurl's own IMAP transfers, serves the rest (after-
/// processing, flags, appends) and logs in at its first use.
///
/// Reads never change the mailbox: folders are opened with EXAMINE and messages fetched
/// with `BODY.PEEK[]`, so `\Seen` stays as the officer left it on the phone or in webmail.
/// libcurl sends a custom command alone on a bare server URL, and SELECTs the URL's mailbox
/// first otherwise — once per connection, as it remembers what is selected. The
/// `;UIDVALIDITY=` URL parameter makes libcurl refuse to act in a mailbox that was
/// renumbered since the poll began.
public final class IMAPClient: Sendable {
    public let server: MailServerURL
    private let connection: CurlConnection
    /// Where a poll reads and messages are fetched whole, each a long-lived connection of
    /// its own, opened ahead of time by `prepare()` or at its first use.
    private let streams: [IMAPStreamConnection]
    private let tokenProvider: OAuth2TokenProvider?

    /// `fetchConnections`: how many connections messages are fetched over (at least one).
    public init(server: MailServerURL, settings: ConnectionSettings, fetchConnections: Int = 1) {
        self.server = server
        var settings = settings
        settings.requireTLS = settings.requireTLS && !server.isImplicitTLS
        self.connection = CurlConnection(settings: settings, label: "imap")
        self.tokenProvider = settings.tokenProvider
        self.streams = (0..<max(1, fetchConnections)).map {
            IMAPStreamConnection(server: server, settings: settings, label: $0 == 0 ? "imap" : "imap-\($0 + 1)")
        }
    }

    /// Opens the fetching connections ahead of their first use, all side by side, so that a
    /// poll that starts meanwhile (while the daemon opens its store) finds them logged in
    /// instead of waiting for TLS and login, one connection after another.
    ///
    /// The first connection's failed login is the first `status`'s answer, without trying
    /// again at once: a refused login is tried once per connection at start, then once per
    /// poll. Another connection's failure is left to its first fetch, which tries afresh:
    /// a poll that failed never reaches it, and the next one may come much later.
    public func prepare() {
        guard let tokens = tokenProvider else {
            Self.logIn(streams, bearer: nil)
            return
        }
        let streams = streams
        Task {
            // With OAuth2 the token comes first: one request, cached for every connection.
            // Without one, each connection's first request asks for it and reports its failure.
            guard let token = try? await tokens.accessToken() else { return }
            Self.logIn(streams, bearer: token)
        }
    }

    private static func logIn(_ streams: [IMAPStreamConnection], bearer: String?) {
        for (index, stream) in streams.enumerated() { stream.logIn(bearer: bearer, reportsFailure: index == 0) }
    }

    /// The folder's UIDVALIDITY, UIDNEXT and message count, as the server sees them now.
    public func status(mailbox: String) async throws -> MailboxStatus {
        try await streams[0].status(mailbox: mailbox)
    }

    /// UIDs at or above `first`, ascending. (`n:*` always matches the last message even
    /// when its UID is below n, so the result is filtered.) With `below` (the mailbox's
    /// UIDNEXT) the search goes in windows of UIDs, so that the answer for a first scan of
    /// a 50,000-message mailbox stays one response line of bounded length.
    /// `since`: only messages that arrived on that day or later (a first read of a mailbox
    /// that holds years of mail).
    public func uids(
        mailbox: String, uidValidity: UInt32, from first: UInt32, below uidNext: UInt32? = nil, since: IMAPDay? = nil
    ) async throws -> [UInt32] {
        let criterion = since.map { " SINCE \($0.text)" } ?? ""
        guard let uidNext else {
            let found = try await streams[0].search(mailbox: mailbox, uidValidity: uidValidity, criteria: "UID \(first):*\(criterion)")
            return found.filter { $0 >= first }.sorted()
        }
        var found: [UInt32] = []
        var start = first
        while start < uidNext {
            let end = min(uidNext - 1, start &+ Self.searchWindow - 1)
            found += try await streams[0].search(
                mailbox: mailbox, uidValidity: uidValidity, criteria: "UID \(start):\(end)\(criterion)"
            ).filter { $0 >= start && $0 <= end }
            guard end < UInt32.max else { break }
            start = end + 1
        }
        return found.sorted()
    }

    /// UIDs per search: at most 11 bytes each in the answer, within a response line's 256 KB.
    static let searchWindow: UInt32 = 20_000

    public func fetch(mailbox: String, uidValidity: UInt32, uid: UInt32) async throws -> FetchedMessage {
        let response = try await connection.perform(
            CurlRequest(
                url: mailboxURL(mailbox, uidValidity: uidValidity),
                customRequest: "UID FETCH \(uid) (UID INTERNALDATE BODY.PEEK[])"))
        guard let fetched = IMAPResponse.fetchedMessage(response.header) else {
            throw IMAPProtocolError(.missingMessage, "the server returned no message for UID \(uid) in \(mailbox) (expunged meanwhile?)")
        }
        return FetchedMessage(uid: fetched.uid ?? uid, internalDate: fetched.internalDate, raw: fetched.raw)
    }

    /// Fetches one message into the file at `path` (created or truncated), without holding it
    /// in memory: the form the daemon uses, as scans can be tens of megabytes. The file is
    /// fsynced unless not `durable` (the caller flushes it with others, off this connection).
    /// It goes over a fetching connection on which thidua reads the response itself (see
    /// `IMAPStreamConnection`), whole, instead of line by line and in parts through libcurl.
    /// `next`, the UIDs to be fetched next, are asked for at once, so the server sends them
    /// without waiting for a round trip each. Fetches started before earlier ones finish
    /// wait their turn on that connection.
    ///
    /// `connection` picks one of the `fetchConnections` (modulo their number); `next` are
    /// the UIDs that will be fetched next on the same one, in order.
    public func fetch(
        mailbox: String, uidValidity: UInt32, uid: UInt32, toFile path: String,
        durable: Bool = true, next: [UInt32] = [], connection: Int = 0
    ) async throws -> FetchedFile {
        try await streams[connection % streams.count].fetch(
            mailbox: mailbox, uidValidity: uidValidity, uid: uid, toFile: path,
            durable: durable, next: next)
    }

    /// How many connections messages are fetched over (`fetch(…toFile:…connection:)`).
    public var fetchConnections: Int { streams.count }

    /// Adds a keyword to one message (`UID STORE +FLAGS.SILENT`); never touches `\Seen`.
    public func addKeyword(_ keyword: String, mailbox: String, uidValidity: UInt32, uid: UInt32) async throws(CurlError) {
        _ = try await connection.perform(
            CurlRequest(
                url: mailboxURL(mailbox, uidValidity: uidValidity), customRequest: "UID STORE \(uid) +FLAGS.SILENT (\(keyword))"))
    }

    /// Moves one message to another folder (RFC 6851 `UID MOVE`).
    public func move(uid: UInt32, from mailbox: String, uidValidity: UInt32, to target: String) async throws(CurlError) {
        _ = try await connection.perform(
            CurlRequest(
                url: mailboxURL(mailbox, uidValidity: uidValidity),
                customRequest: "UID MOVE \(uid) \(Self.quoted(ModifiedUTF7.encode(target)))"))
    }

    /// Creates a folder; an existing one is not an error worth stopping for.
    public func createMailbox(_ name: String) async throws(CurlError) {
        _ = try await connection.perform(
            CurlRequest(
                url: server.serverURL,
                customRequest: "CREATE \(Self.quoted(ModifiedUTF7.encode(name)))"))
    }

    /// Flags of every message, by UID (used by checks and tests; never changes them).
    ///
    /// Asked for a few dozen messages at a time: libcurl counts untagged responses against
    /// its 300 KB response-header limit, and counts them generously (the Debian 7.88 build
    /// fails `UID FETCH 1:* (UID FLAGS)` from about 150 messages on).
    /// `from`/`below`: only the UIDs in that range (a large mailbox is read in ranges).
    public func flags(mailbox: String, from first: UInt32 = 1, below uidNext: UInt32? = nil) async throws -> [UInt32: [String]] {
        let status = try await status(mailbox: mailbox)
        guard status.messages > 0 else { return [:] }
        let all = try await uids(mailbox: mailbox, uidValidity: status.uidValidity, from: first, below: uidNext)
        var result: [UInt32: [String]] = [:]
        for start in stride(from: 0, to: all.count, by: 50) {
            let chunk = all[start..<min(start + 50, all.count)]
            let response = try await connection.perform(
                CurlRequest(
                    url: mailboxURL(mailbox, uidValidity: status.uidValidity),
                    customRequest: "UID FETCH \(chunk.first!):\(chunk.last!) (UID FLAGS)"))
            result.merge(IMAPResponse.flags(response.header)) { _, new in new }
        }
        return result
    }

    public func listMailboxes() async throws(CurlError) -> [String] {
        let response = try await connection.perform(CurlRequest(url: server.serverURL, customRequest: "LIST \"\" \"*\""))
        return IMAPResponse.list(response.header)
    }

    /// Appends a message (IMAP APPEND).
    public func append(_ message: [UInt8], to mailbox: String) async throws(CurlError) {
        _ = try await connection.perform(CurlRequest(url: mailboxURL(mailbox, uidValidity: nil), upload: message))
    }

    private func mailboxURL(_ mailbox: String, uidValidity: UInt32?) -> String {
        let name = ModifiedUTF7.encode(mailbox)
        let encoded =
            name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: ";?#&"))) ?? name
        return server.with(path: encoded + (uidValidity.map { ";UIDVALIDITY=\($0)" } ?? ""))
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
