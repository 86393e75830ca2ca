import Foundation
import GRDB

extension DataStore {
    /// What `pruneRawMail` would delete now, without changing anything (`thidua prune --dry-run`).
    public func rawMailPrunePlan(_ retention: RawMailRetention, at now: Date) throws -> RawMailPrune {
        try database.read { db in try Self.rawMailPrune(db, retention: retention, now: now, files: files) }
    }

    /// Deletes the raw mail past its retention.
    ///
    /// The database goes first: one transaction marks each message's raw mail as pruned and
    /// logs a `message.raw_pruned` event with its hash, and only after that commit are the
    /// files deleted. A crash in between leaves files no kept row refers to; the next prune
    /// finds and deletes them (`leftovers`). The other order could leave a row pointing at a
    /// file that is gone. Returns what was deleted.
    @discardableResult
    public func pruneRawMail(_ retention: RawMailRetention, at now: Date, actor: String) throws -> RawMailPrune {
        // An attachment lives in its raw message until then: out it goes first, durably.
        try writeOutAttachments(ofMessages: rawMailPrunePlan(retention, at: now).items.map(\.messageRow))
        let prune = try database.write { db in
            let prune = try Self.rawMailPrune(db, retention: retention, now: now, files: files, writtenOutOnly: true)
            for item in prune.items {
                try db.execute(sql: "UPDATE messages SET raw_pruned_at = ? WHERE id = ?", arguments: [now, item.messageRow])
                try Self.appendEvent(
                    db, at: now, actor: actor, campaign: item.campaignID, unit: item.unitCode, message: item.messageRow,
                    kind: "message.raw_pruned",
                    detail: "raw mail sha256 \(item.sha256), \(item.size) bytes, deleted after the retention of \(retention.days) days")
            }
            try db.execute(
                sql: "INSERT OR REPLACE INTO intake_health (key, value, at) VALUES ('last_raw_prune', ?, ?)",
                arguments: [String(prune.items.count), now])
            return prune
        }
        for path in prune.files { try files.remove(path) }
        files.removeEmptyFolders(of: prune.files)
        return prune
    }

    /// Whether the last prune (by the daemon or `thidua prune`) is at least `interval` ago.
    public func rawMailPruneIsDue(at now: Date, interval: TimeInterval) throws -> Bool {
        try database.read { db in
            guard let last = try Date.fetchOne(db, sql: "SELECT at FROM intake_health WHERE key = 'last_raw_prune'") else { return true }
            return now.timeIntervalSince(last) >= interval || last > now
        }
    }

    /// Messages whose raw mail was pruned, for the ledger and tests.
    public func prunedRawMailCount() throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM messages WHERE raw_pruned_at IS NOT NULL") ?? 0 }
    }

    /// `writtenOutOnly`: leave out the messages with an attachment not written out of the
    /// raw mail (`writeOutAttachments`), whose raw mail is then its only copy.
    static func rawMailPrune(
        _ db: Database, retention: RawMailRetention, now: Date, files: FileStore, writtenOutOnly: Bool = false
    ) throws -> RawMailPrune {
        var prune = RawMailPrune()
        // Never pruned, whatever their age: mail in the review queue (no unit yet, or a
        // submission the officer must look at), mail that did not parse cleanly (its raw
        // copy is the only complete one), and a unit's mail while its receipt is in review.
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT m.id, m.raw_path, m.sha256, m.size, m.unit_code, m.campaign_id, m.received_at FROM messages m
                WHERE m.raw_pruned_at IS NULL
                  AND m.received_at <= ?
                  AND m.unit_code IS NOT NULL
                  AND m.parse_error IS NULL
                  AND (m.status IS NULL OR m.status <> 'needs_review')
                  AND NOT EXISTS (SELECT 1 FROM receipts r
                                  WHERE r.campaign_id = m.campaign_id AND r.unit_code = m.unit_code AND r.status = 'needs_review')
                  \(writtenOutOnly ? "AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id AND a.stored_path IS NULL)" : "")
                ORDER BY m.id
                """, arguments: [now.addingTimeInterval(-retention.period)])
        while let row = try rows.next() {
            let receivedAt: Date = row["received_at"]
            let campaign: String? = row["campaign_id"]
            guard let keptUntil = retention.keptUntil(receivedAt: receivedAt, campaignID: campaign) else {
                prune.keptForUnknownCampaign[campaign ?? "", default: 0] += 1
                continue
            }
            guard keptUntil <= now else { continue }
            prune.items.append(
                .init(
                    messageRow: row["id"], rawPath: row["raw_path"], sha256: row["sha256"], size: row["size"],
                    unitCode: row["unit_code"], campaignID: campaign, receivedAt: receivedAt, keptUntil: keptUntil))
        }

        // Raw files are content-addressed, so two rows may share one; a file goes only when
        // every row that refers to it is being pruned.
        let pruning = Set(prune.items.map(\.messageRow))
        var paths: [String] = []
        var seen = Set<String>()
        for item in prune.items where seen.insert(item.rawPath).inserted {
            let holders = try Int64.fetchAll(
                db, sql: "SELECT id FROM messages WHERE raw_path = ? AND raw_pruned_at IS NULL",
                arguments: [item.rawPath])
            if holders.allSatisfy(pruning.contains) { paths.append(item.rawPath) }
        }
        prune.leftovers = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT p.raw_path FROM messages p
                WHERE p.raw_pruned_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM messages k WHERE k.raw_path = p.raw_path AND k.raw_pruned_at IS NULL)
                ORDER BY 1
                """
        ).filter { files.size(of: $0) != nil }
        for path in paths + prune.leftovers {
            guard let size = files.size(of: path) else { continue }  // already gone: nothing to delete
            prune.files.append(path)
            prune.bytes += size
        }
        return prune
    }
}
