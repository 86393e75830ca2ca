import Foundation
import Intake
import Store
import Testing

/// A message whose processing died before its commit must not be retried forever.
struct ProcessingMarkerTests {
    let now = Date(timeIntervalSince1970: 1_613_600_000)

    func key(_ uid: UInt32) -> MessageKey { MessageKey(mailbox: "INBOX", uidValidity: 7, uid: uid) }

    @Test func aMessageSeenInProgressTwiceIsReportedAndTheCommitClearsTheMark() throws {
        try withTemporaryStore { store, _ in
            #expect(try store.beginProcessing(key(42), at: now) == 1)
            // The process died here, twice; each next attempt at the same message learns of it.
            #expect(try store.beginProcessing(key(42), at: now) == 2)
            #expect(try store.beginProcessing(key(42), at: now) == 3)

            let record = IncomingMessage(
                mailbox: "INBOX", uidValidity: 7, uid: 42, messageID: nil, sha256: String(repeating: "a", count: 64),
                rawPath: "raw/x.eml", size: 1, fromAddress: nil, fromName: nil, subject: "", sentAt: nil, receivedAt: now,
                unit: nil, campaignID: nil, assessment: nil, parseError: "kept for review", attachments: [])
            try store.record(record, at: now)
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 42)

            // After the commit a later message starts clean, and so would this one.
            #expect(try store.beginProcessing(key(43), at: now) == 1)
            try store.advanceMailbox("INBOX", uidValidity: 7, to: 43, at: now)
            #expect(try store.beginProcessing(key(43), at: now) == 1)
            // A failure reported as an error (not a death) forgets the attempt too.
            #expect(try store.beginProcessing(key(44), at: now) == 1)
            try store.endProcessing()
            #expect(try store.beginProcessing(key(44), at: now) == 1)
        }
    }

    /// Deaths after a retried message was parsed (in its commit) are not its fault: they
    /// leave it at its first retry, while deaths during its parse add up.
    @Test func aSettledMessageIsNotChargedForDeathsAfterItsParse() throws {
        try withTemporaryStore { store, _ in
            #expect(try store.beginProcessing(key(42), at: now) == 1)
            for _ in 0..<5 {
                // Retried, parsed, then killed in its commit: again and again, still the first retry.
                #expect(try store.beginProcessing(key(42), at: now) == 2)
                try store.settleProcessing(key(42))
            }
            // Killed during its parse from then on: those deaths count.
            #expect(try store.beginProcessing(key(42), at: now) == 2)
            #expect(try store.beginProcessing(key(42), at: now) == 3)
        }
    }

    /// A batch is noted in one write; a message that was in flight when a process died stops
    /// the note, so the messages after it are not charged if it kills the process again.
    @Test func aBatchIsNotedUpToTheFirstMessageThatDiedBefore() throws {
        try withTemporaryStore { store, _ in
            let batch = (1...5).map(key)

            #expect(try store.beginProcessing(batch, at: now) == [1, 1, 1, 1, 1])
            // The process died with all five in flight. The next start notes the first alone.
            #expect(try store.beginProcessing(batch, at: now) == [2])
            // The rest, still marked, would go alone one by one; a failure reported as an error
            // (not a death) forgets every attempt, and the rest is noted whole again.
            try store.advanceMailbox("INBOX", uidValidity: 7, to: 1, at: now)
            #expect(try store.beginProcessing(Array(batch[1...]), at: now) == [2])
            try store.endProcessing()
            #expect(try store.beginProcessing(Array(batch[1...]), at: now) == [1, 1, 1, 1])
            // A message that died before, met after fresh ones, ends the note before itself.
            try store.endProcessing()
            _ = try store.beginProcessing([key(4)], at: now)
            #expect(try store.beginProcessing(Array(batch[1...]), at: now) == [1, 1])
            #expect(try store.beginProcessing([key(4), key(5)], at: now) == [2])
        }
    }
}
