import Foundation
import GRDB
import Intake

extension DataStore {
    /// Builds the status of `campaign` for every unit of `roster` it asks (units without a ledger
    /// entry are pending), plus intake counts over every stored message.
    public func statusReport(campaign: Campaign, roster: Roster) throws -> StatusReport {
        let roster = roster.asked(by: campaign)
        return try database.read { db in
            var receipts: [String: Row] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT r.*, \(Self.senderUnconfirmed) AS sender_unconfirmed FROM receipts r WHERE r.campaign_id = ?",
                arguments: [campaign.id])
            {
                receipts[row["unit_code"]] = row
            }
            var files: [Int64: [StatusReport.FileInfo]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT a.message_id, a.filename, a.kind, a.size, a.sha256, coalesce(c.officer_verdict, c.verdict) AS verdict
                    FROM attachments a JOIN receipts r ON r.message_id = a.message_id
                    LEFT JOIN document_checks c ON c.sha256 = a.sha256
                    WHERE r.campaign_id = ? ORDER BY a.message_id, a.position
                    """, arguments: [campaign.id])
            {
                files[row["message_id"], default: []].append(
                    StatusReport.FileInfo(
                        filename: row["filename"], kind: Self.fileKind(row), size: row["size"], sha256: row["sha256"],
                        check: Self.verdict(row["verdict"])))
            }
            var statuses: [String: ReceiptStatus] = [:]
            var unconfirmed = Set<String>()
            var units: [StatusReport.UnitRow] = []
            for unit in roster.units {
                let receipt = receipts[unit.code]
                let status = (receipt?["status"] as String?).flatMap(ReceiptStatus.init(rawValue:)) ?? .pending
                statuses[unit.code] = status
                let messageRow = receipt?["message_id"] as Int64?
                let senderUnconfirmed = receipt?["sender_unconfirmed"] as Bool? ?? false
                if senderUnconfirmed { unconfirmed.insert(unit.code) }
                units.append(
                    StatusReport.UnitRow(
                        code: unit.code, name: unit.name, level: unit.level, status: status,
                        receivedAt: receipt?["received_at"], note: (receipt?["note"] as String?).flatMap { $0.isEmpty ? nil : $0 },
                        attachments: messageRow.flatMap { files[$0] } ?? [], senderConfirmed: !senderUnconfirmed))
            }
            let intake = StatusReport.IntakeInfo(
                messages: try Int.fetchOne(db, sql: "SELECT count(*) FROM messages") ?? 0,
                attachments: try Int.fetchOne(db, sql: "SELECT count(*) FROM attachments") ?? 0,
                unmatched: try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE unit_code IS NULL") ?? 0,
                errors: try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE parse_error IS NOT NULL") ?? 0,
                lastPoll: try Date.fetchOne(db, sql: "SELECT at FROM intake_health WHERE key = 'last_poll'"),
                lastError: try String.fetchOne(db, sql: "SELECT value FROM intake_health WHERE key = 'last_error'"))
            var reminders = StatusReport.RemindersInfo()
            for row in try Row.fetchAll(
                db,
                sql: "SELECT unit_code, stage, state, error FROM outbox WHERE kind = 'reminder' AND campaign_id = ? ORDER BY created_at",
                arguments: [campaign.id])
            {
                switch row["state"] as String {
                case "sent": reminders.sent += 1
                case "failed": reminders.failed += 1
                default: reminders.uncertain += 1
                }
                if let error = row["error"] as String? {
                    reminders.failures.append(.init(unit: row["unit_code"], stage: row["stage"], error: error))
                }
            }
            let review = try Self.reviewItems(db, campaign: campaign.id, limit: 200)
            let summary = Tally(
                roster: roster, statuses: statuses, awaitingReview: try Self.reviewCount(db, campaign: campaign.id),
                senderUnconfirmed: unconfirmed)
            return StatusReport(
                campaign: .init(id: campaign.id, title: campaign.title, deadline: campaign.deadline),
                summary: summary, units: units, intake: intake, reminders: reminders, review: review)
        }
    }
}
