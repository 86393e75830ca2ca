import Foundation
import Intake
import Store

/// The in-progress notes of the messages being read (`DataStore.beginProcessing`): which
/// attempt at each message this is, so that one that keeps killing the process is kept
/// unparsed for the officer instead of taking the intake down at every poll.
struct ProcessingNotes {
    let store: DataStore
    let clock: any WallClock
    let folder: String
    let uidValidity: UInt32
    let uids: [UInt32]
    /// Attempts of the messages noted and not reached yet.
    private var attempts: [UInt32: Int] = [:]

    init(store: DataStore, clock: any WallClock, folder: String, uidValidity: UInt32, uids: [UInt32]) {
        self.store = store
        self.clock = clock
        self.folder = folder
        self.uidValidity = uidValidity
        self.uids = uids
    }

    func key(_ uid: UInt32) -> MessageKey { MessageKey(mailbox: folder, uidValidity: uidValidity, uid: uid) }

    /// The attempt at the message at `index`. When it is not noted yet, it and the messages
    /// after it, up to `room` in all, are noted in one write (stopping at one that died
    /// before, which then goes alone).
    mutating func attempt(at index: Int, room: Int) throws -> Int {
        let uid = uids[index]
        if attempts[uid] == nil {
            let keys = uids[index..<min(uids.count, index + room)]
            let noted = try store.beginProcessing(keys.map(key), at: clock.now())
            for (uid, attempt) in zip(keys, noted) { attempts[uid] = attempt }
        }
        return attempts.removeValue(forKey: uid) ?? 1
    }

    /// A retried message that parsed is no poison: a death in its commit must not count
    /// against it (`DataStore.settleProcessing`).
    func settle(_ uid: UInt32) throws { try store.settleProcessing(key(uid)) }
}
