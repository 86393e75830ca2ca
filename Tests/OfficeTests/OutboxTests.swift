import Foundation
import MIME
import Store
import Testing

@testable import Intake
@testable import Office

/// The senders of the outbox over a real store and a recording SMTP fake: each mail at
/// most once, a refused recipient recorded as a failure, nothing while the office is closed.
struct OutboxTests {
    func withStore(_ body: (DataStore) async throws -> Void) async throws {
        // The database in memory; the files the intake writes, in a directory of their own.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-office-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try DataStore(inMemoryWithFilesIn: directory))
    }

    func outbox(_ store: DataStore, _ smtp: RecordingMailSender, at now: Date, setup: OfficeSetup = TestOffice.setup) -> OutboxSender {
        OutboxSender(
            store: store, smtp: smtp, from: setup.from, timeZone: setup.profile.timeZone, limits: setup.sendLimits,
            clock: FixedClock(now), logger: TestOffice.logger)
    }

    func reminders(_ store: DataStore, _ smtp: RecordingMailSender, at now: Date, setup: OfficeSetup = TestOffice.setup) throws
        -> ReminderSender
    {
        ReminderSender(
            setup: setup, store: store,
            templates: ReminderTemplates(texts: try MailTextSources.load(directory: TestOffice.templates, stored: [:]).texts),
            outbox: outbox(store, smtp, at: now, setup: setup), clock: FixedClock(now), logger: TestOffice.logger)
    }

    /// TH01's submission recorded at `now` as the intake records it, its acknowledgement queued.
    @discardableResult
    func recordSubmission(_ store: DataStore, at now: Date) throws -> Int64 {
        let ack = Acknowledgement(
            recipient: "c1kimdong@bd.edu.vn", subject: "Re: Kế hoạch thi đua", text: "Phòng đã nhận hồ sơ.",
            inReplyTo: "<m1@bd.edu.vn>", references: ["<m1@bd.edu.vn>"])
        return try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 1, uid: 1, messageID: "<m1@bd.edu.vn>", sha256: String(repeating: "a", count: 64),
                rawPath: "raw/1.eml", size: 10, fromAddress: "c1kimdong@bd.edu.vn", fromName: nil, subject: "Kế hoạch thi đua",
                sentAt: nil, receivedAt: now, unit: UnitMatch(code: "TH01", confidence: 1, reason: "địa chỉ"),
                campaignID: TestOffice.campaign.id, assessment: SubmissionAssessment(status: .received, problems: []),
                parseError: nil, attachments: [], acknowledgement: ack), at: now)
    }

    /// The -3d stage falls due on 18/02/2021 at 08:00, office time.
    let due = TestOffice.date("2021-02-18T09:00:00+07:00")

    @Test func aReminderStageGoesToEachUnitStillOwingOnce() async throws {
        try await withStore { store in
            try store.mark(unit: "TH02", campaign: TestOffice.campaign.id, status: .received, note: nil, actor: "test", at: due)
            let smtp = RecordingMailSender()
            let sender = try reminders(store, smtp, at: due)
            #expect(try await sender.send(at: due) == 2)
            #expect(Set(smtp.sent.flatMap(\.to)) == ["c1kimdong@bd.edu.vn", "c1nguyentrai@bd.edu.vn"])
            #expect(smtp.sent.allSatisfy { $0.from == "thidua@pgd.example" && $0.message.contains("Subject: ") })
            // Another cycle, a restart: the stage is not sent again.
            #expect(try await sender.send(at: due.addingTimeInterval(600)) == 0)
            #expect(smtp.sent.count == 2)
        }
    }

    @Test func aRefusedRecipientIsRecordedAsFailedAndNotRetried() async throws {
        try await withStore { store in
            let smtp = RecordingMailSender(refusing: ["c1kimdong@bd.edu.vn"])
            let sender = try reminders(store, smtp, at: due)
            #expect(try await sender.send(at: due) == 2)
            let records = try store.outbox(.reminder, campaign: TestOffice.campaign.id)
            let refused = try #require(records.first { $0.mail.unit == "TH01" })
            #expect(refused.state == .failed)
            #expect(refused.error?.code == .refused && refused.error?.message.contains("550") == true)
            #expect(records.filter { $0.state == .sent }.count == 2)
            #expect(try await sender.send(at: due.addingTimeInterval(600)) == 0)
        }
    }

    @Test func nothingGoesOutWhileTheOfficeIsClosed() async throws {
        try await withStore { store in
            let smtp = RecordingMailSender()
            let night = TestOffice.date("2021-02-18T22:00:00+07:00")
            let sender = try reminders(store, smtp, at: night)
            #expect(try await sender.send(at: night) == 0)
            #expect(smtp.sent.isEmpty)
        }
    }

    @Test func theSendingCapHoldsAcrossSenders() async throws {
        try await withStore { store in
            var setup = TestOffice.setup
            setup.sendLimits = SendLimits(perMinute: 1, perDay: 400)
            let smtp = RecordingMailSender()
            let sender = try reminders(store, smtp, at: due, setup: setup)
            #expect(try await sender.send(at: due) == 1)
            #expect(smtp.sent.count == 1)
        }
    }

    @Test func anAcknowledgementQueuedAtIngestIsSentOnce() async throws {
        try await withStore { store in
            try recordSubmission(store, at: due)
            let smtp = RecordingMailSender()
            let sender = outbox(store, smtp, at: due)
            #expect(try await sender.sendQueued() == 1)
            #expect(try await sender.sendQueued() == 0)
            let sent = try #require(smtp.sent.first)
            #expect(sent.to == ["c1kimdong@bd.edu.vn"])
            #expect(sent.message.contains("In-Reply-To: <m1@bd.edu.vn>"))
            #expect(sent.message.contains("Auto-Submitted: auto-replied"))
        }
    }

    /// The policy on when mail goes out: a receipt, and the officer's reply to a school, go
    /// at once, whenever the school wrote (a receipt is worth most at the moment of sending,
    /// and the officer is at work when she replies); a reminder waits for the office to open.
    @Test func receiptsAndRepliesGoOutOnASundayWhileRemindersWait() async throws {
        try await withStore { store in
            let sunday = TestOffice.date("2021-02-21T11:43:00+07:00")
            var setup = TestOffice.setup
            setup.calendar = OfficeCalendar(timeZone: setup.profile.timeZone)  // Monday to Saturday, 07:30–17:00
            #expect(!setup.calendar.isOpen(at: sunday))
            let row = try recordSubmission(store, at: sunday)
            _ = try OfficerDesk(setup: setup, store: store).reject(messageID: row, reason: "Thiếu dấu đỏ.", actor: "canbo", at: sunday)
            let smtp = RecordingMailSender()
            #expect(try await reminders(store, smtp, at: sunday, setup: setup).send(at: sunday) == 0, "no reminder on a Sunday")
            #expect(try await outbox(store, smtp, at: sunday, setup: setup).sendQueued() == 2, "the receipt and the rejection go at once")
            #expect(smtp.sent.map(\.to) == [["c1kimdong@bd.edu.vn"], ["c1kimdong@bd.edu.vn"]])
        }
    }

    /// Every kind counts against the same caps: queued replies wait while reminders have
    /// used the minute's allowance, and go out in the next window.
    @Test func queuedMailWaitsForTheCapsReminderUsed() async throws {
        try await withStore { store in
            var setup = TestOffice.setup
            setup.sendLimits = SendLimits(perMinute: 3, perDay: 400)
            let id = try record(store, uid: 1, from: "c1kimdong@bd.edu.vn")
            try store.reject(
                messageID: id, unit: "TH01", campaign: TestOffice.campaign.id, reason: "thiếu dấu đỏ",
                reply: ("c1kimdong@bd.edu.vn", "Re: Kế hoạch", "Lý do: thiếu dấu đỏ"), actor: "officer", at: due)
            let smtp = RecordingMailSender()
            #expect(try await reminders(store, smtp, at: due, setup: setup).send(at: due) == 3)
            #expect(try await outbox(store, smtp, at: due, setup: setup).sendQueued() == 0)
            #expect(try store.dueMail().count == 1)
            let later = due.addingTimeInterval(61)
            #expect(try await outbox(store, smtp, at: later, setup: setup).sendQueued() == 1)
            #expect(smtp.sent.last?.message.contains("Auto-Submitted: no") == true)
        }
    }

    /// A queued mail whose subject cannot be composed ends failed, with a code the officer's
    /// pages can word, and is not tried again at every cycle.
    @Test func mailThatCannotBeComposedEndsFailedOnce() async throws {
        try await withStore { store in
            let id = try record(store, uid: 1, from: "c1kimdong@bd.edu.vn")
            try store.reject(
                messageID: id, unit: "TH01", campaign: TestOffice.campaign.id, reason: "x",
                reply: ("c1kimdong@bd.edu.vn", "Re: Kế hoạch\r\nBcc: someone@else.example", "…"), actor: "officer", at: due)
            let smtp = RecordingMailSender()
            #expect(try await outbox(store, smtp, at: due).sendQueued() == 0)
            #expect(smtp.sent.isEmpty)
            let row = try #require(try store.outbox(.reply).first)
            #expect(row.state == .failed && row.error?.code == .compose)
            #expect(try store.dueMail().isEmpty)
        }
    }

    func record(_ store: DataStore, uid: UInt32, from: String) throws -> Int64 {
        try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 1, uid: uid, messageID: "<m\(uid)@bd.edu.vn>", sha256: String(repeating: "b", count: 64),
                rawPath: "raw/\(uid).eml", size: 10, fromAddress: from, fromName: nil, subject: "Kế hoạch", sentAt: nil, receivedAt: due,
                unit: UnitMatch(code: "TH01", confidence: 1, reason: "địa chỉ"), campaignID: TestOffice.campaign.id,
                assessment: SubmissionAssessment(status: .needsReview, problems: ["tệp Word"]), parseError: nil, attachments: []),
            at: due)
    }
}
