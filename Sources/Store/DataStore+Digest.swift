import Foundation
import GRDB
import Intake

/// What the officer's daily digest reports (its at-most-once record is in the outbox).
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
}
