import Foundation
import Testing

@testable import Intake
@testable import Store

/// The snapshot a batch is decided against: what is stored, read in one go, and what was
/// decided before and not committed yet, counted once either way.
struct IntakeSnapshotTests {
    static let now = Date(timeIntervalSince1970: 1_613_000_000)

    static func message(uid: UInt32, id: String?, sha: String, unit: String? = "TH01", acknowledgedTo: String? = nil) -> IncomingMessage {
        IncomingMessage(
            mailbox: "INBOX", uidValidity: 7, uid: uid, messageID: id, sha256: sha, rawPath: "raw/2021/02/\(sha).eml", size: 10,
            fromAddress: "th01@schools.example", fromName: nil, subject: "Kế hoạch", sentAt: nil, receivedAt: now,
            unit: unit.map { UnitMatch(code: $0, confidence: 1, reason: "địa chỉ gửi") }, campaignID: nil, assessment: nil,
            parseError: nil, attachments: [],
            acknowledgement: acknowledgedTo.map {
                Acknowledgement(recipient: $0, subject: "Đã nhận", text: "", inReplyTo: id, references: [])
            })
    }

    @Test func storedAndAddedMessagesAnswerAlike() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(dataDirectory: directory)
        try store.noteBacklogBoundary(mailbox: "INBOX", uidValidity: 7, uidNext: 3, at: Self.now)
        let stored = Self.message(uid: 1, id: "<a@x>", sha: "aa", acknowledgedTo: "th01@schools.example")
        try store.record(stored, at: Self.now)
        try store.record(Self.message(uid: 2, id: nil, sha: "bb", unit: nil), at: Self.now)

        var query = IntakeSnapshot.Query()
        query.contents = [("<a@x>", "aa"), ("<a@x>", "other"), (nil, "bb"), (nil, "aa")]
        query.threadIDs = ["<a@x>", "<unknown@x>"]
        query.senders = ["th01@schools.example", "nobody@x"]
        var snapshot = try store.intakeSnapshot(
            query, mailbox: "INBOX", uidValidity: 7, acknowledgedSince: Self.now.addingTimeInterval(-60))
        #expect(snapshot.contains(messageID: "<a@x>", sha256: "aa"))
        #expect(!snapshot.contains(messageID: "<a@x>", sha256: "other"), "same Message-ID, other content: not a duplicate")
        #expect(snapshot.contains(messageID: nil, sha256: "bb"))
        #expect(!snapshot.contains(messageID: nil, sha256: "aa"), "a message without Message-ID matches only another without")
        #expect(snapshot.threadUnits(of: ["<a@x>", "<unknown@x>"]) == ["<a@x>": "TH01"])
        #expect(snapshot.acknowledgementCount(to: "th01@schools.example") == 1)
        #expect(snapshot.acknowledgementCount(to: "nobody@x") == 0)
        #expect(snapshot.isBacklog(uid: 2) && !snapshot.isBacklog(uid: 3))

        // The committed message added again (it was in flight while the snapshot was read)
        // counts once; a new one in the batch counts as if stored.
        snapshot.add(stored)
        #expect(snapshot.acknowledgementCount(to: "th01@schools.example") == 1)
        snapshot.add(Self.message(uid: 5, id: "<c@x>", sha: "cc", unit: "TH02", acknowledgedTo: "th01@schools.example"))
        #expect(snapshot.acknowledgementCount(to: "th01@schools.example") == 2)
        #expect(snapshot.contains(messageID: "<c@x>", sha256: "cc"))
        #expect(snapshot.threadUnits(of: ["<c@x>"]) == ["<c@x>": "TH02"])

        // Acknowledgements before the window do not count.
        let later = try store.intakeSnapshot(query, mailbox: "INBOX", uidValidity: 7, acknowledgedSince: Self.now.addingTimeInterval(60))
        #expect(later.acknowledgementCount(to: "th01@schools.example") == 0)
        // Another mailbox has no backlog boundary noted.
        #expect(!(try store.intakeSnapshot(query, mailbox: "Archive", uidValidity: 7, acknowledgedSince: Self.now)).isBacklog(uid: 1))
    }
}
