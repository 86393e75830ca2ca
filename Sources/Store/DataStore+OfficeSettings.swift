import Foundation
import GRDB

extension DataStore {
    static let rosterSourceKey = "roster.source"
    static let revisionKey = "revision"

    /// A number that grows with every change to the campaigns, the roster or the mail
    /// texts: the running daemon compares it to rebuild what it reads them into, whichever
    /// process (the dashboard, the CLI) made the change.
    public func officeRevision() throws -> Int {
        try database.read { db in try Self.setting(db, Self.revisionKey).flatMap { Int($0) } ?? 0 }
    }

    static func bumpRevision(_ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO office_settings (key, value) VALUES (?, '1')
                ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
                """, arguments: [revisionKey])
    }

    static func setting(_ db: Database, _ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM office_settings WHERE key = ?", arguments: [key])
    }

    static func setSetting(_ db: Database, _ key: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT INTO office_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }
}
