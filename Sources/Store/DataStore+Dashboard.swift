import DocumentCheck
import Foundation
import GRDB
import Intake
import MIME

/// The dashboard's reads. Each is one short read transaction over indexed columns: the
/// overview and the unit table must answer within a few milliseconds for thousands of
/// units and tens of thousands of messages.
extension DataStore {
    public func ledger(campaign: String) throws -> [String: LedgerRow] {
        // Read by column position from a cursor: on a 3,000-unit table, looking columns up
        // by name and copying rows was most of the page's time.
        try database.read { db in
            var rows: [String: LedgerRow] = [:]
            // Times come as Unix seconds, converted by SQLite, not parsed from text in Swift.
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT r.unit_code, r.status, (julianday(r.received_at) - 2440587.5) * 86400.0, r.note,
                        (SELECT count(*) FROM attachments a WHERE a.message_id = r.message_id),
                        \(Self.senderUnconfirmed),
                        (SELECT group_concat(coalesce(c.officer_verdict, c.verdict, '-'), ' ') FROM attachments a
                            LEFT JOIN document_checks c ON c.sha256 = a.sha256 WHERE a.message_id = r.message_id),
                        \(Self.documentRead("r.message_id"))
                    FROM receipts r WHERE r.campaign_id = ?
                    """, arguments: [campaign])
            while let row = try cursor.next() {
                let unit: String = row[0]
                let note: String? = row[3]
                let received: Double? = row[2]
                rows[unit] = LedgerRow(
                    unit: unit, status: ReceiptStatus(rawValue: row[1]) ?? .pending,
                    receivedAt: received.map { Date(timeIntervalSince1970: ($0 * 1000).rounded() / 1000) },
                    note: note.flatMap { $0.isEmpty ? nil : $0 }, attachmentCount: row[4], senderUnconfirmed: row[5],
                    checks: ((row[6] as String?) ?? "").split(separator: " ").map { CheckVerdict(rawValue: String($0)) },
                    document: Self.document(packed: row[7]))
            }
            return rows
        }
    }

    /// The first document read among a message's files, as one text column (its fields
    /// joined by U+001F): a subquery per ledger row rather than a join that would multiply
    /// the rows by the files.
    static func documentRead(_ message: String) -> String {
        """
        (SELECT coalesce(c.doc_issuer, '') || char(31) || coalesce(c.doc_number, '') || char(31) || coalesce(c.doc_date, '')
            || char(31) || coalesce(c.doc_type, '') || char(31) || coalesce(c.doc_title, '') || char(31)
            || coalesce(c.doc_signer, '') || char(31) || c.doc_confidence
         FROM attachments a JOIN document_checks c ON c.sha256 = a.sha256
         WHERE a.message_id = \(message) AND c.doc_confidence IS NOT NULL ORDER BY a.position LIMIT 1)
        """
    }

    static func document(packed: String?) -> DocumentFacts? {
        guard let packed else { return nil }
        let fields = packed.split(separator: "\u{1F}", omittingEmptySubsequences: false).map { $0.isEmpty ? nil : String($0) }
        guard fields.count == 7 else { return nil }
        return DocumentFacts(
            issuer: fields[0], number: fields[1], date: fields[2], type: fields[3], title: fields[4], signer: fields[5],
            confidence: fields[6].flatMap(Double.init) ?? 0)
    }

    /// The campaign's incoming documents, as the office's register (sổ công văn đến) lists
    /// them: every message attributed to a unit and not set aside, oldest first, with what
    /// its scans say.
    public func register(campaign: String) throws -> [RegisterEntry] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT m.id, m.received_at, m.unit_code, m.status, m.subject,
                        (SELECT a.filename FROM attachments a WHERE a.message_id = m.id ORDER BY a.position LIMIT 1),
                        \(Self.documentRead("m.id"))
                    FROM messages m WHERE m.campaign_id = ? AND m.unit_code IS NOT NULL AND m.dismissed_at IS NULL
                    ORDER BY m.received_at, m.id
                    """, arguments: [campaign]
            ).map { row in
                RegisterEntry(
                    message: row[0], receivedAt: row[1], unitCode: row[2],
                    status: (row[3] as String?).flatMap(ReceiptStatus.init(rawValue:)), subject: row[4] ?? "", filename: row[5],
                    document: Self.document(packed: row[6]))
            }
        }
    }

    /// Every message attributed to `unit`, newest first, with its files.
    public func messages(unit: String, limit: Int = 200) throws -> [StoredMessage] {
        try database.read { db in
            try Self.messages(
                db, sql: "SELECT * FROM messages WHERE unit_code = ? ORDER BY received_at DESC LIMIT ?",
                arguments: [unit, limit])
        }
    }

    public func storedMessage(id: Int64) throws -> StoredMessage? {
        try database.read { db in
            try Self.messages(db, sql: "SELECT * FROM messages WHERE id = ?", arguments: [id]).first
        }
    }

    public func attachment(id: Int64) throws -> StoredAttachment? {
        try database.read { db in
            try Row.fetchOne(db, sql: Self.attachmentsSQL + " WHERE a.id = ?", arguments: [id]).map(Self.attachment)
        }
    }

    /// The raw message's path relative to the data directory.
    public func rawPath(messageID: Int64) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT raw_path FROM messages WHERE id = ?", arguments: [messageID])
        }
    }

    /// Mail sent or attempted about `unit`, newest first: for its messages (by their unit
    /// now, as the officer may have assigned them since) or to it.
    public func outgoing(unit: String) throws -> [OutboxRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT o.* FROM outbox o LEFT JOIN messages m ON m.id = o.message_row
                    WHERE coalesce(m.unit_code, o.unit_code) = ? AND o.kind != 'digest' ORDER BY o.created_at DESC, o.id DESC LIMIT 200
                    """, arguments: [unit]
            ).map(Self.outboxRecord)
        }
    }

    /// Reminders and replies across every campaign, newest first: what went out, what
    /// bounced, what is uncertain.
    public func outgoingLog(limit: Int = 500) throws -> [OutboxRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM outbox WHERE kind IN ('reminder', 'reply') ORDER BY created_at DESC, id DESC LIMIT ?",
                arguments: [limit]
            ).map(Self.outboxRecord)
        }
    }

    /// Messages waiting for the officer, newest first: no unit could be told for sure, or
    /// the submission needs a look (wrong file kind, a link instead of a scan, unparsable).
    /// With `campaign`, those that may belong to it: attributed to it, or to no campaign.
    public func reviewQueue(campaign: String? = nil, limit: Int = 500) throws -> [ReviewEntry] {
        try database.read { db in try Self.reviewQueue(db, campaign: campaign, limit: limit) }
    }

    /// How many messages `reviewQueue(campaign:)` holds: the figure every view shows.
    public func reviewCount(campaign: String? = nil) throws -> Int {
        try database.read { db in try Self.reviewCount(db, campaign: campaign) }
    }

    /// Whether the receipt `r` is a submission received (on time or late) from a sender not
    /// yet known to be the unit's: its message was attributed by a name in its text
    /// (confidence under 1; an address, a thread or the officer give 1).
    static let senderUnconfirmed = """
        (r.status IN ('received', 'late')
         AND coalesce((SELECT m.match_confidence < 1 FROM messages m WHERE m.id = r.message_id), 0))
        """

    /// The review queue, the one definition every list and count of it uses (over
    /// `messages m`), leaving out what the officer set aside as no submission: a message
    /// no unit could be told for, unless the officer rejected it;
    /// or one that needs a look, until its unit has a proper submission for that campaign
    /// (it sent again) or was excused.
    static let awaitingReview = """
        m.dismissed_at IS NULL AND ((m.unit_code IS NULL AND coalesce(m.status, '') != 'rejected')
         OR (m.unit_code IS NOT NULL AND m.status = 'needs_review'
             AND NOT EXISTS (SELECT 1 FROM receipts r WHERE r.campaign_id = m.campaign_id AND r.unit_code = m.unit_code
                             AND r.status IN ('received', 'late', 'excused'))))
        AND (?1 IS NULL OR m.campaign_id = ?1 OR m.campaign_id IS NULL)
        """

    static func reviewQueue(_ db: Database, campaign: String?, limit: Int) throws -> [ReviewEntry] {
        let sql = "SELECT * FROM messages m WHERE \(awaitingReview) ORDER BY received_at DESC LIMIT ?2"
        return try messages(db, sql: sql, arguments: [campaign, limit]).map { message in
            ReviewEntry(
                message: message,
                reason: reviewReason(
                    unit: message.unitCode, parseError: message.parseError, subject: message.subject, problems: message.problems))
        }
    }

    /// The review queue as the status page lists it: each message and why it waits, without
    /// its files (decoding every queued message whole was most of the page's cost).
    static func reviewItems(_ db: Database, campaign: String?, limit: Int) throws -> [StatusReport.ReviewItem] {
        let sql = """
            SELECT id, from_address, subject, received_at, unit_code, parse_error, problems
            FROM messages m WHERE \(awaitingReview) ORDER BY received_at DESC LIMIT ?2
            """
        return try Row.fetchAll(db, sql: sql, arguments: [campaign, limit]).map { row in
            let (subject, unit): (String, String?) = (row[2], row[4])
            return StatusReport.ReviewItem(
                id: row[0], from: row[1], subject: subject, receivedAt: row[3], unit: unit,
                reason: reviewReason(unit: unit, parseError: row[5], subject: subject, problems: row[6]))
        }
    }

    /// Why a message waits for the officer, in the officer's words.
    static func reviewReason(unit: String?, parseError: String?, subject: String, problems: String?) -> String {
        if unit == nil, let parseError, subject.isEmpty { return "không đọc được thư: \(parseError)" }
        if unit == nil { return "chưa xác định được đơn vị gửi" }
        return problems ?? "cần xem lại"
    }

    static func reviewCount(_ db: Database, campaign: String?) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM messages m WHERE \(awaitingReview)", arguments: [campaign]) ?? 0
    }

    public func intakeHealth() throws -> IntakeHealth {
        try database.read { db in
            var health = IntakeHealth()
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT key, value, at FROM intake_health WHERE key IN ('last_poll', 'last_error', 'last_error_code', 'failing_since', 'needs_action')
                    """)
            {
                switch row["key"] as String {
                case "last_poll": health.lastPoll = row["at"]
                case "last_error":
                    health.lastError = row["value"]
                    health.lastErrorAt = row["at"]
                case "last_error_code": health.lastErrorCode = (row["value"] as String?).map { StoredError.Code(rawValue: $0) ?? .other }
                case "needs_action": health.needsAction = true
                default: health.failingSince = row["at"]
                }
            }
            return health
        }
    }

    public func totals() throws -> StoreTotals {
        try database.read { db in
            var totals = StoreTotals()
            if let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*) AS messages, count(*) FILTER (WHERE unit_code IS NULL) AS unmatched,
                        count(*) FILTER (WHERE parse_error IS NOT NULL) AS errors FROM messages
                    """)
            {
                totals.messages = row["messages"]
                totals.unmatched = row["unmatched"]
                totals.parseErrors = row["errors"]
            }
            totals.attachments = try Int.fetchOne(db, sql: "SELECT count(*) FROM attachments") ?? 0
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT kind, state, count(*) AS n FROM outbox GROUP BY kind, state
                    """)
            {
                let count: Int = row["n"]
                switch (row["kind"] as String, row["state"] as String) {
                case ("reminder", "sent"): totals.remindersSent += count
                case ("reminder", "failed"): totals.remindersFailed += count
                case ("reminder", _): totals.remindersUncertain += count
                case ("acknowledgement", "sent"): totals.acknowledgementsSent += count
                case ("acknowledgement", "failed"): totals.acknowledgementsFailed += count
                case ("reply", "sent"): totals.repliesSent += count
                case ("reply", "failed"): totals.repliesFailed += count
                default: break
                }
            }
            return totals
        }
    }

    // MARK: - Rows

    static func messages(_ db: Database, sql: String, arguments: StatementArguments) throws -> [StoredMessage] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let ids: [Int64] = rows.map { $0["id"] }
        var files: [Int64: [StoredAttachment]] = [:]
        for row in try Row.fetchAll(
            db, sql: Self.attachmentsSQL + " WHERE a.message_id IN (\(databaseQuestionMarks(count: ids.count))) ORDER BY a.position",
            arguments: StatementArguments(ids))
        {
            let file = attachment(row)
            files[file.messageRow, default: []].append(file)
        }
        return rows.map { row in
            StoredMessage(
                id: row["id"], fromAddress: row["from_address"], fromName: row["from_name"], subject: row["subject"],
                receivedAt: row["received_at"], campaignID: row["campaign_id"], unitCode: row["unit_code"],
                status: (row["status"] as String?).flatMap(ReceiptStatus.init(rawValue:)), problems: row["problems"],
                matchReason: row["match_reason"], parseError: row["parse_error"], attachments: files[row["id"]] ?? [],
                dismissed: row["dismissed_at"] != nil, senderConfirmed: (row["match_confidence"] as Double? ?? 1) >= 1,
                ignored: (row["ignored_parts"] as String?).flatMap { try? JSONDecoder().decode([IgnoredPart].self, from: Data($0.utf8)) })
        }
    }

    /// Attachment rows with their raw message's path (NULL once pruned), for `attachment(_:)`.
    static let attachmentsSQL = """
        SELECT a.*, CASE WHEN m.raw_pruned_at IS NULL THEN m.raw_path END AS raw_path
        FROM attachments a JOIN messages m ON m.id = a.message_id
        """

    static func attachment(_ row: Row) -> StoredAttachment {
        StoredAttachment(
            id: row["id"], messageRow: row["message_id"], filename: row["filename"], contentType: row["content_type"],
            kind: fileKind(row), size: row["size"], sha256: row["sha256"], storedPath: row["stored_path"],
            rawPath: row["raw_path"])
    }

    /// An attachment row's kind; one written by a later thidua and unknown here is `other`.
    static func fileKind(_ row: Row) -> FileKind { (row["kind"] as String?).flatMap(FileKind.init(rawValue:)) ?? .other }
}
