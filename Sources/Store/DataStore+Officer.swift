import Foundation
import GRDB
import Intake

extension DataStore {
    /// Sender addresses the officer has taught thidua (address → unit code).
    public func aliases() throws -> [String: String] {
        try database.read { db in
            var result: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT address, unit_code FROM aliases") { result[row["address"]] = row["unit_code"] }
            return result
        }
    }

    public struct MessageSummary: Sendable {
        public var id: Int64
        public var fromAddress: String?
        public var receivedAt: Date
        public var campaignID: String?
        public var status: ReceiptStatus?
        public var problems: String?
    }

    public func message(id: Int64) throws -> MessageSummary? {
        try database.read { db in
            try Row.fetchOne(
                db, sql: "SELECT id, from_address, received_at, campaign_id, status, problems FROM messages WHERE id = ?",
                arguments: [id]
            ).map {
                MessageSummary(
                    id: $0["id"], fromAddress: $0["from_address"], receivedAt: $0["received_at"],
                    campaignID: $0["campaign_id"], status: ($0["status"] as String?).flatMap(ReceiptStatus.init(rawValue:)),
                    problems: $0["problems"])
            }
        }
    }

    /// The officer attributes a message to a unit: the message, the ledger and the event log
    /// change together, and the sender becomes an alias so its next mail matches by itself.
    public func assign(
        messageID: Int64, to unit: String, campaign: String, status: ReceiptStatus, problems: String? = nil,
        actor: String, at now: Date
    ) throws {
        try database.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT from_address, received_at, unit_code FROM messages WHERE id = ?", arguments: [messageID])
            else {
                throw StoreError.notFound("no stored message has the id \(messageID); `thidua status --json` lists them")
            }
            try db.execute(
                sql: """
                    UPDATE messages SET unit_code = ?, match_confidence = 1, match_reason = 'cán bộ phụ trách gán', campaign_id = ?, status = ?,
                        problems = ?
                    WHERE id = ?
                    """, arguments: [unit, campaign, status.rawValue, problems, messageID])
            if let address = row["from_address"] as String? {
                try db.execute(
                    sql: """
                        INSERT INTO aliases (address, unit_code, created_at, created_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (address) DO UPDATE SET unit_code = excluded.unit_code, created_at = excluded.created_at,
                            created_by = excluded.created_by
                        """, arguments: [address, unit, now, actor])
            }
            // Assigning a message the intake had given to another unit overrules it: the
            // event says so, and the other unit's history shows it too.
            let previous: String? = row["unit_code"]
            let overruled = previous != nil && previous != unit
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: campaign, unit: unit, message: messageID,
                kind: overruled ? "message.overruled" : "message.assigned",
                detail: [row["from_address"] as String?, overruled ? "trước đó: \(previous!)" : nil].compactMap { $0 }.joined(
                    separator: "; "))
            if overruled {
                try Self.appendEvent(
                    db, at: now, actor: actor, campaign: campaign, unit: previous, message: messageID, kind: "message.overruled",
                    detail: "chuyển sang \(unit)")
            }
            try Self.applySubmission(
                db, campaign: campaign, unit: unit, status: status, messageRow: messageID,
                receivedAt: row["received_at"], note: nil, actor: actor, now: now)
        }
    }

    /// The officer sets a unit's status directly: excused, or rejected with a reason. When
    /// the decision settles a message from the review queue, that message leaves the queue.
    public func mark(
        unit: String, campaign: String, status: ReceiptStatus, note: String?, actor: String, at now: Date,
        settling message: Int64? = nil
    ) throws {
        try database.write { db in
            if let message {
                try db.execute(
                    sql: "UPDATE messages SET status = ? WHERE id = ? AND status = 'needs_review'",
                    arguments: [status.rawValue, message])
            }
            try db.execute(
                sql: """
                    INSERT INTO receipts (campaign_id, unit_code, status, updated_at, note) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (campaign_id, unit_code) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at,
                        note = excluded.note
                    """, arguments: [campaign, unit, status.rawValue, now, note])
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: campaign, unit: unit, message: message,
                kind: "receipt.\(status.rawValue)", detail: note)
        }
    }
}

extension DataStore {
    /// The stored raw bytes of a message, if its file is present.
    public func rawMessage(id: Int64) throws -> [UInt8]? {
        guard
            let path = try database.read({ db in
                try String.fetchOne(db, sql: "SELECT raw_path FROM messages WHERE id = ?", arguments: [id])
            })
        else { return nil }
        return FileManager.default.contents(atPath: files.url(path).path).map { Array($0) }
    }

    /// The officer sets a stored message aside as no submission ("Không phải hồ sơ"): it
    /// leaves the review queue and nothing is sent to its sender. A unit's entry that this
    /// message alone made "needs review" goes back to pending: as far as the ledger is
    /// concerned, the message never came. One transaction, with its event.
    public func dismiss(messageID: Int64, actor: String, at now: Date) throws {
        try database.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT unit_code, campaign_id FROM messages WHERE id = ?", arguments: [messageID])
            else { throw StoreError.notFound("no stored message has the id \(messageID)") }
            let unit: String? = row["unit_code"]
            let campaign: String? = row["campaign_id"]
            try db.execute(sql: "UPDATE messages SET dismissed_at = ? WHERE id = ?", arguments: [now, messageID])
            try db.execute(
                sql: "DELETE FROM receipts WHERE campaign_id = ? AND unit_code = ? AND message_id = ? AND status = 'needs_review'",
                arguments: [campaign, unit, messageID])
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: campaign, unit: unit, message: messageID, kind: "message.dismissed",
                detail: "không phải hồ sơ; không gửi thư trả lời")
        }
    }

    /// The officer doubts a submission whose sender is not yet known to be the unit's: the
    /// message and the unit's entry it made go to "needs review", with `reason`, and the
    /// message waits in the review queue. One transaction, with its event.
    public func sendToReview(messageID: Int64, reason: String, actor: String, at now: Date) throws {
        try database.write { db in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT unit_code, campaign_id FROM messages WHERE id = ?", arguments: [messageID])
            else { throw StoreError.notFound("no stored message has the id \(messageID)") }
            try db.execute(
                sql: "UPDATE messages SET status = 'needs_review', problems = ? WHERE id = ?", arguments: [reason, messageID])
            try db.execute(
                sql:
                    "UPDATE receipts SET status = 'needs_review', note = ?, updated_at = ? WHERE message_id = ? AND status IN ('received', 'late')",
                arguments: [reason, now, messageID])
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: row["campaign_id"], unit: row["unit_code"], message: messageID,
                kind: "message.to_review", detail: reason)
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
            let entry = try Row.fetchOne(
                db, sql: "SELECT status, message_id FROM receipts WHERE campaign_id = ? AND unit_code = ?", arguments: [campaign, unit])
            if let unit, let campaign,
                LedgerRules.rejectionApplies(
                    current: (entry?["status"] as String?).flatMap(ReceiptStatus.init(rawValue:)),
                    entryIsThisMessage: entry?["message_id"] as Int64? == messageID)
            {
                try db.execute(
                    sql: """
                        INSERT INTO receipts (campaign_id, unit_code, status, message_id, updated_at, note) VALUES (?, ?, 'rejected', ?, ?, ?)
                        ON CONFLICT (campaign_id, unit_code) DO UPDATE SET status = 'rejected', message_id = excluded.message_id,
                            updated_at = excluded.updated_at, note = excluded.note
                        """, arguments: [campaign, unit, messageID, now, reason])
            }
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: campaign, unit: unit, message: messageID,
                kind: "message.rejected", detail: reason)
            if let reply {
                let original = row["message_id"] as String?
                try Self.queue(
                    db,
                    OutboxMail(
                        kind: .reply, messageRow: messageID, campaign: campaign, unit: unit, recipients: [reply.recipient],
                        subject: reply.subject, body: reply.text, inReplyTo: original, references: original.map { [$0] } ?? []),
                    at: now)
            }
        }
    }
}
