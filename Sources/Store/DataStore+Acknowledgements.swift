import Foundation
import GRDB
import Intake

extension DataStore {
    /// Remembers, the first time thidua ever reads `mailbox`, its UIDNEXT: every message
    /// below it was already there — the backlog, recorded but never answered. UIDs make
    /// this exact, where arrival times (whole seconds) could not be. Called only when the
    /// mailbox has no state yet; a boundary already noted is kept.
    public func noteBacklogBoundary(mailbox: String, uidValidity: UInt32, uidNext: UInt32, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO intake_health (key, value, at) VALUES (?, ?, ?)",
                arguments: ["backlog:\(uidValidity):\(mailbox)", String(uidNext), now])
        }
    }

    /// Whether the message was in the mailbox before thidua first read it.
    public func isBacklog(mailbox: String, uidValidity: UInt32, uid: UInt32) throws -> Bool {
        try database.read { db in
            guard
                let boundary = try String.fetchOne(
                    db.cachedStatement(sql: "SELECT value FROM intake_health WHERE key = ?"),
                    arguments: ["backlog:\(uidValidity):\(mailbox)"]
                ).flatMap({ UInt32($0) })
            else { return false }
            return uid < boundary
        }
    }

    /// Units of the threads these Message-IDs belong to: thidua's own reminders,
    /// acknowledgements and the officer's replies, and mail already attributed to a unit.
    public func threadUnits(messageIDs: [String]) throws -> [String: String] {
        guard !messageIDs.isEmpty else { return [:] }
        return try database.read { db in
            var units: [String: String] = [:]
            let placeholders = databaseQuestionMarks(count: messageIDs.count)
            let arguments = StatementArguments(messageIDs)
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT message_id, unit_code FROM reminders WHERE message_id IN (\(placeholders))
                    UNION ALL
                    SELECT a.outgoing_id, m.unit_code FROM acknowledgements a JOIN messages m ON m.id = a.message_id
                        WHERE a.outgoing_id IN (\(placeholders)) AND m.unit_code IS NOT NULL
                    UNION ALL
                    SELECT r.outgoing_id, m.unit_code FROM replies r JOIN messages m ON m.id = r.message_id
                        WHERE r.outgoing_id IN (\(placeholders)) AND m.unit_code IS NOT NULL
                    UNION ALL
                    SELECT message_id, unit_code FROM messages WHERE message_id IN (\(placeholders)) AND unit_code IS NOT NULL
                    """, arguments: arguments + arguments + arguments + arguments)
            {
                if let id = row["message_id"] as String?, let unit = row["unit_code"] as String? { units[id] = unit }
            }
            return units
        }
    }

    /// Acknowledgements already queued for `recipient` since `since` (the per-sender cap).
    public func acknowledgementCount(to recipient: String, since: Date) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db.cachedStatement(sql: "SELECT count(*) FROM acknowledgements WHERE recipient = ? AND created_at >= ?"),
                arguments: [recipient, since]) ?? 0
        }
    }

    public struct DueAcknowledgement: Sendable {
        public var messageRow: Int64
        public var acknowledgement: Acknowledgement
    }

    public func dueAcknowledgements(limit: Int = 100) throws -> [DueAcknowledgement] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT message_id, recipient, subject, body, in_reply_to, reference_ids FROM acknowledgements
                    WHERE state = 'due' ORDER BY created_at LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                DueAcknowledgement(
                    messageRow: row["message_id"],
                    acknowledgement: Acknowledgement(
                        recipient: row["recipient"], subject: row["subject"], text: row["body"], inReplyTo: row["in_reply_to"],
                        references: (row["reference_ids"] as String).split(separator: " ").map(String.init)))
            }
        }
    }

    /// Claims a due acknowledgement before sending it (at most once, as for reminders).
    public func claimAcknowledgement(messageRow: Int64, outgoingID: String, at now: Date) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: "UPDATE acknowledgements SET state = 'sending', outgoing_id = ? WHERE message_id = ? AND state = 'due'",
                arguments: [outgoingID, messageRow])
            return db.changesCount == 1
        }
    }

    public func finishAcknowledgement(messageRow: Int64, sent: Bool, error: String?, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE acknowledgements SET state = ?, error = ?, finished_at = ? WHERE message_id = ?",
                arguments: [sent ? "sent" : "failed", error, now, messageRow])
            try Self.appendEvent(
                db, at: now, actor: "daemon", campaign: nil, unit: nil, message: messageRow,
                kind: sent ? "acknowledgement.sent" : "acknowledgement.failed", detail: error)
        }
    }
}
