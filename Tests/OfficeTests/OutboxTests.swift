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
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-office-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try DataStore(dataDirectory: directory))
    }

    func reminders(_ store: DataStore, _ smtp: RecordingMailSender?, at now: Date) throws -> ReminderSender {
        ReminderSender(
            setup: TestOffice.setup, store: store, templates: try ReminderTemplates.load(directory: TestOffice.templates), smtp: smtp,
            clock: FixedClock(now), logger: TestOffice.logger)
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
            let states = try store.reminders(campaign: TestOffice.campaign.id).map { ($0.unit, $0.state) }
            #expect(states.first { $0.0 == "TH01" }?.1 == "failed")
            #expect(states.filter { $0.1 == "sent" }.count == 2)
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
            let sender = ReminderSender(
                setup: setup, store: store, templates: try ReminderTemplates.load(directory: TestOffice.templates), smtp: smtp,
                clock: FixedClock(due), logger: TestOffice.logger)
            #expect(try await sender.send(at: due) == 1)
            #expect(smtp.sent.count == 1)
        }
    }

    @Test func anAcknowledgementQueuedAtIngestIsSentOnce() async throws {
        try await withStore { store in
            let ack = Acknowledgement(
                recipient: "c1kimdong@bd.edu.vn", subject: "Re: Kế hoạch thi đua", text: "Phòng đã nhận hồ sơ.",
                inReplyTo: "<m1@bd.edu.vn>", references: ["<m1@bd.edu.vn>"])
            try store.record(
                IncomingMessage(
                    mailbox: "INBOX", uidValidity: 1, uid: 1, messageID: "<m1@bd.edu.vn>", sha256: String(repeating: "a", count: 64),
                    rawPath: "raw/1.eml", size: 10, fromAddress: "c1kimdong@bd.edu.vn", fromName: nil, subject: "Kế hoạch thi đua",
                    sentAt: nil, receivedAt: due, unit: UnitMatch(code: "TH01", confidence: 1, reason: "địa chỉ"),
                    campaignID: TestOffice.campaign.id, assessment: SubmissionAssessment(status: .received, problems: []),
                    parseError: nil, attachments: [], acknowledgement: ack), at: due)
            let smtp = RecordingMailSender()
            let queued = QueuedMailSender(
                smtp: smtp, from: TestOffice.setup.from, office: TestOffice.profile,
                quota: SendingQuota(store: store, limits: TestOffice.setup.sendLimits), clock: FixedClock(due))
            let sender = AcknowledgementSender(store: store, sender: queued, logger: TestOffice.logger)
            #expect(try await sender.sendDue() == 1)
            #expect(try await sender.sendDue() == 0)
            let sent = try #require(smtp.sent.first)
            #expect(sent.to == ["c1kimdong@bd.edu.vn"])
            #expect(sent.message.contains("In-Reply-To: <m1@bd.edu.vn>"))
            #expect(sent.message.contains("Auto-Submitted: auto-replied"))
        }
    }
}
