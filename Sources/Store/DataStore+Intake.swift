import Foundation
import GRDB
import Intake

// The statements run for every message of a backlog (noting it, the duplicate check,
// recording it, its ledger change and event) are prepared once per connection
// (`cachedStatement`): parsing and planning them afresh was most of SQLite's share of the
// intake's CPU. Those run once a poll are not worth a place in the cache.
extension DataStore {
    /// The highest UID already processed in `mailbox` under `uidValidity`, or nil when this
    /// UIDVALIDITY has never been seen (first run, or the server renumbered the mailbox).
    public func lastUID(mailbox: String, uidValidity: UInt32) throws -> UInt32? {
        try database.read { db in
            try Int64.fetchOne(
                db, sql: "SELECT last_uid FROM mailbox_state WHERE mailbox = ? AND uid_validity = ?",
                arguments: [mailbox, Int64(uidValidity)]
            ).map { UInt32(clamping: $0) }
        }
    }

    /// Records that every UID up to `uid` has been dealt with, without a message row: used
    /// for duplicates found after a UIDVALIDITY change.
    public func advanceMailbox(_ mailbox: String, uidValidity: UInt32, to uid: UInt32, at now: Date) throws {
        try database.write { db in
            try Self.advance(db, MessageKey(mailbox: mailbox, uidValidity: uidValidity, uid: uid), now)
        }
    }

    /// Forgets the in-progress note after a failure that was reported (a full disk, say):
    /// only a process that died leaves it behind.
    public func endProcessing() throws {
        try database.write { db in try db.execute(sql: "DELETE FROM intake_health WHERE key LIKE 'processing:%'") }
    }

    /// Forgets the in-progress notes of `mailbox` once a poll has committed everything it
    /// read there: a note left for a message the server no longer has would linger.
    public func clearProcessing(mailbox: String) throws {
        let prefix = MessageKey.processingNotePrefix(mailbox: mailbox)
        try write(durable: false) { db in
            try db.execute(sql: "DELETE FROM intake_health WHERE substr(key, 1, length(?)) = ?", arguments: [prefix, prefix])
        }
    }

    /// Notes that the retried message `key` came through its parse and decisions, the steps
    /// its content can crash: a death from here on (in its commit, say, while the disk is
    /// slow to flush) is no fault of the message, so its next attempt counts as the first
    /// retry again. Only deaths while it is being parsed add up to the caller's limit; a
    /// valid message that is merely unlucky is never kept unparsed.
    public func settleProcessing(_ key: MessageKey) throws {
        try write(durable: false) { db in
            try db.execute(sql: "UPDATE intake_health SET value = '1' WHERE key = ?", arguments: [key.processingNote])
        }
    }

    /// Notes that the message `key` is being processed and returns which attempt this is:
    /// 1 normally, more when earlier attempts died before their commit — a crash in the
    /// parser, or just the process being killed at that moment (once a retry has been parsed,
    /// `settleProcessing` takes back the deaths that followed). The caller gives up on a
    /// message (keeps it unparsed for review) after a few attempts, so one poisonous
    /// message cannot stop the intake forever. The note is cleared by the commit.
    public func beginProcessing(_ key: MessageKey, at now: Date) throws -> Int {
        try beginProcessing([key], at: now)[0]
    }

    /// `beginProcessing(_:at:)` for the next messages of a batch, in order, in one write:
    /// returns the attempts of the first `n` of `keys` it noted, n ≥ 1. It stops after the
    /// first message with an earlier attempt — that one goes alone, and the messages after
    /// it must not be charged with an attempt if it takes the process down again — and
    /// before any later one, which then comes first in the next call.
    public func beginProcessing(_ keys: [MessageKey], at now: Date) throws -> [Int] {
        precondition(!keys.isEmpty, "beginProcessing needs at least one message")
        // The note guards against a process that dies mid-message, and a dead process's
        // writes survive in the OS: this commit needs no fsync of its own. One note per
        // message, as several are in flight at once while a backlog is read in batches.
        return try write(durable: false) { db in
            var attempts: [Int] = []
            for key in keys {
                let note = key.processingNote
                let earlier =
                    try Int.fetchOne(
                        db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM intake_health WHERE key = ?"),
                        arguments: [note]) ?? 0
                if earlier > 0 && !attempts.isEmpty { break }
                try db.cachedStatement(sql: "INSERT OR REPLACE INTO intake_health (key, value, at) VALUES (?, ?, ?)")
                    .execute(arguments: [note, String(earlier + 1), now])
                attempts.append(earlier + 1)
                if earlier > 0 { break }
            }
            return attempts
        }
    }

    /// Commits a fetched message, its attachments, the ledger change it causes, the event
    /// log entry and the mailbox position in one transaction. Returns the message row id.
    ///
    /// With `durable: false` the commit is not fsynced by itself (group commit): it is
    /// atomic, and becomes durable with the next durable commit, which flushes the log up
    /// to it. The files a record refers to must be fsynced before it either way.
    @discardableResult
    public func record(_ message: IncomingMessage, at now: Date, durable: Bool = true) throws -> Int64 {
        try write(durable: durable) { db in try Self.insert(db, message, at: now) }
    }

    /// One message of an intake batch: recorded, or a duplicate that only moves the
    /// mailbox position past its UID.
    public enum IntakeEntry: Sendable {
        case message(IncomingMessage, at: Date)
        case duplicate(MessageKey, at: Date)
    }

    /// Commits a batch of messages read in a row from one mailbox in one durable
    /// transaction (one fsync of the log for all of them), in order. Returns each
    /// recorded message's row id (nil for a duplicate). The files the records refer to
    /// must be fsynced before.
    public func record(batch: [IntakeEntry]) throws -> [Int64?] {
        try database.write { db in
            try batch.map { entry -> Int64? in
                switch entry {
                case .message(let message, let now):
                    return try Self.insert(db, message, at: now)
                case .duplicate(let key, let now):
                    try Self.advance(db, key, now)
                    return nil
                }
            }
        }
    }

    private static func insert(_ db: Database, _ message: IncomingMessage, at now: Date) throws -> Int64 {
        try db.cachedStatement(
            sql: """
                INSERT INTO messages (mailbox, uid_validity, uid, message_id, sha256, raw_path, size, from_address, from_name,
                    subject, sent_at, received_at, stored_at, unit_code, match_confidence, match_reason, campaign_id, status,
                    problems, parse_error, auth_results, ignored_parts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            message.mailbox, Int64(message.uidValidity), Int64(message.uid), message.messageID, message.sha256,
            message.rawPath, message.size, message.fromAddress, message.fromName, message.subject,
            message.sentAt.map(StoredDate.text), StoredDate.text(message.receivedAt), StoredDate.text(now), message.unit?.code,
            message.unit?.confidence, message.unit?.reason,
            message.campaignID, message.assessment?.status.rawValue,
            message.assessment.map { $0.problems.joined(separator: "; ") }, message.parseError, message.authResults,
            IgnoredPartsJSON.encode(message.ignored),
        ])
        let rowID = db.lastInsertedRowID
        for (position, attachment) in message.attachments.enumerated() {
            try db.cachedStatement(
                sql: """
                    INSERT INTO attachments (message_id, position, filename, content_type, size, sha256, kind, stored_path)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                rowID, position, attachment.filename, attachment.contentType, attachment.size,
                attachment.sha256, attachment.kind.rawValue, attachment.storedPath,
            ])
        }
        try Self.appendEvent(
            db, at: now, actor: "daemon", campaign: message.campaignID, unit: message.unit?.code,
            message: rowID, kind: "message.stored",
            detail: "\(message.fromAddress ?? "?"): \(message.subject)")
        if let campaign = message.campaignID, let unit = message.unit, let assessment = message.assessment {
            try Self.applySubmission(
                db, campaign: campaign, unit: unit.code, status: assessment.status,
                messageRow: rowID, receivedAt: message.receivedAt, note: assessment.problems.joined(separator: "; "),
                actor: "daemon", now: now)
        }
        if let ack = message.acknowledgement {
            try Self.queue(
                db,
                OutboxMail(
                    kind: .acknowledgement, messageRow: rowID, campaign: message.campaignID, unit: message.unit?.code,
                    recipients: [ack.recipient] + ack.copies, subject: ack.subject, body: ack.text, inReplyTo: ack.inReplyTo,
                    references: ack.references),
                at: now, state: message.acknowledgementAwaitsCheck ? .held : .due)
        }
        try Self.advance(db, message.key, now)
        return rowID
    }

    static func applySubmission(
        _ db: Database, campaign: String, unit: String, status: ReceiptStatus, messageRow: Int64?,
        receivedAt: Date?, note: String?, actor: String, now: Date
    ) throws {
        let current = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT status, received_at FROM receipts WHERE campaign_id = ? AND unit_code = ?"),
            arguments: [campaign, unit])
        let currentStatus = (current?["status"] as String?).flatMap(ReceiptStatus.init(rawValue:))
        let currentReceivedAt = current?["received_at"] as Date?
        guard
            LedgerRules.supersedes(
                incoming: status, receivedAt: receivedAt ?? now,
                current: currentStatus, currentReceivedAt: currentReceivedAt)
        else {
            try appendEvent(
                db, at: now, actor: actor, campaign: campaign, unit: unit, message: messageRow,
                kind: "receipt.kept", detail: "\(currentStatus?.rawValue ?? "pending") kept; new submission was \(status.rawValue)")
            return
        }
        try db.cachedStatement(
            sql: """
                INSERT INTO receipts (campaign_id, unit_code, status, message_id, received_at, updated_at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (campaign_id, unit_code) DO UPDATE SET
                    status = excluded.status, message_id = excluded.message_id, received_at = excluded.received_at,
                    updated_at = excluded.updated_at, note = excluded.note
                """
        ).execute(arguments: [
            campaign, unit, status.rawValue, messageRow, receivedAt.map(StoredDate.text), StoredDate.text(now), note,
        ])
        try appendEvent(
            db, at: now, actor: actor, campaign: campaign, unit: unit, message: messageRow,
            kind: "receipt.\(status.rawValue)", detail: "\(currentStatus?.rawValue ?? "pending") → \(status.rawValue)")
    }

    static func appendEvent(
        _ db: Database, at: Date, actor: String, campaign: String?, unit: String?, message: Int64?,
        kind: String, detail: String?
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO events (at, actor, campaign_id, unit_code, message_id, kind, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [StoredDate.text(at), actor, campaign, unit, message, kind, detail])
    }

    /// Moves the mailbox position past `key` and clears its in-progress note: the message
    /// is dealt with, recorded or a duplicate.
    private static func advance(_ db: Database, _ key: MessageKey, _ now: Date) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO mailbox_state (mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (mailbox, uid_validity) DO UPDATE SET
                    last_uid = max(last_uid, excluded.last_uid), updated_at = excluded.updated_at
                """
        ).execute(arguments: [key.mailbox, Int64(key.uidValidity), Int64(key.uid), StoredDate.text(now)])
        try db.cachedStatement(sql: "DELETE FROM intake_health WHERE key = ?").execute(arguments: [key.processingNote])
    }

    /// Records a poll's outcome for status and health: its error as a code and a message.
    /// `needsAction`: the failure will not mend by retrying (a refused login, a revoked
    /// OAuth2 grant), so health says so at once.
    public func notePoll(error: StoredError?, needsAction: Bool = false, at now: Date) throws {
        try database.write { db in
            if let error {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO intake_health (key, value, at) VALUES ('last_error', ?, ?), ('last_error_code', ?, ?)
                        """, arguments: [error.message, now, error.code.rawValue, now])
                // The start of the current run of failures: health turns degraded from its age.
                try db.execute(
                    sql: "INSERT OR IGNORE INTO intake_health (key, value, at) VALUES ('failing_since', NULL, ?)", arguments: [now])
                if needsAction {
                    try db.execute(
                        sql: "INSERT OR REPLACE INTO intake_health (key, value, at) VALUES ('needs_action', NULL, ?)", arguments: [now])
                } else {
                    try db.execute(sql: "DELETE FROM intake_health WHERE key = 'needs_action'")
                }
            } else {
                try db.execute(sql: "INSERT OR REPLACE INTO intake_health (key, value, at) VALUES ('last_poll', NULL, ?)", arguments: [now])
                try db.execute(
                    sql: "DELETE FROM intake_health WHERE key IN ('last_error', 'last_error_code', 'failing_since', 'needs_action')")
            }
        }
    }
}

extension DataStore {
    /// Whether any UIDVALIDITY of `mailbox` was seen before (to tell a first run from a
    /// renumbered mailbox).
    public func hasAnyState(mailbox: String) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mailbox_state WHERE mailbox = ?)", arguments: [mailbox]) ?? false
        }
    }
}
