import Foundation
import GRDB

extension DataStore {
    /// Sets (or replaces) the password hash of a dashboard login. Only the hash is ever
    /// stored; `thidua passwd` computes it.
    public func setDashboardPassword(user: String, hash: String, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO dashboard_users (name, password_hash, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at
                    """, arguments: [user, hash, now])
            try Self.appendEvent(
                db, at: now, actor: "officer", campaign: nil, unit: nil, message: nil,
                kind: "dashboard.password_set", detail: user)
        }
    }

    public func dashboardPasswordHash(user: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT password_hash FROM dashboard_users WHERE name = ?", arguments: [user])
        }
    }

    public func dashboardUsers() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM dashboard_users ORDER BY name") }
    }
}
