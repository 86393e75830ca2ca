import Foundation
import GRDB
import Intake

/// A campaign as the office keeps it: its definition and where it came from.
public struct StoredCampaign: Sendable, Equatable {
    public var campaign: Campaign
    /// "config" for one imported from the YAML at a start, "dashboard" or "cli" for one
    /// the officer or an operator made.
    public var origin: String
    public var createdAt: Date
    public var updatedAt: Date
}

extension DataStore {
    /// Every campaign, by opening date then id.
    public func campaigns() throws -> [StoredCampaign] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM office_campaigns").map { row in
                StoredCampaign(
                    campaign: try Self.decodeCampaign(row["definition"]), origin: row["origin"], createdAt: row["created_at"],
                    updatedAt: row["updated_at"])
            }.sorted { ($0.campaign.opens, $0.campaign.id) < ($1.campaign.opens, $1.campaign.id) }
        }
    }

    /// Campaign `id` as stored: what an edit starts from (the setup's copy may be adjusted
    /// to the configuration, e.g. no seal required while the check is off).
    public func campaign(id: String) throws -> Campaign? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT definition FROM office_campaigns WHERE id = ?", arguments: [id]).map(Self.decodeCampaign)
        }
    }

    /// Adds the YAML's campaigns that the store does not hold yet, and returns their ids. A
    /// campaign imported once is the office's from then on: the YAML is not read for it
    /// again (and is never rewritten), so an edit in the dashboard is not undone at the
    /// next start.
    /// `durable: false` at a start: the import is not flushed by itself, and a power cut
    /// that undoes it undoes nothing after it, so the next start imports again.
    public func importCampaigns(_ campaigns: [Campaign], at now: Date, durable: Bool = true) throws -> [String] {
        try write(durable: durable) { db in
            var imported: [String] = []
            for campaign in campaigns {
                let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM office_campaigns WHERE id = ?", arguments: [campaign.id]) ?? false
                if known { continue }
                try Self.upsert(db, campaign, origin: "config", at: now)
                try Self.appendEvent(
                    db, at: now, actor: "config", campaign: campaign.id, unit: nil, message: nil, kind: "campaign.imported",
                    detail: campaign.title)
                imported.append(campaign.id)
            }
            if !imported.isEmpty { try Self.bumpRevision(db) }
            return imported
        }
    }

    /// Saves `campaign` (new or changed) and logs `kind` ("campaign.created",
    /// "campaign.edited", "campaign.closed", …) with `detail`, said by `actor`, in one
    /// transaction. `expectedNew`: refuse when the id is already taken.
    public func saveCampaign(
        _ campaign: Campaign, origin: String, actor: String, kind: String, detail: String?, expectedNew: Bool, at now: Date
    ) throws {
        try database.write { db in
            let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM office_campaigns WHERE id = ?", arguments: [campaign.id]) ?? false
            if expectedNew && known { throw StoreError.conflict("a campaign with the id '\(campaign.id)' already exists") }
            if !expectedNew && !known { throw StoreError.conflict("no campaign has the id '\(campaign.id)'") }
            try Self.upsert(db, campaign, origin: origin, at: now)
            try Self.appendEvent(db, at: now, actor: actor, campaign: campaign.id, unit: nil, message: nil, kind: kind, detail: detail)
            try Self.bumpRevision(db)
        }
    }

    /// Reminder stages of `campaign` already sent (or being sent) to some unit: a changed
    /// deadline re-plans the others, never these.
    public func sentReminderStages(campaign: String) throws -> Set<String> {
        try database.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT DISTINCT stage FROM outbox WHERE kind = 'reminder' AND campaign_id = ? AND stage IS NOT NULL",
                    arguments: [campaign]))
        }
    }

    private static func upsert(_ db: Database, _ campaign: Campaign, origin: String, at now: Date) throws {
        let data = try JSONEncoder.sorted.encode(campaign)
        try db.execute(
            sql: """
                INSERT INTO office_campaigns (id, definition, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET definition = excluded.definition, updated_at = excluded.updated_at
                """, arguments: [campaign.id, String(decoding: data, as: UTF8.self), origin, now, now])
    }

    static func decodeCampaign(_ text: String) throws -> Campaign {
        do {
            return try JSONDecoder().decode(Campaign.self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("a stored campaign cannot be read (\(error)); restore a backup")
        }
    }
}

extension JSONEncoder {
    /// Stable output: the same campaign is the same text.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
