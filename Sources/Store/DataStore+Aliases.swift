import Foundation
import GRDB

/// An address thidua learned belongs to a unit (the officer confirmed a sender).
public struct LearnedAddress: Sendable, Equatable {
    public var address: String
    public var unit: String
    public var createdAt: Date
    public var createdBy: String
}

extension DataStore {
    /// The addresses learned for `unit`, oldest first.
    public func learnedAddresses(unit: String) throws -> [LearnedAddress] {
        try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM aliases WHERE unit_code = ? ORDER BY created_at, address", arguments: [unit]
            ).map {
                LearnedAddress(address: $0["address"], unit: $0["unit_code"], createdAt: $0["created_at"], createdBy: $0["created_by"])
            }
        }
    }

    /// Forgets a learned address: mail from it goes to review again. What it sent stays
    /// attributed. The intake reads the aliases at each poll, so this takes effect at the
    /// next one.
    public func removeLearnedAddress(_ address: String, unit: String, actor: String, at now: Date) throws {
        try database.write { db in
            try db.execute(sql: "DELETE FROM aliases WHERE address = ? AND unit_code = ?", arguments: [address, unit])
            guard db.changesCount == 1 else { throw StoreError.notFound("\(address) is not a learned address of \(unit)") }
            try Self.appendEvent(
                db, at: now, actor: actor, campaign: nil, unit: unit, message: nil, kind: "unit.learned_address_removed",
                detail: address)
        }
    }
}
