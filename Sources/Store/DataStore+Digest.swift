import Foundation
import GRDB
import Intake

/// What the officer's daily digest reports, and its at-most-once record.
extension DataStore {
    public struct ReceivedReceipt: Sendable, Equatable {
        public var campaign: String
        public var unit: String
        public var status: ReceiptStatus
        public var receivedAt: Date
    }

    /// Ledger entries whose submission arrived in [start, end), any campaign, oldest first.
    public func receiptsReceived(from start: Date, to end: Date) throws -> [ReceivedReceipt] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT campaign_id, unit_code, status, received_at FROM receipts
                    WHERE received_at >= ? AND received_at < ? ORDER BY received_at, unit_code
                    """, arguments: [start, end]
            ).compactMap { row in
                guard let status = ReceiptStatus(rawValue: row["status"]) else { return nil }
                return ReceivedReceipt(campaign: row["campaign_id"], unit: row["unit_code"], status: status, receivedAt: row["received_at"])
            }
        }
    }

    /// Mail received in [start, end) that is still in the review queue, by the queue's one
    /// definition (`awaitingReview`), so the digest agrees with `thidua status` it points to.
    public func messagesNeedingReview(from start: Date, to end: Date) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM messages m WHERE \(Self.awaitingReview) AND m.received_at >= ?2 AND m.received_at < ?3",
                arguments: [nil, start, end]) ?? 0
        }
    }

    /// Reminders of `campaigns` that bounced or failed (finished in [start, end)), and
    /// every uncertain one (claimed, never confirmed: the daemon died mid-send).
    public func reminderProblems(campaigns: [String], from start: Date, to end: Date) throws -> [ReminderRecord] {
        guard !campaigns.isEmpty else { return [] }
        return try database.read { db in
            let marks = Array(repeating: "?", count: campaigns.count).joined(separator: ",")
            var arguments = StatementArguments(campaigns)
            arguments += [start, end]
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT campaign_id, unit_code, stage, state, recipients, error FROM reminders
                    WHERE campaign_id IN (\(marks))
                    AND ((error IS NOT NULL AND finished_at >= ? AND finished_at < ?) OR state = 'sending')
                    ORDER BY created_at, unit_code
                    """, arguments: arguments
            ).map {
                ReminderRecord(
                    campaign: $0["campaign_id"], unit: $0["unit_code"], stage: $0["stage"], state: $0["state"],
                    recipients: $0["recipients"], error: $0["error"])
            }
        }
    }

    /// Whether the digest of `day` (local "YYYY-MM-DD") was sent or attempted.
    public func digestRecorded(day: String) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM digests WHERE day = ?)", arguments: [day]) ?? false
        }
    }

    /// Claims the digest of `day` before sending it; false when it was claimed before.
    public func reserveDigest(day: String, recipients: [String], messageID: String, at now: Date) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO digests (day, state, recipients, message_id, created_at) VALUES (?, 'sending', ?, ?, ?)
                    """, arguments: [day, recipients.joined(separator: ";"), messageID, now])
            return db.changesCount == 1
        }
    }

    public func finishDigest(day: String, state: ReminderState, error: String?, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE digests SET state = ?, error = ?, finished_at = ? WHERE day = ?",
                arguments: [state.rawValue, error, now, day])
            try Self.appendEvent(
                db, at: now, actor: "daemon", campaign: nil, unit: nil, message: nil,
                kind: "digest.\(state.rawValue)", detail: "\(day)\(error.map { ": \($0)" } ?? "")")
        }
    }

    public struct DigestRecord: Sendable, Equatable {
        public var day: String
        public var state: String
    }

    public func digests() throws -> [DigestRecord] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT day, state FROM digests ORDER BY day").map {
                DigestRecord(day: $0["day"], state: $0["state"])
            }
        }
    }
}
