import Foundation
import Intake
import Store
import Testing

/// A message whose processing died before its commit must not be retried forever.
struct ProcessingMarkerTests {
    @Test func aMessageSeenInProgressTwiceIsReportedAndTheCommitClearsTheMark() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-marker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(dataDirectory: directory)
        let now = Date(timeIntervalSince1970: 1_613_600_000)

        #expect(try store.beginProcessing("INBOX|7|42", at: now) == 1)
        // The process died here, twice; each next attempt at the same message learns of it.
        #expect(try store.beginProcessing("INBOX|7|42", at: now) == 2)
        #expect(try store.beginProcessing("INBOX|7|42", at: now) == 3)

        let record = IncomingMessage(
            mailbox: "INBOX", uidValidity: 7, uid: 42, messageID: nil, sha256: String(repeating: "a", count: 64),
            rawPath: "raw/x.eml", size: 1, fromAddress: nil, fromName: nil, subject: "", sentAt: nil, receivedAt: now,
            unit: nil, campaignID: nil, assessment: nil, parseError: "kept for review", attachments: [])
        try store.record(record, at: now)
        #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 42)

        // After the commit a later message starts clean, and so would this one.
        #expect(try store.beginProcessing("INBOX|7|43", at: now) == 1)
        try store.advanceMailbox("INBOX", uidValidity: 7, to: 43, at: now)
        #expect(try store.beginProcessing("INBOX|7|43", at: now) == 1)
        // A failure reported as an error (not a death) forgets the attempt too.
        #expect(try store.beginProcessing("INBOX|7|44", at: now) == 1)
        try store.endProcessing()
        #expect(try store.beginProcessing("INBOX|7|44", at: now) == 1)
    }
}
