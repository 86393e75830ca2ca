import Foundation
import GRDB

/// A line of the event log, as a unit's page shows its history.
public struct EventRecord: Sendable, Equatable {
    public var at: Date
    /// "daemon", or "officer:NAME (ADDRESS)" for what the officer did, and from where.
    public var actor: String
    public var kind: String
    public var detail: String?
    public var messageRow: Int64?

    public init(at: Date, actor: String, kind: String, detail: String?, messageRow: Int64?) {
        self.at = at
        self.actor = actor
        self.kind = kind
        self.detail = detail
        self.messageRow = messageRow
    }
}

extension DataStore {
    /// Writes a line to the event log that belongs to no message or unit (an officer's login).
    public func logOfficerEvent(actor: String, kind: String, detail: String?, at now: Date) throws {
        try database.write { db in
            try Self.appendEvent(db, at: now, actor: actor, campaign: nil, unit: nil, message: nil, kind: kind, detail: detail)
        }
    }

    /// What happened to `unit`, newest first: its messages recorded, its receipt's changes,
    /// the officer's decisions and the mail it was sent.
    public func unitHistory(unit: String, limit: Int = 100) throws -> [EventRecord] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT at, actor, kind, detail, message_id FROM events WHERE unit_code = ? ORDER BY at DESC, id DESC LIMIT ?",
                arguments: [unit, limit]
            ).map {
                EventRecord(at: $0["at"], actor: $0["actor"], kind: $0["kind"], detail: $0["detail"], messageRow: $0["message_id"])
            }
        }
    }
}

extension DataStore {
    /// The office's audit trail, newest first: events whose kind starts with one of
    /// `kinds` ("campaign.", "roster.", …), of `campaign` when given.
    public func auditTrail(kinds: [String], campaign: String? = nil, limit: Int = 100) throws -> [EventRecord] {
        guard !kinds.isEmpty else { return [] }
        return try database.read { db in
            var conditions = ["(" + kinds.map { _ in "instr(kind, ?) = 1" }.joined(separator: " OR ") + ")"]
            var arguments: [(any DatabaseValueConvertible)?] = kinds
            if let campaign {
                conditions.append("campaign_id = ?")
                arguments.append(campaign)
            }
            arguments.append(limit)
            return try Row.fetchAll(
                db,
                sql: "SELECT at, actor, kind, detail, message_id FROM events WHERE \(conditions.joined(separator: " AND ")) "
                    + "ORDER BY at DESC, id DESC LIMIT ?",
                arguments: StatementArguments(arguments)
            ).map {
                EventRecord(at: $0["at"], actor: $0["actor"], kind: $0["kind"], detail: $0["detail"], messageRow: $0["message_id"])
            }
        }
    }
}
