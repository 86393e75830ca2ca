import MailTransport

/// What the intake needs of the mailbox: IMAP in the daemon (`IMAPClient`), a scripted
/// fake in the core's tests. Nothing here sets `\Seen`.
public protocol MailboxReading: Sendable {
    /// Connections that fetch messages side by side (the nth message goes over n mod this).
    var fetchConnections: Int { get }
    func status(mailbox: String) async throws -> MailboxStatus
    /// `since`: only those that arrived on that day or later.
    func uids(
        mailbox: String, uidValidity: UInt32, from first: UInt32, below uidNext: UInt32?, since: IMAPDay?
    ) async throws -> [UInt32]
    /// Fetches one message to the file `path`, hashing it as it arrives. `next` are the
    /// UIDs that will be asked for next over the same `connection`, in order, so they can
    /// be pipelined.
    func fetch(
        mailbox: String, uidValidity: UInt32, uid: UInt32, toFile path: String, durable: Bool, next: [UInt32], connection: Int
    ) async throws -> FetchedFile
    func addKeyword(_ keyword: String, mailbox: String, uidValidity: UInt32, uid: UInt32) async throws(CurlError)
    func move(uid: UInt32, from mailbox: String, uidValidity: UInt32, to target: String) async throws(CurlError)
    func createMailbox(_ name: String) async throws(CurlError)
}

extension IMAPClient: MailboxReading {}
