import Foundation
import GRDB
import Intake

/// A unit as the office keeps it: removed units stay, so that what they sent is not lost.
public struct StoredUnit: Sendable, Equatable {
    public var unit: SchoolUnit
    /// When the unit left the roster; nil while it is on it.
    public var removedAt: Date?
}

extension DataStore {
    /// Every unit ever on the roster, in the roster's order, removed ones last.
    public func storedUnits() throws -> [StoredUnit] {
        try database.read { db in try Self.storedUnits(db) }
    }

    /// The unit with `code`, on the roster or removed from it.
    public func storedUnit(code: String) throws -> StoredUnit? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM office_units WHERE code = ?", arguments: [code.uppercased()]).map(Self.storedUnit)
        }
    }

    /// The roster in force, or nil before one was first imported (a new store).
    public func roster() throws -> Roster? {
        try database.read { db in
            guard try Self.setting(db, Self.rosterSourceKey) != nil else { return nil }
            let units = try Self.storedUnits(db).filter { $0.removedAt == nil }.map(\.unit)
            do {
                return try Roster(units: units)
            } catch {
                throw StoreError.corrupt("the stored roster is inconsistent (\(error)); import the roster again")
            }
        }
    }

    /// Where the roster in force was last imported from (a path, or "dashboard").
    public func rosterSource() throws -> String? {
        try database.read { db in try Self.setting(db, Self.rosterSourceKey) }
    }

    /// Makes `units` the roster, in their order: new units are added, changed ones updated,
    /// and units not in it marked removed (never deleted). Returns what changed; each
    /// change is logged against its unit, naming `actor`. `durable: false` for the units
    /// file at the first start, which a power cut that undoes it leaves to the next start.
    @discardableResult
    public func applyRoster(
        _ units: [SchoolUnit], source: String, actor: String, at now: Date, durable: Bool = true
    ) throws -> RosterChanges {
        try write(durable: durable) { db in
            let current = try Self.storedUnits(db).filter { $0.removedAt == nil }.map(\.unit)
            let changes = RosterChanges(from: current, to: units)
            for (position, unit) in units.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO office_units (code, name, level, emails, principal_name, principal_email, position, removed_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)
                        ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level, emails = excluded.emails,
                            principal_name = excluded.principal_name, principal_email = excluded.principal_email,
                            position = excluded.position, removed_at = NULL, updated_at = excluded.updated_at
                        """,
                    arguments: [
                        unit.code, unit.name, unit.level, unit.emails.joined(separator: " "), unit.principalName, unit.principalEmail,
                        position, now,
                    ])
            }
            for unit in changes.removed {
                try db.execute(
                    sql: "UPDATE office_units SET removed_at = ?, updated_at = ? WHERE code = ?", arguments: [now, now, unit.code])
            }
            try Self.logRosterChanges(db, changes, actor: actor, at: now)
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: nil, unit: nil, message: nil, kind: "roster.imported",
                detail: "\(source): \(changes.summary)")
            try Self.setSetting(db, Self.rosterSourceKey, source)
            try Self.bumpRevision(db)
            return changes
        }
    }

    /// Replaces the addresses `unit` sends from (the officer's edit on its page). Throws
    /// `Roster.Invalid` for an address that is not one or belongs to another unit.
    public func setUnitAddresses(unit code: String, emails: [String], actor: String, at now: Date) throws {
        try database.write { db in
            let current = try Self.storedUnits(db).filter { $0.removedAt == nil }.map(\.unit)
            guard let unit = current.first(where: { $0.code == code }) else {
                throw StoreError.notFound("no unit has the code \(code)")
            }
            var changed = unit
            changed.emails = emails.map { $0.lowercased() }
            let units = current.map { $0.code == code ? changed : $0 }
            // Refused as a roster would be (`Roster.Invalid`): an address of another unit, or
            // not an address at all.
            _ = try Roster(units: units)
            try db.execute(
                sql: "UPDATE office_units SET emails = ?, updated_at = ? WHERE code = ?",
                arguments: [changed.emails.joined(separator: " "), now, code])
            try Self.logRosterChanges(db, RosterChanges(from: [unit], to: [changed]), actor: actor, at: now)
            try Self.bumpRevision(db)
        }
    }

    private static func logRosterChanges(_ db: Database, _ changes: RosterChanges, actor: String, at now: Date) throws {
        func log(_ unit: String, _ kind: String, _ detail: String) throws {
            try appendEvent(db, at: now, actor: actor, campaign: nil, unit: unit, message: nil, kind: kind, detail: detail)
        }
        for unit in changes.added { try log(unit.code, "unit.added", unit.name) }
        for unit in changes.removed { try log(unit.code, "unit.removed", unit.name) }
        for rename in changes.renamed { try log(rename.code, "unit.renamed", "\(rename.from) → \(rename.to)") }
        for change in changes.levelChanged { try log(change.code, "unit.level_changed", "\(change.from) → \(change.to)") }
        for address in changes.addressesAdded { try log(address.code, "unit.address_added", address.address) }
        for address in changes.addressesRemoved { try log(address.code, "unit.address_removed", address.address) }
    }

    static func storedUnits(_ db: Database) throws -> [StoredUnit] {
        try Row.fetchAll(db, sql: "SELECT * FROM office_units ORDER BY removed_at IS NOT NULL, position, code").map(storedUnit)
    }

    private static func storedUnit(_ row: Row) -> StoredUnit {
        let emails: String = row["emails"]
        return StoredUnit(
            unit: SchoolUnit(
                code: row["code"], name: row["name"], level: row["level"], emails: emails.split(separator: " ").map(String.init),
                principalName: row["principal_name"], principalEmail: row["principal_email"]),
            removedAt: row["removed_at"])
    }
}
