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
}
