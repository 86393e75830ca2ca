import Foundation
import GRDB
import Intake

extension DataStore {
    public enum ReminderState: String, Sendable {
        /// Recorded before the send: if the daemon dies now, the send is uncertain and is
        /// shown to the officer rather than repeated.
        case sending
        case sent
        case failed
    }

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

    /// Units that already have a reminder row for `stage`, whatever its outcome.
    public func remindedUnits(campaign: String, stage: ReminderStage) throws -> Set<String> {
        try database.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT unit_code FROM reminders WHERE campaign_id = ? AND stage = ?",
                    arguments: [campaign, stage.description]))
        }
    }

    /// Claims the (campaign, unit, stage) reminder before sending it. Returns false when it
    /// was claimed before — by this process or one that crashed — so it is never sent twice.
    public func reserveReminder(
        campaign: String, unit: String, stage: ReminderStage, recipients: [String],
        messageID: String, at now: Date
    ) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO reminders (campaign_id, unit_code, stage, state, recipients, message_id, created_at)
                    VALUES (?, ?, ?, 'sending', ?, ?, ?)
                    """, arguments: [campaign, unit, stage.description, recipients.joined(separator: ";"), messageID, now])
            return db.changesCount == 1
        }
    }

    public func finishReminder(
        campaign: String, unit: String, stage: ReminderStage, state: ReminderState,
        error: String?, at now: Date
    ) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE reminders SET state = ?, error = ?, finished_at = ? WHERE campaign_id = ? AND unit_code = ? AND stage = ?
                    """, arguments: [state.rawValue, error, now, campaign, unit, stage.description])
            try Self.appendEvent(
                db, at: now, actor: "daemon", campaign: campaign, unit: unit, message: nil,
                kind: "reminder.\(state.rawValue)", detail: "\(stage)\(error.map { ": \($0)" } ?? "")")
        }
    }

    public struct ReminderRecord: Sendable, Codable {
        public var campaign: String
        public var unit: String
        public var stage: String
        public var state: String
        public var recipients: String
        public var error: String?
    }

    public func reminders(campaign: String) throws -> [ReminderRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT campaign_id, unit_code, stage, state, recipients, error FROM reminders WHERE campaign_id = ?
                    ORDER BY created_at, unit_code
                    """, arguments: [campaign]
            ).map {
                ReminderRecord(
                    campaign: $0["campaign_id"], unit: $0["unit_code"], stage: $0["stage"], state: $0["state"],
                    recipients: $0["recipients"], error: $0["error"])
            }
        }
    }
}

extension DataStore {
    /// Reminders, acknowledgements and officer replies sent or attempted since `since`.
    public func outgoingCount(since: Date) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT (SELECT count(*) FROM reminders WHERE created_at >= ?)
                         + (SELECT count(*) FROM acknowledgements WHERE state != 'due' AND finished_at >= ?)
                         + (SELECT count(*) FROM replies WHERE state != 'due' AND finished_at >= ?)
                    """, arguments: [since, since, since]) ?? 0
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
