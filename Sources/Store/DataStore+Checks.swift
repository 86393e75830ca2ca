import DocumentCheck
import Foundation
import GRDB
import Intake
import MIME

/// The document check's records: which files wait for it, what it found, and what that
/// did to each message's ledger entry and acknowledgement.
extension DataStore {
    /// Files not checked yet, one attachment per content, oldest first.
    public func pendingChecks(limit: Int) throws -> [StoredAttachment] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT a.*, m.raw_path FROM attachments a JOIN messages m ON m.id = a.message_id
                    WHERE a.id IN (
                        SELECT min(a2.id) FROM attachments a2
                        WHERE NOT EXISTS (SELECT 1 FROM document_checks c WHERE c.sha256 = a2.sha256)
                        GROUP BY a2.sha256)
                    ORDER BY a.id LIMIT ?
                    """, arguments: [limit]
            ).map(Self.attachment)
        }
    }

    /// Records the check of the file whose content is `sha256`; an officer's verdict on it
    /// is kept. Its messages are then concluded by `conclude`.
    public func saveCheck(sha256: String, result: DocumentCheckResult, thumbnailPath: String?, at now: Date) throws {
        let box = result.seal.map { $0.box.map { String($0) }.joined(separator: " ") }
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO document_checks (sha256, verdict, pages, dpi, seal_page, seal_box, seal_score, flags, reason,
                        thumbnail_path, checked_at, doc_issuer, doc_number, doc_date, doc_type, doc_title, doc_signer, doc_confidence)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (sha256) DO UPDATE SET verdict = excluded.verdict, pages = excluded.pages, dpi = excluded.dpi,
                        seal_page = excluded.seal_page, seal_box = excluded.seal_box, seal_score = excluded.seal_score,
                        flags = excluded.flags, reason = excluded.reason, thumbnail_path = excluded.thumbnail_path,
                        checked_at = excluded.checked_at, doc_issuer = excluded.doc_issuer, doc_number = excluded.doc_number,
                        doc_date = excluded.doc_date, doc_type = excluded.doc_type, doc_title = excluded.doc_title,
                        doc_signer = excluded.doc_signer, doc_confidence = excluded.doc_confidence
                    """,
                arguments: [
                    sha256, result.verdict.rawValue, result.pages, result.dpi, result.seal?.page, box, result.seal?.score,
                    result.flags.map(\.rawValue).joined(separator: " "), result.reason, thumbnailPath, now,
                    result.document?.issuer, result.document?.number, result.document?.date, result.document?.type,
                    result.document?.title, result.document?.signer, result.document?.confidence,
                ])
        }
    }

    /// The checks of these contents, by SHA-256 (those not checked yet are missing).
    public func checks(sha256s: [String]) throws -> [String: StoredCheck] {
        guard !sha256s.isEmpty else { return [:] }
        return try database.read { db in
            var found: [String: StoredCheck] = [:]
            for chunk in stride(from: 0, to: sha256s.count, by: 500).map({ Array(sha256s[$0..<min(sha256s.count, $0 + 500)]) }) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(
                    db, sql: "SELECT * FROM document_checks WHERE sha256 IN (\(marks))", arguments: StatementArguments(chunk))
                {
                    let check = Self.storedCheck(row)
                    found[check.sha256] = check
                }
            }
            return found
        }
    }

    /// Messages whose every file is checked and whose conclusion is not drawn yet.
    public func checkedMessages(limit: Int) throws -> [CheckedMessage] {
        try database.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT m.id, m.campaign_id, m.unit_code, m.status, m.check_review, m.received_at, m.from_address FROM messages m
                    WHERE m.checked_at IS NULL
                      AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id
                          AND NOT EXISTS (SELECT 1 FROM document_checks c WHERE c.sha256 = a.sha256))
                    ORDER BY m.id LIMIT ?
                    """, arguments: [limit])
            return try rows.map { row in
                let files = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.filename, a.kind, c.* FROM attachments a
                        JOIN document_checks c ON c.sha256 = a.sha256 WHERE a.message_id = ? ORDER BY a.position
                        """, arguments: [row["id"] as Int64]
                ).map { file in
                    CheckedFile(
                        filename: file["filename"], kind: Self.fileKind(file),
                        verdict: Self.verdict(file["officer_verdict"]) ?? Self.verdict(file["verdict"]) ?? .unchecked,
                        flags: Self.flags(file["flags"]), document: Self.document(file))
                }
                return CheckedMessage(
                    row: row["id"], campaignID: row["campaign_id"], unitCode: row["unit_code"],
                    status: (row["status"] as String?).flatMap(ReceiptStatus.init(rawValue:)),
                    sentToReviewByCheck: row["check_review"] as Bool, receivedAt: row["received_at"],
                    fromAddress: row["from_address"], files: files)
            }
        }
    }

    /// A message neither its sender nor its text could attribute, attributed by its scans'
    /// header. Its sender is not learned: the receipt shows it unconfirmed (confidence under
    /// 1) until the officer confirms it, as for a name found in a subject. A message that
    /// has a unit by now (the officer was quicker) is left alone; returns whether it was set.
    @discardableResult
    public func attributeByHeader(
        messageID: Int64, to match: UnitMatch, campaign: String, status: ReceiptStatus, problems: String? = nil, at now: Date
    ) throws -> Bool {
        try database.write { db in
            guard
                let row = try Row.fetchOne(db, sql: "SELECT received_at, unit_code FROM messages WHERE id = ?", arguments: [messageID]),
                row["unit_code"] as String? == nil
            else { return false }
            try db.execute(
                sql: """
                    UPDATE messages SET unit_code = ?, match_confidence = ?, match_reason = ?, campaign_id = ?, status = ?,
                        problems = ?
                    WHERE id = ?
                    """, arguments: [match.code, match.confidence, match.reason, campaign, status.rawValue, problems, messageID])
            try Self.appendEvent(
                db, at: now, actor: "daemon", campaign: campaign, unit: match.code, message: messageID, kind: "message.attributed",
                detail: match.reason)
            try Self.applySubmission(
                db, campaign: campaign, unit: match.code, status: status, messageRow: messageID, receivedAt: row["received_at"],
                note: nil, actor: "daemon", now: now)
            return true
        }
    }

    /// What the check concluded for a message, applied in one transaction: to review with
    /// `review` (the problems), or back from a review the check caused to `restore`; the
    /// message's notes; and its held acknowledgement released, with `acknowledgement` as
    /// its new subject and text when given.
    public func conclude(
        _ message: CheckedMessage, review: String?, restore: ReceiptStatus?, notes: String?,
        acknowledgement: (subject: String, text: String)?, at now: Date
    ) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE messages SET checked_at = ? WHERE id = ?", arguments: [now, message.row])
            if let review {
                try db.execute(
                    sql: "UPDATE messages SET status = 'needs_review', problems = ?, check_review = 1 WHERE id = ?",
                    arguments: [review, message.row])
                try db.execute(
                    sql: """
                        UPDATE receipts SET status = 'needs_review', note = ?, updated_at = ?
                        WHERE message_id = ? AND status IN ('received', 'late')
                        """, arguments: [review, now, message.row])
                try Self.appendEvent(
                    db, at: now, actor: "check", campaign: message.campaignID, unit: message.unitCode, message: message.row,
                    kind: "message.to_review", detail: review)
            } else if let restore, let campaign = message.campaignID, let unit = message.unitCode {
                try db.execute(
                    sql: "UPDATE messages SET status = ?, problems = ?, check_review = 0 WHERE id = ?",
                    arguments: [restore.rawValue, notes, message.row])
                try Self.applySubmission(
                    db, campaign: campaign, unit: unit, status: restore, messageRow: message.row, receivedAt: message.receivedAt,
                    note: notes, actor: "check", now: now)
            } else if let notes {
                try db.execute(sql: "UPDATE messages SET problems = ? WHERE id = ?", arguments: [notes, message.row])
            }
            if let acknowledgement {
                try db.execute(
                    sql:
                        "UPDATE outbox SET state = 'due', subject = ?, body = ? WHERE message_row = ? AND kind = 'acknowledgement' AND state = 'held'",
                    arguments: [acknowledgement.subject, acknowledgement.text, message.row])
            } else {
                try db.execute(
                    sql: "UPDATE outbox SET state = 'due' WHERE message_row = ? AND kind = 'acknowledgement' AND state = 'held'",
                    arguments: [message.row])
            }
        }
    }

    /// Releases every acknowledgement held for a check, as it was written at intake: what
    /// the daemon does when the check is switched off, so that none waits for ever.
    @discardableResult
    public func releaseHeldAcknowledgements() throws -> Int {
        try database.write { db in
            try db.execute(sql: "UPDATE outbox SET state = 'due' WHERE kind = 'acknowledgement' AND state = 'held'")
            return db.changesCount
        }
    }

    /// Whether the message has an acknowledgement waiting for its check.
    public func hasHeldAcknowledgement(messageRow: Int64) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE message_row = ? AND kind = 'acknowledgement' AND state = 'held')",
                arguments: [messageRow]) ?? false
        }
    }

    /// The officer's verdict on a file, over thidua's: recorded with who and when, logged,
    /// and every message that holds the file concluded again.
    public func overrule(sha256: String, verdict: CheckVerdict, actor: String, at now: Date) throws {
        try database.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT verdict, officer_verdict FROM document_checks WHERE sha256 = ?", arguments: [sha256])
            else { throw StoreError.notFound("no file with SHA-256 \(sha256) has been checked") }
            let before = Self.verdict(row["officer_verdict"]) ?? Self.verdict(row["verdict"])
            try db.execute(
                sql: "UPDATE document_checks SET officer_verdict = ?, officer = ?, officer_at = ? WHERE sha256 = ?",
                arguments: [verdict.rawValue, actor, now, sha256])
            let messages = try Row.fetchAll(
                db,
                sql: """
                    SELECT DISTINCT m.id, m.campaign_id, m.unit_code, a.filename FROM attachments a JOIN messages m ON m.id = a.message_id
                    WHERE a.sha256 = ?
                    """, arguments: [sha256])
            for message in messages {
                try Self.appendEvent(
                    db, at: now, actor: actor, campaign: message["campaign_id"], unit: message["unit_code"], message: message["id"],
                    kind: "check.overruled",
                    detail: "\(message["filename"] as String): \(before?.rawValue ?? "?") → \(verdict.rawValue)")
                try db.execute(
                    sql: "UPDATE messages SET checked_at = NULL WHERE id = ? AND campaign_id IS NOT NULL",
                    arguments: [message["id"] as Int64])
            }
        }
    }

    static func storedCheck(_ row: Row) -> StoredCheck {
        var result = DocumentCheckResult(
            verdict: verdict(row["verdict"]) ?? .unchecked, pages: row["pages"], dpi: row["dpi"], flags: flags(row["flags"]),
            reason: row["reason"], document: document(row))
        if let page = row["seal_page"] as Int?, let box = row["seal_box"] as String? {
            result.seal = SealFinding(
                page: page, box: box.split(separator: " ").compactMap { Double($0) }, score: row["seal_score"] ?? 0)
        }
        return StoredCheck(
            sha256: row["sha256"], result: result, thumbnailPath: row["thumbnail_path"], checkedAt: row["checked_at"],
            officerVerdict: verdict(row["officer_verdict"]), officer: row["officer"])
    }

    /// The document read off the scan, when it was read.
    static func document(_ row: Row) -> DocumentFacts? {
        guard let confidence = row["doc_confidence"] as Double? else { return nil }
        return DocumentFacts(
            issuer: row["doc_issuer"], number: row["doc_number"], date: row["doc_date"], type: row["doc_type"],
            title: row["doc_title"], signer: row["doc_signer"], confidence: confidence)
    }

    static func verdict(_ text: String?) -> CheckVerdict? { text.flatMap(CheckVerdict.init(rawValue:)) }

    static func flags(_ text: String?) -> [QualityFlag] {
        (text ?? "").split(separator: " ").compactMap { QualityFlag(rawValue: String($0)) }
    }
}
