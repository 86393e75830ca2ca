import Foundation
import GRDB

/// A mail text the officer edited: it replaces the built-in default of the same name.
public struct StoredMailText: Sendable, Equatable {
    public var name: String
    public var body: String
    public var updatedAt: Date
    public var updatedBy: String
}

extension DataStore {
    public func mailTexts() throws -> [String: StoredMailText] {
        try database.read { db in
            var texts: [String: StoredMailText] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM mail_texts") {
                let text = StoredMailText(name: row["name"], body: row["body"], updatedAt: row["updated_at"], updatedBy: row["updated_by"])
                texts[text.name] = text
            }
            return texts
        }
    }

    /// Saves the officer's text for `name`; nil `body` goes back to the default. Audited.
    public func setMailText(name: String, body: String?, actor: String, at now: Date) throws {
        try database.write { db in
            if let body {
                try db.execute(
                    sql: """
                        INSERT INTO mail_texts (name, body, updated_at, updated_by) VALUES (?, ?, ?, ?)
                        ON CONFLICT (name) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at,
                            updated_by = excluded.updated_by
                        """, arguments: [name, body, now, actor])
            } else {
                try db.execute(sql: "DELETE FROM mail_texts WHERE name = ?", arguments: [name])
            }
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: nil, unit: nil, message: nil,
                kind: body == nil ? "mail_text.reset" : "mail_text.edited", detail: name)
            try Self.bumpRevision(db)
        }
    }
}
