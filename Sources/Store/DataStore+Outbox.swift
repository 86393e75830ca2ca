import Foundation
import GRDB

/// The one outbox: every mail the office sends is a row, queued (`due`) or claimed
/// (`sending`) before its send and finished after it. One claim → send → finish path for
/// acknowledgements, replies, reminders and digests, and one count for the sending caps.
extension DataStore {
    /// Queues `mail` to be sent by the next cycle, inside the caller's transaction (with
    /// the message it acknowledges, with the decision it tells of).
    static func queue(_ db: Database, _ mail: OutboxMail, at now: Date, state: OutboxState = .due) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO outbox (kind, message_row, campaign_id, unit_code, stage, recipients, subject, body, in_reply_to,
                    reference_ids, state, created_at, attachment_path, attachment_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: arguments(mail) + [state.rawValue, StoredDate.text(now), mail.attachment?.path, mail.attachment?.name])
    }

    /// Mail queued and not claimed yet, oldest first, announcements last (sixty calls for
    /// submissions must not hold back the receipt a school is waiting for); announcements
    /// only when `announcements` (the office is open: a call is not sent at night).
    public func dueMail(limit: Int = 100, announcements: Bool = true) throws -> [OutboxRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM outbox WHERE state = 'due' \(announcements ? "" : "AND kind != 'announcement' ")"
                    + "ORDER BY kind = 'announcement', created_at, id LIMIT ?", arguments: [limit]
            ).map(Self.outboxRecord)
        }
    }

    /// Claims queued mail `id` before its send; false when it was claimed before (by
    /// another cycle, or a process that died), so it is never sent twice.
    public func claim(queued id: Int64, outgoingID: String, at now: Date) throws -> Bool {
        try database.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET state = 'sending', outgoing_id = ?, claimed_at = ?, attempts = attempts + 1
                    WHERE id = ? AND state = 'due'
                    """, arguments: [outgoingID, now, id])
            return db.changesCount == 1
        }
    }

    /// Claims `mail`, composed at its send, with a row of its own. Returns the row, or nil
    /// when this reminder stage of this unit, or this day's digest, was claimed before:
    /// whatever became of that send, it is never repeated.
    public func claim(_ mail: OutboxMail, outgoingID: String, at now: Date) throws -> Int64? {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO outbox (kind, message_row, campaign_id, unit_code, stage, recipients, subject, body,
                        in_reply_to, reference_ids, state, attempts, outgoing_id, created_at, claimed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'sending', 1, ?, ?, ?)
                    """, arguments: Self.arguments(mail) + [outgoingID, now, now])
            return db.changesCount == 1 ? db.lastInsertedRowID : nil
        }
    }

    /// Records how the send of claimed mail `id` ended, and logs it as an event.
    public func finish(id: Int64, state: OutboxState, error: StoredError?, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE outbox SET state = ?, error_code = ?, error = ?, finished_at = ? WHERE id = ?",
                arguments: [state.rawValue, error?.code.rawValue, error?.message, now, id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM outbox WHERE id = ?", arguments: [id]) else { return }
            let mail = Self.outboxRecord(row).mail
            let detail = [mail.stage, error?.message].compactMap { $0 }.joined(separator: ": ")
            try Self.appendEvent(
                db, at: now, actor: "daemon", campaign: mail.campaign, unit: mail.unit, message: mail.messageRow,
                kind: "\(mail.kind.rawValue).\(state.rawValue)", detail: detail.isEmpty ? nil : detail)
        }
    }

    /// Mail claimed since `since`, of every kind: what the sending caps count. Counted
    /// from the store, so the caps hold across restarts.
    public func outgoingCount(since: Date) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM outbox WHERE claimed_at >= ?", arguments: [since]) ?? 0
        }
    }

    /// The outbox's rows of `kind`, optionally of one campaign and stage, oldest first.
    public func outbox(_ kind: OutboxKind, campaign: String? = nil, stage: String? = nil) throws -> [OutboxRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE kind = ?1 AND (?2 IS NULL OR campaign_id = ?2) AND (?3 IS NULL OR stage = ?3)
                    ORDER BY created_at, unit_code, id
                    """, arguments: [kind.rawValue, campaign, stage]
            ).map(Self.outboxRecord)
        }
    }

    /// Units that already have a reminder of `stage` in `campaign`, whatever its outcome.
    public func remindedUnits(campaign: String, stage: String) throws -> Set<String> {
        try Set(outbox(.reminder, campaign: campaign, stage: stage).compactMap(\.mail.unit))
    }

    /// Mail of `kind` in `campaigns` whose send failed in [start, end), and every one still
    /// uncertain (claimed, never finished: the daemon died mid-send).
    public func outboxProblems(_ kind: OutboxKind, campaigns: [String], from start: Date, to end: Date) throws -> [OutboxRecord] {
        guard !campaigns.isEmpty else { return [] }
        return try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE kind = ? AND campaign_id IN (\(databaseQuestionMarks(count: campaigns.count)))
                    AND ((error IS NOT NULL AND finished_at >= ? AND finished_at < ?) OR state = 'sending')
                    ORDER BY created_at, unit_code
                    """, arguments: StatementArguments([kind.rawValue]) + StatementArguments(campaigns) + [start, end]
            ).map(Self.outboxRecord)
        }
    }

    /// Units of the threads these Message-IDs belong to: thidua's own reminders,
    /// acknowledgements and the officer's replies, and mail already attributed to a unit.
    public func threadUnits(messageIDs: [String]) throws -> [String: String] {
        try database.read { db in try Self.threadUnits(db, messageIDs: messageIDs) }
    }

    static func threadUnits(_ db: Database, messageIDs: [String]) throws -> [String: String] {
        guard !messageIDs.isEmpty else { return [:] }
        do {
            var units: [String: String] = [:]
            let placeholders = databaseQuestionMarks(count: messageIDs.count)
            let arguments = StatementArguments(messageIDs)
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT o.outgoing_id AS message_id, coalesce(m.unit_code, o.unit_code) AS unit_code
                        FROM outbox o LEFT JOIN messages m ON m.id = o.message_row
                        WHERE o.outgoing_id IN (\(placeholders)) AND coalesce(m.unit_code, o.unit_code) IS NOT NULL
                    UNION ALL
                    SELECT message_id, unit_code FROM messages WHERE message_id IN (\(placeholders)) AND unit_code IS NOT NULL
                    """, arguments: arguments + arguments)
            {
                if let id = row["message_id"] as String?, let unit = row["unit_code"] as String? { units[id] = unit }
            }
            return units
        }
    }

    // MARK: - Rows

    private static func arguments(_ mail: OutboxMail) -> StatementArguments {
        [
            mail.kind.rawValue, mail.messageRow, mail.campaign, mail.unit, mail.stage, mail.recipients.joined(separator: ";"),
            mail.subject, mail.body, mail.inReplyTo, mail.references.joined(separator: " "),
        ]
    }

    static func outboxRecord(_ row: Row) -> OutboxRecord {
        let code = (row["error_code"] as String?).map { StoredError.Code(rawValue: $0) ?? .other }
        return OutboxRecord(
            id: row["id"],
            mail: OutboxMail(
                kind: OutboxKind(rawValue: row["kind"]) ?? .reply, messageRow: row["message_row"], campaign: row["campaign_id"],
                unit: row["unit_code"], stage: row["stage"],
                recipients: (row["recipients"] as String).split(separator: ";").map(String.init), subject: row["subject"],
                body: row["body"], inReplyTo: row["in_reply_to"],
                references: (row["reference_ids"] as String).split(separator: " ").map(String.init),
                attachment: (row["attachment_path"] as String?).map { OutboxAttachment(path: $0, name: row["attachment_name"] ?? "") }),
            state: OutboxState(rawValue: row["state"]) ?? .sending, attempts: row["attempts"], outgoingID: row["outgoing_id"],
            createdAt: row["created_at"], claimedAt: row["claimed_at"], finishedAt: row["finished_at"],
            error: code.map { StoredError($0, row["error"] ?? "") })
    }
}
