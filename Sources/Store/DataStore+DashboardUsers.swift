import Foundation
import GRDB

/// What a dashboard login may do.
public enum DashboardRole: String, Sendable, CaseIterable, Codable {
    /// Cán bộ: records, decides, edits campaigns, the roster and the mail texts.
    case officer
    /// Lãnh đạo: reads, exports and downloads; changes nothing.
    case leader
}

/// A dashboard login as listed to the officer (never its hash).
public struct DashboardAccount: Sendable, Equatable {
    public var name: String
    public var role: DashboardRole
    public var updatedAt: Date
}

extension DataStore {
    /// Sets (or replaces) the password hash of a dashboard login, and its role when given
    /// (a new login without one is an officer's). Only the hash is ever stored; `thidua
    /// passwd` and the accounts page compute it. `actor`: who did it, for the audit log.
    public func setDashboardPassword(user: String, hash: String, role: DashboardRole? = nil, actor: String = "operator", at now: Date)
        throws
    {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO dashboard_users (name, password_hash, updated_at, role) VALUES (?, ?, ?, ?)
                    ON CONFLICT (name) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at,
                        role = coalesce(?, role)
                    """, arguments: [user, hash, now, (role ?? .officer).rawValue, role?.rawValue])
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: nil, unit: nil, message: nil,
                kind: "dashboard.password_set", detail: role.map { "\(user) (\($0.rawValue))" } ?? user)
        }
    }

    /// Changes the role of an existing login.
    public func setDashboardRole(user: String, role: DashboardRole, actor: String, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "UPDATE dashboard_users SET role = ?, updated_at = ? WHERE name = ?", arguments: [role.rawValue, now, user])
            guard db.changesCount == 1 else { throw StoreError.notFound("no dashboard login is named \(user)") }
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: nil, unit: nil, message: nil, kind: "dashboard.role_set",
                detail: "\(user) (\(role.rawValue))")
        }
    }

    /// Removes a login. The last officer cannot be removed: nobody could then manage the rest.
    public func removeDashboardUser(_ user: String, actor: String, at now: Date) throws {
        try database.write { db in
            let officers = try String.fetchAll(db, sql: "SELECT name FROM dashboard_users WHERE role = 'officer'")
            if officers == [user] { throw StoreError.conflict("\(user) is the last officer login; make another officer first") }
            try db.execute(sql: "DELETE FROM dashboard_users WHERE name = ?", arguments: [user])
            guard db.changesCount == 1 else { throw StoreError.notFound("no dashboard login is named \(user)") }
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: nil, unit: nil, message: nil, kind: "dashboard.user_removed", detail: user)
        }
    }

    /// The role and password hash `user` has now, or nil when there is no such login: an
    /// open session compares them with what it opened with, so a change made by another
    /// process (`thidua passwd`) reaches it at its next request.
    public func dashboardLogin(user: String) throws -> (role: DashboardRole, passwordHash: String)? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT role, password_hash FROM dashboard_users WHERE name = ?", arguments: [user]).map {
                (DashboardRole(rawValue: $0[0]) ?? .leader, $0[1])
            }
        }
    }

    public func dashboardUsers() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM dashboard_users ORDER BY name") }
    }

    public func dashboardAccounts() throws -> [DashboardAccount] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT name, role, updated_at FROM dashboard_users ORDER BY name").map {
                DashboardAccount(name: $0["name"], role: DashboardRole(rawValue: $0["role"]) ?? .leader, updatedAt: $0["updated_at"])
            }
        }
    }
}
