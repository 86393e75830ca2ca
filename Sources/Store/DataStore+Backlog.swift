import Foundation
import GRDB
import Intake

extension DataStore {
    /// Remembers, the first time thidua ever reads `mailbox`, its UIDNEXT: every message
    /// below it was already there — the backlog, recorded but never answered. UIDs make
    /// this exact, where arrival times (whole seconds) could not be. Called only when the
    /// mailbox has no state yet; a boundary already noted is kept.
    public func noteBacklogBoundary(mailbox: String, uidValidity: UInt32, uidNext: UInt32, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO intake_health (key, value, at) VALUES (?, ?, ?)",
                arguments: [MessageKey.backlogNote(mailbox: mailbox, uidValidity: uidValidity), String(uidNext), now])
        }
    }

    /// The day a folder's first read started from (`mailbox.since`), kept so that a first
    /// read cut short, or a folder renumbered later, still leaves the older mail alone.
    public func firstReadDay(mailbox: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM intake_health WHERE key = ?", arguments: ["firstread:\(mailbox)"])
        }
    }

    public func noteFirstReadDay(mailbox: String, day: String, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO intake_health (key, value, at) VALUES (?, ?, ?)",
                arguments: ["firstread:\(mailbox)", day, now])
        }
    }

    /// Whether the read from that day of the folder under `uidValidity` went to its end.
    public func isFirstReadComplete(mailbox: String, uidValidity: UInt32) throws -> Bool {
        try database.read { db in
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM intake_health WHERE key = ?", arguments: ["firstread-done:\(uidValidity):\(mailbox)"]) ?? false
        }
    }

    public func noteFirstReadComplete(mailbox: String, uidValidity: UInt32, at now: Date) throws {
        try database.write { db in
            try db.execute(
                sql: "INSERT OR IGNORE INTO intake_health (key, value, at) VALUES (?, '1', ?)",
                arguments: ["firstread-done:\(uidValidity):\(mailbox)", now])
        }
    }
}
