import Foundation
import GRDB
import Intake

/// The ledger as the reminders and the digest read it.
extension DataStore {
    /// Ledger statuses of every unit that has one in `campaign` (absent means pending).
    public func receiptStatuses(campaign: String) throws -> [String: ReceiptStatus] {
        try database.read { db in
            var statuses: [String: ReceiptStatus] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT unit_code, status FROM receipts WHERE campaign_id = ?", arguments: [campaign])
            while let row = try cursor.next() {
                if let status = ReceiptStatus(rawValue: row[1]) { statuses[row[0]] = status }
            }
            return statuses
        }
    }

    /// The stored message `unit`'s ledger entry in `campaign` stands on, if it stands on one
    /// (an excused or pending unit's does not).
    public func receiptMessage(campaign: String, unit: String) throws -> Int64? {
        try database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT message_id FROM receipts WHERE campaign_id = ? AND unit_code = ?", arguments: [campaign, unit])
        }
    }

    /// The ledger's notes (what is wrong with a submission), by unit.
    public func receiptNotes(campaign: String) throws -> [String: String] {
        try database.read { db in
            var notes: [String: String] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT unit_code, note FROM receipts WHERE campaign_id = ? AND note IS NOT NULL AND note != ''",
                arguments: [campaign])
            {
                notes[row["unit_code"]] = row["note"]
            }
            return notes
        }
    }
}
