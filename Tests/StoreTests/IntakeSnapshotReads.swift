import Foundation
import Store

/// One question at a time to the intake's snapshot, as a test asks it.
extension DataStore {
    func snapshotContains(messageID: String?, sha256: String) throws -> Bool {
        var query = IntakeSnapshot.Query()
        query.contents = [(messageID, sha256)]
        return try intakeSnapshot(query, mailbox: "INBOX", uidValidity: 1, acknowledgedSince: .distantPast)
            .contains(messageID: messageID, sha256: sha256)
    }

    func snapshotAcknowledgements(to address: String, since: Date) throws -> Int {
        var query = IntakeSnapshot.Query()
        query.senders = [address]
        return try intakeSnapshot(query, mailbox: "INBOX", uidValidity: 1, acknowledgedSince: since).acknowledgementCount(to: address)
    }
}
