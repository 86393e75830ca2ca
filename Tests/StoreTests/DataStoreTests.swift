import Foundation
import GRDB
import MIME
import Testing

@testable import Intake
@testable import Store

/// The ledger on a real SQLite file in a temporary directory, removed afterwards.
@Suite struct DataStoreTests {
    static let roster: Roster = {
        do {
            return try Roster.parseCSV(
                """
                code,name,level,emails
                TH01,Tiểu học Nguyễn Trãi,TH,th.nguyentrai@hanoiedu.vn
                TH02,Tiểu học Thành Công A,TH,thanhconga@hanoiedu.vn
                MN03,Mầm non Hoa Sen,MN,mn.hoasen@hanoiedu.vn
                """)
        } catch {
            fatalError("test roster: \(error)")
        }
    }()

    static func date(_ text: String) -> Date {
        guard let date = ISO8601DateFormatter().date(from: text + ":00+07:00") else { fatalError("bad test date \(text)") }
        return date
    }

    static let campaign = Campaign(
        id: "khtdkt-2021", title: "Kế hoạch thi đua khen thưởng năm 2021",
        opens: date("2021-02-08T00:00"), deadline: date("2021-02-21T23:59"),
        keywords: ["kế hoạch"], reminders: [ReminderStage(dayOffset: -3)])

    /// `withTemporaryStore`, checking that the database file is there.
    private func withStore(_ body: (DataStore) throws -> Void) throws {
        try withTemporaryStore { store, directory in
            #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent(DataStore.databaseName).path))
            try body(store)
        }
    }

    private func incoming(
        uid: UInt32, uidValidity: UInt32 = 7, from: String? = "th.nguyentrai@hanoiedu.vn",
        messageID: String? = nil, sha256: String? = nil, receivedAt: String = "2021-02-18T09:00",
        unit: String? = "TH01", status: ReceiptStatus? = .received, problems: [String] = [],
        files: [String] = ["KH_TH_Nguyen_Trai.pdf"]
    ) -> IncomingMessage {
        IncomingMessage(
            mailbox: "INBOX", uidValidity: uidValidity, uid: uid, messageID: messageID ?? "<m\(uid)@test>",
            sha256: sha256 ?? String(repeating: String(uid % 10), count: 64), rawPath: "raw/\(uid).eml", size: 1000 + Int(uid),
            fromAddress: from, fromName: nil, subject: "Kế hoạch thi đua \(uid)", sentAt: nil,
            receivedAt: Self.date(receivedAt),
            unit: unit.map { UnitMatch(code: $0, confidence: 1, reason: "địa chỉ gửi") },
            campaignID: status == nil ? nil : Self.campaign.id,
            assessment: status.map { SubmissionAssessment(status: $0, problems: problems) },
            parseError: nil,
            attachments: files.enumerated().map { index, name in
                IncomingMessage.StoredAttachment(
                    filename: name, contentType: "application/pdf", size: 2048 + index,
                    sha256: "f\(index)\(uid)", kind: .scanPDF, storedPath: "files/\(uid)-\(index)")
            })
    }

    private func row(_ report: StatusReport, _ code: String) throws -> StatusReport.UnitRow {
        try #require(report.units.first { $0.code == code })
    }

    @Test func recordedSubmissionShowsInStatusReport() throws {
        try withStore { store in
            try store.record(incoming(uid: 1), at: Self.date("2021-02-18T09:01"))
            let report = try store.statusReport(campaign: Self.campaign, roster: Self.roster)
            let unit = try row(report, "TH01")
            #expect(unit.status == .received)
            #expect(unit.receivedAt == Self.date("2021-02-18T09:00"))
            #expect(unit.attachments.map(\.filename) == ["KH_TH_Nguyen_Trai.pdf"])
            #expect(unit.attachments.first?.kind == .scanPDF)
            #expect(unit.attachments.first?.size == 2048)
            #expect(try row(report, "TH02").status == .pending)
            #expect(try row(report, "TH02").attachments.isEmpty)
            #expect(report.summary.total == 3)
            #expect(report.summary.received == 1)
            #expect(report.summary.pending == 2)
            #expect(report.intake.messages == 1)
            #expect(report.intake.attachments == 1)
            #expect(report.intake.unmatched == 0)
            #expect(report.campaign.id == Self.campaign.id)
        }
    }

    @Test func sameMailboxCoordinatesCannotBeRecordedTwice() throws {
        try withStore { store in
            let first = incoming(uid: 3)
            try store.record(first, at: Self.date("2021-02-18T09:01"))
            #expect(throws: (any Error).self) {
                try store.record(
                    incoming(uid: 3, messageID: "<other@test>", sha256: String(repeating: "a", count: 64)),
                    at: Self.date("2021-02-18T09:02"))
            }
            // The failed transaction left nothing behind.
            let report = try store.statusReport(campaign: Self.campaign, roster: Self.roster)
            #expect(report.intake.messages == 1)
            #expect(report.intake.attachments == 1)

            #expect(try store.snapshotContains(messageID: first.messageID, sha256: first.sha256))
            #expect(try !store.snapshotContains(messageID: first.messageID, sha256: String(repeating: "b", count: 64)))
            #expect(try !store.snapshotContains(messageID: "<unknown@test>", sha256: first.sha256))
            #expect(try !store.snapshotContains(messageID: nil, sha256: first.sha256))

            // After a UIDVALIDITY change the same message gets new coordinates: the dedupe still sees it.
            let noID = incoming(uid: 4, uidValidity: 8, messageID: nil)
            var withoutID = noID
            withoutID.messageID = nil
            try store.record(withoutID, at: Self.date("2021-02-18T09:03"))
            #expect(try store.snapshotContains(messageID: nil, sha256: withoutID.sha256))
        }
    }

    @Test func lastUIDAdvancesAndNeverGoesBack() throws {
        try withStore { store in
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == nil)
            #expect(try !store.hasAnyState(mailbox: "INBOX"))
            try store.record(incoming(uid: 5), at: Self.date("2021-02-18T09:01"))
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 5)
            try store.record(incoming(uid: 9, unit: nil, status: nil), at: Self.date("2021-02-18T09:02"))
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 9)
            try store.advanceMailbox("INBOX", uidValidity: 7, to: 6, at: Self.date("2021-02-18T09:03"))
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 9)
            try store.advanceMailbox("INBOX", uidValidity: 7, to: 12, at: Self.date("2021-02-18T09:04"))
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 12)
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 8) == nil, "another UIDVALIDITY starts afresh")
            #expect(try store.hasAnyState(mailbox: "INBOX"))
        }
    }

    @Test func aReminderStageIsClaimedOnlyOnce() throws {
        try withStore { store in
            let now = Self.date("2021-02-18T08:00")
            func reminder(_ unit: String, _ stage: String, _ recipients: [String]) -> OutboxMail {
                OutboxMail(kind: .reminder, campaign: "khtdkt-2021", unit: unit, stage: stage, recipients: recipients)
            }
            let first = try #require(try store.claim(reminder("TH01", "-3d", ["a@x.vn", "b@x.vn"]), outgoingID: "<r1@thidua>", at: now))
            #expect(try store.claim(reminder("TH01", "-3d", ["a@x.vn"]), outgoingID: "<r2@thidua>", at: now) == nil)
            #expect(try store.claim(reminder("TH01", "-1d", ["a@x.vn"]), outgoingID: "<r3@thidua>", at: now) != nil)
            let second = try #require(try store.claim(reminder("TH02", "-3d", ["c@x.vn"]), outgoingID: "<r4@thidua>", at: now))
            #expect(try store.remindedUnits(campaign: "khtdkt-2021", stage: "-3d") == ["TH01", "TH02"])

            try store.finish(id: first, state: .sent, error: nil, at: now)
            try store.finish(id: second, state: .failed, error: StoredError(.refused, "550 no such user"), at: now)
            let records = try store.outbox(.reminder, campaign: "khtdkt-2021", stage: "-3d")
            #expect(records.map(\.state) == [.sent, .failed])
            #expect(records.first?.mail.recipients == ["a@x.vn", "b@x.vn"], "the first claim is kept")
            #expect(records.last?.error == StoredError(.refused, "550 no such user"))
            // Finishing does not free the stage for a second send.
            #expect(try store.claim(reminder("TH02", "-3d", ["c@x.vn"]), outgoingID: "<r5@thidua>", at: now) == nil)
            // A day's digest is claimed once too, though it has no campaign or unit.
            let digest = OutboxMail(kind: .digest, stage: "2021-02-18", recipients: ["canbo@x.vn"])
            #expect(try store.claim(digest, outgoingID: "<d1@thidua>", at: now) != nil)
            #expect(try store.claim(digest, outgoingID: "<d2@thidua>", at: now) == nil)
            // Every claim counts against the sending caps.
            #expect(try store.outgoingCount(since: now) == 4)
        }
    }

    @Test func eventLogIsAppendOnly() throws {
        try withStore { store in
            try store.record(incoming(uid: 1), at: Self.date("2021-02-18T09:01"))
            let count = try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 }
            #expect(count >= 2, "message.stored and receipt.received")
            #expect(throws: (any Error).self) {
                try store.database.write { try $0.execute(sql: "UPDATE events SET detail = 'rewritten'") }
            }
            #expect(throws: (any Error).self) {
                try store.database.write { try $0.execute(sql: "DELETE FROM events") }
            }
            let after = try store.database.read {
                try Int.fetchOne($0, sql: "SELECT count(*) FROM events WHERE detail = 'rewritten'") ?? -1
            }
            #expect(after == 0)
            #expect(try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM events") ?? 0 } == count)
        }
    }

    @Test func needsReviewAfterReceivedKeepsReceived() throws {
        try withStore { store in
            try store.record(incoming(uid: 1), at: Self.date("2021-02-18T09:01"))
            try store.record(
                incoming(
                    uid: 2, receivedAt: "2021-02-19T10:00", status: .needsReview,
                    problems: ["tệp Word/Excel không phải bản scan có dấu đỏ"], files: ["KH.docx"]),
                at: Self.date("2021-02-19T10:01"))
            let unit = try row(try store.statusReport(campaign: Self.campaign, roster: Self.roster), "TH01")
            #expect(unit.status == .received)
            #expect(unit.receivedAt == Self.date("2021-02-18T09:00"))
            #expect(unit.attachments.map(\.filename) == ["KH_TH_Nguyen_Trai.pdf"])
            let kept = try store.database.read {
                try Int.fetchOne($0, sql: "SELECT count(*) FROM events WHERE kind = 'receipt.kept' AND unit_code = 'TH01'") ?? 0
            }
            #expect(kept == 1)
            #expect(try store.receiptStatuses(campaign: Self.campaign.id) == ["TH01": .received])
        }
    }

    @Test func resubmittedScanReplacesNeedsReview() throws {
        try withStore { store in
            try store.record(
                incoming(uid: 1, status: .needsReview, problems: ["thư không có tệp đính kèm"], files: []),
                at: Self.date("2021-02-18T09:01"))
            var unit = try row(try store.statusReport(campaign: Self.campaign, roster: Self.roster), "TH01")
            #expect(unit.status == .needsReview)
            #expect(unit.note == "thư không có tệp đính kèm")
            try store.record(incoming(uid: 2, receivedAt: "2021-02-22T08:00", status: .late), at: Self.date("2021-02-22T08:01"))
            unit = try row(try store.statusReport(campaign: Self.campaign, roster: Self.roster), "TH01")
            #expect(unit.status == .late)
            #expect(unit.note == nil)
            #expect(unit.attachments.count == 1)
        }
    }

    @Test func officerMarksExcusedAndRejected() throws {
        try withStore { store in
            let now = Self.date("2021-02-19T15:00")
            try store.mark(
                unit: "MN03", campaign: Self.campaign.id, status: .excused, note: "trường đang sáp nhập", actor: "officer", at: now)
            try store.record(incoming(uid: 1), at: Self.date("2021-02-18T09:01"))
            try store.mark(unit: "TH01", campaign: Self.campaign.id, status: .rejected, note: "thiếu chữ ký", actor: "officer", at: now)
            let report = try store.statusReport(campaign: Self.campaign, roster: Self.roster)
            #expect(try row(report, "MN03").status == .excused)
            #expect(try row(report, "MN03").note == "trường đang sáp nhập")
            #expect(try row(report, "TH01").status == .rejected)
            #expect(try row(report, "TH01").note == "thiếu chữ ký")
            #expect(report.summary.excused == 1)
            #expect(report.summary.rejected == 1)
            #expect(report.summary.pending == 1)
            let statuses = try store.receiptStatuses(campaign: Self.campaign.id)
            #expect(statuses["TH01"]?.awaitsSubmission == true, "a rejected unit is reminded again")
            #expect(statuses["MN03"]?.awaitsSubmission == false)
        }
    }

    @Test func assigningAMessageLearnsTheSenderAsAlias() throws {
        try withStore { store in
            let rowID = try store.record(
                incoming(uid: 1, from: "hieupho.tc@gmail.com", unit: nil, status: nil),
                at: Self.date("2021-02-18T09:01"))
            var report = try store.statusReport(campaign: Self.campaign, roster: Self.roster)
            #expect(report.intake.unmatched == 1)
            #expect(try row(report, "TH02").status == .pending)
            #expect(try store.aliases().isEmpty)

            try store.assign(
                messageID: rowID, to: "TH02", campaign: Self.campaign.id, status: .received, actor: "officer",
                at: Self.date("2021-02-18T10:00"))
            #expect(try store.aliases() == ["hieupho.tc@gmail.com": "TH02"])
            report = try store.statusReport(campaign: Self.campaign, roster: Self.roster)
            #expect(report.intake.unmatched == 0)
            let unit = try row(report, "TH02")
            #expect(unit.status == .received)
            #expect(unit.receivedAt == Self.date("2021-02-18T09:00"))
            #expect(unit.attachments.map(\.filename) == ["KH_TH_Nguyen_Trai.pdf"])
            let summary = try #require(try store.message(id: rowID))
            #expect(summary.campaignID == Self.campaign.id)
            #expect(summary.status == .received)

            #expect(throws: StoreError.self) {
                try store.assign(
                    messageID: 999, to: "TH02", campaign: Self.campaign.id, status: .received, actor: "officer",
                    at: Self.date("2021-02-18T10:00"))
            }
        }
    }

    @Test func pollHealthIsReported() throws {
        try withStore { store in
            try store.notePoll(error: StoredError(.login, "login failed"), at: Self.date("2021-02-18T09:00"))
            var intake = try store.statusReport(campaign: Self.campaign, roster: Self.roster).intake
            #expect(intake.lastError == "login failed")
            #expect(try store.intakeHealth().lastErrorCode == .login)
            try store.notePoll(error: nil, at: Self.date("2021-02-18T09:01"))
            intake = try store.statusReport(campaign: Self.campaign, roster: Self.roster).intake
            #expect(intake.lastError == nil)
            #expect(intake.lastPoll == Self.date("2021-02-18T09:01"))
        }
    }

    @Test func reopeningTheDatabaseKeepsTheLedger() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-store-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let store = try DataStore(dataDirectory: directory)
            try store.record(incoming(uid: 1), at: Self.date("2021-02-18T09:01"))
        }
        let reopened = try DataStore(dataDirectory: directory)
        #expect(try reopened.lastUID(mailbox: "INBOX", uidValidity: 7) == 1)
        #expect(try row(try reopened.statusReport(campaign: Self.campaign, roster: Self.roster), "TH01").status == .received)
    }
}

/// Durable files under the data directory.
@Suite struct FileStoreTests {
    @Test func writeDurablyCreatesDirectoriesAndReplacesWhole() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-files-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = FileStore(root: root)
        #expect(!files.exists("raw/2021/a.eml"))
        try files.writeDurably(Array("first".utf8), to: "raw/2021/a.eml")
        try files.writeDurably(Array("second".utf8), to: "raw/2021/a.eml")
        #expect(files.exists("raw/2021/a.eml"))
        #expect(FileManager.default.contents(atPath: files.url("raw/2021/a.eml").path) == Data("second".utf8))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: files.url("raw/2021").path)
        #expect(leftovers == ["a.eml"], "no temporary file left behind")
    }

    @Test func readsStagedFilesIntoOneReusedBuffer() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-files-test-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = FileStore(root: root)
        let large = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let small = Array("Subject: a short one\r\n\r\nhello\r\n".utf8)
        let first = try files.stage(large, for: "raw/large.eml")
        let second = try files.stage(small, for: "raw/small.eml")
        defer { files.discard([first, second]) }
        var buffer: [UInt8] = []
        #expect(Array(try files.read(first, into: &buffer)) == large)
        let storage = buffer.withUnsafeBufferPointer { $0.baseAddress }
        // A smaller file after a larger one: exactly its bytes, in the same memory.
        let read = try files.read(second, into: &buffer)
        #expect(Array(read) == small)
        #expect(read.startIndex == 0)
        #expect(buffer.withUnsafeBufferPointer { $0.baseAddress } == storage)
        #expect(Array(try files.read(first, into: &buffer)) == large)
    }
}
