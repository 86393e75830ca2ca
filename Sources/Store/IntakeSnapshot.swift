import Foundation
import GRDB

/// What deciding a batch of fetched messages needs to know of the store, read in one go
/// (`DataStore.intakeSnapshot`) and then kept current by hand: each message decided is
/// `add`ed, as are those decided earlier and not committed yet, so that a duplicate, a
/// reply in a thread or a sender's acknowledgement count inside one backlog is seen as if
/// the earlier messages were already stored. Deciding then reads nothing.
public struct IntakeSnapshot: Sendable {
    /// The messages of a batch, as the snapshot must answer for them.
    public struct Query: Sendable {
        /// Message-ID (nil when the message has none) and SHA-256 of each message.
        public var contents: [(messageID: String?, sha256: String)] = []
        /// The Message-IDs the messages answer (In-Reply-To and References).
        public var threadIDs: [String] = []
        /// The addresses an acknowledgement would go to.
        public var senders: [String] = []

        public init() {}
    }

    private struct Content: Hashable {
        var messageID: String?
        var sha256: String
    }

    private var stored: Set<Content> = []
    private var threads: [String: String] = [:]
    /// Outgoing Message-IDs of announcements → their campaign.
    fileprivate var announcements: [String: String] = [:]
    /// Per address, the messages acknowledged to it since `acknowledgedSince` (a set, so
    /// that a message both stored and added counts once).
    private var acknowledged: [String: Set<MessageKey>] = [:]
    /// The mailbox's backlog boundary (`DataStore.noteBacklogBoundary`), if noted.
    private let backlogBoundary: UInt32?

    init(backlogBoundary: UInt32?) { self.backlogBoundary = backlogBoundary }

    /// Whether a message with this Message-ID and content is stored (or added).
    public func contains(messageID: String?, sha256: String) -> Bool {
        stored.contains(Content(messageID: messageID, sha256: sha256))
    }

    /// Units of the threads these Message-IDs belong to (`DataStore.threadUnits`).
    public func threadUnits(of messageIDs: [String]) -> [String: String] {
        var units: [String: String] = [:]
        for id in messageIDs { if let unit = threads[id] { units[id] = unit } }
        return units
    }

    /// The campaigns of the announcements these Message-IDs are (`DataStore.announcementCampaigns`).
    public func announcementCampaigns(of messageIDs: [String]) -> [String: String] {
        var campaigns: [String: String] = [:]
        for id in messageIDs { if let campaign = announcements[id] { campaigns[id] = campaign } }
        return campaigns
    }

    /// Acknowledgements to `address` since the time the snapshot was read for.
    public func acknowledgementCount(to address: String) -> Int { acknowledged[address]?.count ?? 0 }

    /// Whether the message with `uid` was in the mailbox before thidua first read it.
    public func isBacklog(uid: UInt32) -> Bool { backlogBoundary.map { uid < $0 } ?? false }

    /// Counts `message` as stored: it is decided, and earlier than the ones still to decide.
    public mutating func add(_ message: IncomingMessage) {
        stored.insert(Content(messageID: message.messageID, sha256: message.sha256))
        if let id = message.messageID, let unit = message.unit?.code { threads[id] = unit }
        if let recipient = message.acknowledgement?.recipient {
            acknowledged[recipient, default: []].insert(
                MessageKey(mailbox: message.mailbox, uidValidity: message.uidValidity, uid: message.uid))
        }
    }

    fileprivate mutating func addStored(messageID: String?, sha256: String) {
        stored.insert(Content(messageID: messageID, sha256: sha256))
    }

    fileprivate mutating func addThread(_ messageID: String, unit: String) { threads[messageID] = unit }

    fileprivate mutating func addAcknowledged(to address: String, message: MessageKey) {
        acknowledged[address, default: []].insert(message)
    }
}

extension DataStore {
    /// The snapshot of what deciding the messages of `query`, fetched from `mailbox` under
    /// `uidValidity`, needs, read in one transaction; acknowledgements are counted from
    /// `acknowledgedSince`.
    public func intakeSnapshot(
        _ query: IntakeSnapshot.Query, mailbox: String, uidValidity: UInt32, acknowledgedSince: Date
    ) throws -> IntakeSnapshot {
        try database.read { db in
            let boundary = try String.fetchOne(
                db.cachedStatement(sql: "SELECT value FROM intake_health WHERE key = ?"),
                arguments: [MessageKey.backlogNote(mailbox: mailbox, uidValidity: uidValidity)]
            ).flatMap { UInt32($0) }
            var snapshot = IntakeSnapshot(backlogBoundary: boundary)
            try Self.readStored(db, query.contents, into: &snapshot)
            for (id, unit) in try Self.threadUnits(db, messageIDs: query.threadIDs) { snapshot.addThread(id, unit: unit) }
            snapshot.announcements = try Self.announcementCampaigns(db, messageIDs: query.threadIDs)
            let senders = Array(Set(query.senders))
            if !senders.isEmpty {
                // Keyed by the acknowledged message's place in its mailbox, as `add` keys the
                // messages not committed yet: one committed while this was read counts once.
                for row in try Row.fetchAll(
                    db,
                    sql: """
                        SELECT o.recipients, m.mailbox, m.uid_validity, m.uid FROM outbox o JOIN messages m ON m.id = o.message_row
                        WHERE o.kind = 'acknowledgement' AND o.recipients IN (\(databaseQuestionMarks(count: senders.count)))
                          AND o.created_at >= ?
                        """, arguments: StatementArguments(senders) + [acknowledgedSince])
                {
                    let key = MessageKey(
                        mailbox: row["mailbox"], uidValidity: UInt32(clamping: row["uid_validity"] as Int64),
                        uid: UInt32(clamping: row["uid"] as Int64))
                    snapshot.addAcknowledged(to: row["recipients"], message: key)
                }
            }
            return snapshot
        }
    }

    /// Which of `contents` are stored, through the (message_id, sha256) index.
    private static func readStored(
        _ db: Database, _ contents: [(messageID: String?, sha256: String)], into snapshot: inout IntakeSnapshot
    ) throws {
        let ids = Array(Set(contents.compactMap(\.messageID)))
        if !ids.isEmpty {
            for row in try Row.fetchAll(
                db, sql: "SELECT message_id, sha256 FROM messages WHERE message_id IN (\(databaseQuestionMarks(count: ids.count)))",
                arguments: StatementArguments(ids))
            {
                snapshot.addStored(messageID: row["message_id"], sha256: row["sha256"])
            }
        }
        let anonymous = Array(Set(contents.filter { $0.messageID == nil }.map(\.sha256)))
        if !anonymous.isEmpty {
            for sha256 in try String.fetchAll(
                db,
                sql:
                    "SELECT sha256 FROM messages WHERE message_id IS NULL AND sha256 IN (\(databaseQuestionMarks(count: anonymous.count)))",
                arguments: StatementArguments(anonymous))
            {
                snapshot.addStored(messageID: nil, sha256: sha256)
            }
        }
    }
}
