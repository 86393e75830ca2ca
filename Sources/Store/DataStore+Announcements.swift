import Foundation
import GRDB

extension DataStore {
    /// Queues `mails` (a campaign's announcement, one per unit) in one transaction, and
    /// returns how many were queued: a unit announced to before (whatever became of that
    /// mail) is skipped, so each unit gets the call once, however often it is asked for.
    public func queueAnnouncements(_ mails: [OutboxMail], actor: String, at now: Date) throws -> Int {
        try database.write { db in
            var queued = 0
            for mail in mails {
                precondition(mail.kind == .announcement && mail.campaign != nil && mail.unit != nil)
                let known =
                    try Bool.fetchOne(
                        db, sql: "SELECT 1 FROM outbox WHERE kind = 'announcement' AND campaign_id = ? AND unit_code = ?",
                        arguments: [mail.campaign, mail.unit]) ?? false
                if known { continue }
                try Self.queue(db, mail, at: now)
                queued += 1
            }
            if let campaign = mails.first?.campaign {
                try Self.appendEvent(
                    db, at: now, actor: actor, campaign: campaign, unit: nil, message: nil, kind: "campaign.announced",
                    detail: "\(queued) units")
            }
            return queued
        }
    }

    /// The units of `campaign` that were sent (or are queued) its announcement.
    public func announcedUnits(campaign: String) throws -> Set<String> {
        try database.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT unit_code FROM outbox WHERE kind = 'announcement' AND campaign_id = ? AND unit_code IS NOT NULL",
                    arguments: [campaign]))
        }
    }

    /// The campaigns of announcements among `messageIDs` (their outgoing Message-IDs): a
    /// reply in such a thread belongs to that campaign whatever its wording.
    static func announcementCampaigns(_ db: Database, messageIDs: [String]) throws -> [String: String] {
        guard !messageIDs.isEmpty else { return [:] }
        var campaigns: [String: String] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT outgoing_id, campaign_id FROM outbox
                WHERE kind = 'announcement' AND outgoing_id IN (\(databaseQuestionMarks(count: messageIDs.count)))
                """, arguments: StatementArguments(messageIDs))
        {
            if let id = row["outgoing_id"] as String?, let campaign = row["campaign_id"] as String? { campaigns[id] = campaign }
        }
        return campaigns
    }
}
