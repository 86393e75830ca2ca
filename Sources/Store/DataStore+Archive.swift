import Foundation
import GRDB
import Intake

/// A file of a submission the office accepted (its unit received, on time or late).
public struct AcceptedFile: Sendable {
    public var unit: String
    public var attachment: StoredAttachment
}

extension DataStore {
    /// The files of `campaign`'s accepted submissions, unit by unit, in each message's
    /// order: what "Tải tất cả" puts in the archive.
    public func acceptedFiles(campaign: String) throws -> [AcceptedFile] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.*, CASE WHEN m.raw_pruned_at IS NULL THEN m.raw_path END AS raw_path, r.unit_code AS receipt_unit
                    FROM receipts r JOIN attachments a ON a.message_id = r.message_id JOIN messages m ON m.id = a.message_id
                    WHERE r.campaign_id = ? AND r.status IN ('received', 'late')
                    ORDER BY r.unit_code, a.position
                    """, arguments: [campaign]
            ).map { AcceptedFile(unit: $0["receipt_unit"], attachment: Self.attachment($0)) }
        }
    }
}
