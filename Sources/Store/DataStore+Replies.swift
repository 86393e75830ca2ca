import Foundation
import GRDB
import Intake

/// Mail the officer sends to a school (a rejection and its reason): queued in the same
/// transaction as the decision, claimed before the send and finished after it, so each
/// goes out at most once even if the daemon dies in between.
extension DataStore {
    public struct DueReply: Sendable {
        public var id: Int64
        public var recipient: String
        public var subject: String
        public var text: String
        public var inReplyTo: String?
        public var references: [String]
    }

    public func dueReplies(limit: Int = 100) throws -> [DueReply] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, recipient, subject, body, in_reply_to, reference_ids FROM replies
                    WHERE state = 'due' ORDER BY created_at LIMIT ?
                    """, arguments: [limit]
            ).map { row in
                DueReply(
                    id: row["id"], recipient: row["recipient"], subject: row["subject"], text: row["body"],
                    inReplyTo: row["in_reply_to"],
                    references: (row["reference_ids"] as String).split(separator: " ").map(String.init))
            }
        }
    }

    public func claimReply(id: Int64, outgoingID: String) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: "UPDATE replies SET state = 'sending', outgoing_id = ? WHERE id = ? AND state = 'due'",
                arguments: [outgoingID, id])
            return db.changesCount == 1
        }
    }

    public func finishReply(id: Int64, sent: Bool, error: String?, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE replies SET state = ?, error = ?, finished_at = ? WHERE id = ?",
                arguments: [sent ? "sent" : "failed", error, now, id])
            let message = try Int64.fetchOne(db, sql: "SELECT message_id FROM replies WHERE id = ?", arguments: [id])
            try Self.appendEvent(
                db, at: now, actor: "daemon", campaign: nil, unit: nil, message: message,
                kind: sent ? "reply.sent" : "reply.failed", detail: error)
        }
    }

    /// The officer rejects a stored message: the message leaves the review queue, the unit
    /// (when known) is marked rejected with the reason — unless another of its messages was
    /// already accepted —, and the reason is queued as a reply to the sender, all in one
    /// transaction.
    public func reject(
        messageID: Int64, unit: String?, campaign: String?, reason: String,
        reply: (recipient: String, subject: String, text: String)?, actor: String, at now: Date
    ) throws {
        try database.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT message_id FROM messages WHERE id = ?", arguments: [messageID]) else {
                throw StoreError.notFound("no stored message has the id \(messageID)")
            }
            try db.execute(
                sql:
                    "UPDATE messages SET status = 'rejected', problems = ?, unit_code = coalesce(?, unit_code), campaign_id = coalesce(?, campaign_id) WHERE id = ?",
                arguments: [reason, unit, campaign, messageID])
            if let unit, let campaign {
                try db.execute(
                    sql: """
                        INSERT INTO receipts (campaign_id, unit_code, status, message_id, updated_at, note) VALUES (?, ?, 'rejected', ?, ?, ?)
                        ON CONFLICT (campaign_id, unit_code) DO UPDATE SET status = 'rejected', message_id = excluded.message_id,
                            updated_at = excluded.updated_at, note = excluded.note
                        WHERE receipts.status IN ('pending', 'needs_review', 'rejected') OR receipts.message_id = excluded.message_id
                        """, arguments: [campaign, unit, messageID, now, reason])
            }
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: campaign, unit: unit, message: messageID,
                kind: "message.rejected", detail: reason)
            if let reply {
                let original = row["message_id"] as String?
                try db.execute(
                    sql: """
                        INSERT INTO replies (message_id, recipient, subject, body, in_reply_to, reference_ids, state, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, 'due', ?)
                        """, arguments: [messageID, reply.recipient, reply.subject, reply.text, original, original ?? "", now])
            }
        }
    }
}
