import Foundation
import GRDB
import MIME
import Testing

@testable import Intake
@testable import Store

/// Raw mail retention on a real store: what goes, what never goes, and that a prune cut
/// short or repeated leaves neither orphan files nor rows pointing at nothing.
struct RetentionTests {
    static let day: TimeInterval = 86_400
    static let deadline = Date(timeIntervalSince1970: 1_613_926_740)  // 2021-02-21 23:59 +07:00
    static let campaign = Campaign(
        id: "khtdkt-2021", title: "Kế hoạch thi đua khen thưởng năm 2021",
        opens: deadline.addingTimeInterval(-14 * day), deadline: deadline,
        keywords: ["kế hoạch"], reminders: [])
    static let retention = RawMailRetention(days: 400, campaigns: [campaign])
    /// A day after every on-time submission below may go.
    static let afterRetention = deadline.addingTimeInterval(401 * day)

    /// A fresh store in its own temporary directory, removed afterwards.
    private func withStore(_ body: (DataStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-retention-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(try DataStore(dataDirectory: directory))
    }

    /// Records message `uid` with its raw file and one attachment file written to disk.
    @discardableResult
    private func put(
        _ store: DataStore, uid: UInt32, receivedAt: Date = deadline.addingTimeInterval(-3 * day),
        unit: String? = "TH01", campaign: String? = campaign.id, status: ReceiptStatus? = .received,
        parseError: String? = nil, rawPath: String? = nil
    ) throws -> Int64 {
        let sha = String(repeating: String(format: "%x", uid % 16), count: 64)
        let path = rawPath ?? "raw/2021/02/\(sha).eml"
        let raw = Array("Message-ID: <m\(uid)@test>\r\n\r\nscan \(uid)\r\n".utf8)
        try store.files.writeDurably(raw, to: path)
        let attachment = "files/\(campaign ?? "_")/\(unit ?? "_")/\(uid)-1-ke-hoach.pdf"
        let scan = Array("%PDF-1.4 \(uid)".utf8)
        try store.files.writeDurably(scan, to: attachment)
        return try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 7, uid: uid, messageID: "<m\(uid)@test>", sha256: sha, rawPath: path, size: raw.count,
                fromAddress: "th01@schools.example", fromName: nil, subject: "Kế hoạch thi đua \(uid)", sentAt: nil, receivedAt: receivedAt,
                unit: unit.map { UnitMatch(code: $0, confidence: 1, reason: "địa chỉ gửi") }, campaignID: campaign,
                assessment: status.map { SubmissionAssessment(status: $0, problems: $0 == .needsReview ? ["không có tệp scan"] : []) },
                parseError: parseError,
                attachments: [
                    .init(
                        filename: "Kế hoạch.pdf", contentType: "application/pdf", size: scan.count, sha256: "f\(uid)", kind: .scanPDF,
                        storedPath: attachment)
                ]), at: receivedAt)
    }

    private func rawPath(_ store: DataStore, _ row: Int64) throws -> String {
        try #require(
            try store.database.read { db in try String.fetchOne(db, sql: "SELECT raw_path FROM messages WHERE id = ?", arguments: [row]) })
    }

    @Test func rawMailGoesOnlyOnceItsRetentionAfterTheDeadlineHasPassed() throws {
        try withStore { store in
            let row = try put(store, uid: 1)
            let path = try rawPath(store, row)

            // The day before the retention ends: nothing goes.
            #expect(try store.pruneRawMail(Self.retention, at: Self.deadline.addingTimeInterval(399 * Self.day), actor: "test").isEmpty)
            #expect(store.files.exists(path))

            let pruned = try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")
            #expect(pruned.items.map(\.messageRow) == [row])
            #expect(pruned.files == [path])
            #expect(pruned.bytes > 0)
            #expect(pruned.items.first?.keptUntil == Self.deadline.addingTimeInterval(400 * Self.day))
            #expect(!store.files.exists(path))
            #expect(!store.files.exists("raw/2021"), "the emptied month and year folders are removed")

            // The ledger still shows the message, with its hash, and says when its raw mail went.
            #expect(try store.snapshotContains(messageID: "<m1@test>", sha256: String(repeating: "1", count: 64)))
            #expect(try store.prunedRawMailCount() == 1)
            let event = try store.database.read { db in
                try Row.fetchOne(db, sql: "SELECT kind, message_id, unit_code, detail FROM events WHERE kind = 'message.raw_pruned'")
            }
            #expect(event?["message_id"] == row)
            #expect(event?["unit_code"] == "TH01")
            #expect((event?["detail"] as String?)?.contains(String(repeating: "1", count: 64)) == true)
            // The extracted file and the receipt are untouched.
            #expect(store.files.exists("files/khtdkt-2021/TH01/1-1-ke-hoach.pdf"))
            #expect(try store.receiptStatuses(campaign: Self.campaign.id) == ["TH01": .received])
            #expect(try store.rawMessage(id: row) == nil)
        }
    }

    @Test func aLateSubmissionIsKeptForTheRetentionAfterItsOwnArrival() throws {
        try withStore { store in
            let arrival = Self.deadline.addingTimeInterval(30 * Self.day)
            let row = try put(store, uid: 2, receivedAt: arrival, status: .late)
            #expect(try store.rawMailPrunePlan(Self.retention, at: Self.afterRetention).isEmpty)
            let plan = try store.rawMailPrunePlan(Self.retention, at: arrival.addingTimeInterval(400 * Self.day))
            #expect(plan.items.map(\.messageRow) == [row])
        }
    }

    @Test func mailUnderReviewUnparsedOrOfAnUnknownCampaignIsNeverPruned() throws {
        try withStore { store in
            let unattributed = try put(store, uid: 3, unit: nil, status: nil)
            let toReview = try put(store, uid: 4, unit: "TH02", status: .needsReview)
            let damaged = try put(store, uid: 5, unit: "TH03", parseError: "boundary never closed")
            let forgotten = try put(store, uid: 6, unit: "TH04", campaign: "khtdkt-2019")
            let question = try put(store, uid: 7, unit: "TH05", campaign: nil, status: nil)
            let longAfter = Self.afterRetention.addingTimeInterval(3650 * Self.day)
            let plan = try store.rawMailPrunePlan(Self.retention, at: longAfter)
            // Only the attributed mail outside any campaign goes (a year and more after it came).
            #expect(plan.items.map(\.messageRow) == [question])
            #expect(plan.keptForUnknownCampaign == ["khtdkt-2019": 1])
            try store.pruneRawMail(Self.retention, at: longAfter, actor: "test")
            for row in [unattributed, toReview, damaged, forgotten] {
                #expect(store.files.exists(try rawPath(store, row)), "message \(row) must keep its raw mail")
            }
            #expect(!store.files.exists(try rawPath(store, question)))
        }
    }

    @Test func aUnitsMailStaysWhileItsReceiptIsInReview() throws {
        try withStore { store in
            let earlier = try put(store, uid: 8, unit: "TH06", status: .received)
            try store.mark(
                unit: "TH06", campaign: Self.campaign.id, status: .needsReview, note: "thiếu chữ ký", actor: "officer",
                at: Self.deadline)
            #expect(try store.rawMailPrunePlan(Self.retention, at: Self.afterRetention).isEmpty)
            try store.mark(unit: "TH06", campaign: Self.campaign.id, status: .received, note: nil, actor: "officer", at: Self.deadline)
            #expect(try store.rawMailPrunePlan(Self.retention, at: Self.afterRetention).items.map(\.messageRow) == [earlier])
        }
    }

    @Test func aRawFileSharedWithAKeptMessageStays() throws {
        try withStore { store in
            let shared = "raw/2021/02/shared.eml"
            let old = try put(store, uid: 9, rawPath: shared)
            let kept = try put(store, uid: 10, unit: nil, status: nil, rawPath: shared)
            let pruned = try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")
            #expect(pruned.items.map(\.messageRow) == [old])
            #expect(pruned.files.isEmpty)
            #expect(store.files.exists(shared))
            #expect(try store.manifest().contains { $0.path == shared }, "the kept message still lists the file")

            // Once the other message is settled and past its retention too, the file goes.
            try store.database.write { db in
                try db.execute(
                    sql: "UPDATE messages SET unit_code = 'TH07', campaign_id = ?, status = 'received' WHERE id = ?",
                    arguments: [Self.campaign.id, kept])
            }
            let second = try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")
            #expect(second.items.map(\.messageRow) == [kept])
            #expect(second.files == [shared])
            #expect(!store.files.exists(shared))
        }
    }

    @Test func aDryRunChangesNothing() throws {
        try withStore { store in
            let row = try put(store, uid: 11)
            let plan = try store.rawMailPrunePlan(Self.retention, at: Self.afterRetention)
            #expect(plan.items.map(\.messageRow) == [row])
            #expect(plan.files.count == 1)
            #expect(store.files.exists(try rawPath(store, row)))
            #expect(try store.prunedRawMailCount() == 0)
            #expect(try store.rawMailPruneIsDue(at: Self.afterRetention, interval: Self.day))
            // The real prune deletes exactly what the dry run announced.
            #expect(try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test").files == plan.files)
        }
    }

    /// A prune killed between its commit and the deletion, or a pruned message fetched again
    /// (the mailbox renumbered) leaves a file no kept row refers to: the next prune deletes it.
    @Test func aFileLeftAfterItsRowWasPrunedIsDeletedByTheNextPrune() throws {
        try withStore { store in
            let row = try put(store, uid: 12)
            let path = try rawPath(store, row)
            try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")
            try store.files.writeDurably(Array("again".utf8), to: path)

            let plan = try store.rawMailPrunePlan(Self.retention, at: Self.afterRetention)
            #expect(plan.items.isEmpty)
            #expect(plan.leftovers == [path])
            #expect(plan.files == [path])
            let swept = try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")
            #expect(swept.leftovers == [path])
            #expect(!store.files.exists(path))
            #expect(try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test").isEmpty)
            // One event for the message, none for sweeping its file again.
            let events = try store.database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE kind = 'message.raw_pruned'")
            }
            #expect(events == 1)
        }
    }

    @Test func theBackupManifestListsNoPrunedFileAndRestoreMissesNone() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-retention-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try DataStore(dataDirectory: root.appendingPathComponent("data"))
        let gone = try put(store, uid: 13)
        let kept = try put(store, uid: 14, unit: nil, status: nil)
        let gonePath = try rawPath(store, gone)
        try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")

        let paths = try store.manifest().map(\.path)
        #expect(!paths.contains(gonePath))
        #expect(paths.contains(try rawPath(store, kept)))
        #expect(paths.contains("files/khtdkt-2021/TH01/13-1-ke-hoach.pdf"), "the pruned message's extracted file is still backed up")
        let backup = root.appendingPathComponent("ledger.sqlite").path
        #expect(try store.backup(to: backup) == 3)
        // Restored over the same data directory, nothing is reported missing.
        #expect(try store.restore(from: backup).isEmpty)
        #expect(try store.prunedRawMailCount() == 1)
    }

    @Test func theDailyPruneIsDueADayAfterTheLastOne() throws {
        try withStore { store in
            #expect(try store.rawMailPruneIsDue(at: Self.afterRetention, interval: Self.day))
            try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")
            #expect(try !store.rawMailPruneIsDue(at: Self.afterRetention.addingTimeInterval(3600), interval: Self.day))
            #expect(try store.rawMailPruneIsDue(at: Self.afterRetention.addingTimeInterval(Self.day), interval: Self.day))
        }
    }
}
