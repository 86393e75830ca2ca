import Foundation
import Logging
import MIME
import Store
import Testing

@testable import Intake
@testable import Office

/// A campaign's call for submissions, from the officer's plan to the bytes on the wire:
/// only the units it asks, each once, with the office's document attached, in the office's
/// wording, and only while the office is open.
struct CampaignAnnouncementTests {
    let now = TestOffice.date("2021-02-15T10:00:00+07:00")

    /// Primary schools (one without an address yet) and a kindergarten the report does not ask.
    static let roster = try! Roster.parseCSV(
        """
        code,name,level,emails
        TH01,Trường Tiểu học Kim Đồng,TH,c1kimdong@bd.edu.vn
        TH02,Trường Tiểu học Thành Công,TH,c1thanhcong@bd.edu.vn;hieutruong.thanhcong@bd.edu.vn
        MN01,Trường Mầm non Hoa Sen,MN,mnhoasen@bd.edu.vn
        TH03,Trường Tiểu học Nguyễn Trãi,TH,c1nguyentrai@bd.edu.vn
        TH04,Trường Tiểu học Thăng Long,TH,
        """)

    /// Only primary schools owe this report; no reminder stage, so that a cycle sends
    /// nothing but what this suite queues.
    static let campaign = Campaign(
        id: "bao-cao-so-ket-hk1", title: "Báo cáo sơ kết học kỳ I", opens: TestOffice.date("2021-02-15T00:00:00+07:00"),
        deadline: TestOffice.date("2021-03-05T17:00:00+07:00"), keywords: ["sơ kết"], reminders: [], audience: .levels(["TH"]))

    static let document = CampaignAnnouncement.Attachment(
        filename: "Hướng dẫn số 12-HD-PGDĐT.pdf", bytes: Array("%PDF-1.4\n% Hướng dẫn sơ kết học kỳ I\n%%EOF\n".utf8) + [0x00, 0xFF, 0x80])

    static let setup: OfficeSetup = {
        var setup = TestOffice.setup
        setup.roster = roster
        setup.campaigns = [campaign]
        return setup
    }()

    func withStore(_ body: (DataStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-announce-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try DataStore(inMemoryWithFilesIn: directory))
    }

    func outbox(_ store: DataStore, _ smtp: RecordingMailSender, at now: Date, limits: SendLimits = TestOffice.setup.sendLimits)
        -> OutboxSender
    {
        OutboxSender(
            store: store, smtp: smtp, from: Self.setup.from, timeZone: TestOffice.zone, limits: limits, clock: FixedClock(now),
            logger: TestOffice.logger)
    }

    @discardableResult
    func announce(_ store: DataStore, setup: OfficeSetup = Self.setup, attachment: CampaignAnnouncement.Attachment? = Self.document)
        throws -> Int
    {
        let plan = try CampaignAnnouncement.plan(campaign: Self.campaign, setup: setup, store: store, attachmentName: attachment?.filename)
        return try CampaignAnnouncement.queue(plan, attachment: attachment, setup: setup, store: store, actor: "officer:canbo", at: now)
    }

    /// A school's submission recorded by the intake, its acknowledgement queued.
    func recordSubmission(_ store: DataStore) throws {
        let ack = Acknowledgement(
            recipient: "c1kimdong@bd.edu.vn", subject: "Re: Kế hoạch thi đua", text: "Phòng đã nhận hồ sơ.",
            inReplyTo: "<m1@bd.edu.vn>", references: ["<m1@bd.edu.vn>"])
        try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 1, uid: 1, messageID: "<m1@bd.edu.vn>", sha256: String(repeating: "a", count: 64),
                rawPath: "raw/1.eml", size: 10, fromAddress: "c1kimdong@bd.edu.vn", fromName: nil, subject: "Kế hoạch thi đua",
                sentAt: nil, receivedAt: now, unit: UnitMatch(code: "TH01", confidence: 1, reason: "địa chỉ"),
                campaignID: TestOffice.campaign.id, assessment: SubmissionAssessment(status: .received, problems: []),
                parseError: nil, attachments: [], acknowledgement: ack), at: now)
    }

    // MARK: - Plan and queue

    @Test func thePlanListsOnlyTheUnitsAskedThatCanBeReached() async throws {
        try await withStore { store in
            let plan = try CampaignAnnouncement.plan(
                campaign: Self.campaign, setup: Self.setup, store: store, attachmentName: Self.document.filename)
            #expect(plan.recipients.map(\.unit.code) == ["TH01", "TH02", "TH03"], "MN01 is not asked")
            #expect(plan.recipients[1].addresses == ["c1thanhcong@bd.edu.vn", "hieutruong.thanhcong@bd.edu.vn"])
            #expect(plan.withoutAddress.map(\.code) == ["TH04"])
            #expect(plan.alreadyAnnounced.isEmpty)
            let sample = try #require(plan.sample)
            #expect(sample.subject == "[Thông báo] Báo cáo sơ kết học kỳ I — hạn nộp 05/03/2021")
            #expect(sample.text.hasPrefix("Kính gửi: Trường Tiểu học Kim Đồng,"))
            #expect(sample.text.contains("(Hướng dẫn số 12-HD-PGDĐT.pdf)"))
        }
    }

    @Test func queueingTwiceQueuesEachUnitOnce() async throws {
        try await withStore { store in
            let plan = try CampaignAnnouncement.plan(
                campaign: Self.campaign, setup: Self.setup, store: store, attachmentName: Self.document.filename)
            // A double click: the same plan queued twice.
            #expect(
                try CampaignAnnouncement.queue(
                    plan, attachment: Self.document, setup: Self.setup, store: store, actor: "officer:canbo", at: now) == 3)
            #expect(
                try CampaignAnnouncement.queue(
                    plan, attachment: Self.document, setup: Self.setup, store: store, actor: "officer:canbo", at: now) == 0)
            let rows = try store.outbox(.announcement, campaign: Self.campaign.id)
            #expect(rows.compactMap(\.mail.unit).sorted() == ["TH01", "TH02", "TH03"])
            #expect(rows.allSatisfy { $0.state == .due && $0.mail.stage == "announcement" })

            // The next plan knows who had it; a school that joins later gets it alone.
            let again = try CampaignAnnouncement.plan(campaign: Self.campaign, setup: Self.setup, store: store, attachmentName: nil)
            #expect(again.recipients.isEmpty && again.sample == nil)
            #expect(again.alreadyAnnounced.map(\.code) == ["TH01", "TH02", "TH03"])
            var grown = Self.setup
            grown.roster = try Roster(
                units: Self.roster.units + [
                    SchoolUnit(code: "TH05", name: "Trường Tiểu học Ngọc Hà", level: "TH", emails: ["c1ngocha@bd.edu.vn"])
                ])
            #expect(try announce(store, setup: grown) == 1)
            #expect(try store.announcedUnits(campaign: Self.campaign.id) == ["TH01", "TH02", "TH03", "TH05"])
            #expect(try store.auditTrail(kinds: ["campaign.announced"]).map(\.detail) == ["1 units", "0 units", "3 units"])
        }
    }

    @Test func theQueuedMailCarriesTheDocument() async throws {
        try await withStore { store in
            try announce(store)
            let rows = try store.outbox(.announcement, campaign: Self.campaign.id)
            #expect(rows.count == 3)
            for row in rows {
                let attachment = try #require(row.mail.attachment)
                #expect(attachment.name == Self.document.filename)
                #expect(try store.files.read(attachment.path) == Self.document.bytes)
            }
            // One copy of the file, whatever the number of schools.
            #expect(Set(rows.compactMap(\.mail.attachment?.path)).count == 1)
            let th02 = try #require(rows.first { $0.mail.unit == "TH02" })
            #expect(th02.mail.recipients == ["c1thanhcong@bd.edu.vn", "hieutruong.thanhcong@bd.edu.vn"])
            #expect(th02.mail.body.contains("Kính gửi: Trường Tiểu học Thành Công,"))
        }
    }

    // MARK: - Sending

    @Test func announcementsWaitWhileAcknowledgementsGo() async throws {
        try await withStore { store in
            try recordSubmission(store)
            try announce(store)
            let smtp = RecordingMailSender()
            #expect(try await outbox(store, smtp, at: now).sendQueued(announcements: false) == 1)
            #expect(smtp.sent.map(\.to) == [["c1kimdong@bd.edu.vn"]])
            #expect(smtp.sent.first?.message.contains("Auto-Submitted: auto-replied") == true)
            #expect(try store.outbox(.announcement).allSatisfy { $0.state == .due })

            #expect(try await outbox(store, smtp, at: now).sendQueued(announcements: true) == 3)
            #expect(try store.outbox(.announcement).allSatisfy { $0.state == .sent && $0.outgoingID != nil })
            #expect(try await outbox(store, smtp, at: now).sendQueued(announcements: true) == 0, "sent once")
            #expect(smtp.sent.count == 4)
        }
    }

    /// Announcements queued first still let a school's receipt go ahead of them: under a cap
    /// of one mail a minute, the receipt is the one sent.
    @Test func aReceiptQueuedAfterTheAnnouncementsGoesFirst() async throws {
        try await withStore { store in
            try announce(store)
            try recordSubmission(store)
            let smtp = RecordingMailSender()
            let capped = outbox(store, smtp, at: now, limits: SendLimits(perMinute: 1, perDay: 100))
            #expect(try await capped.sendQueued(announcements: true) == 1)
            #expect(smtp.sent.map(\.to) == [["c1kimdong@bd.edu.vn"]], "the receipt, not an announcement")
            #expect(try store.outbox(.announcement).allSatisfy { $0.state == .due }, "they wait for the next minute")
        }
    }

    @Test func theSentMailIsMultipartWithTheDocumentAsTheSchoolWillOpenIt() async throws {
        try await withStore { store in
            try announce(store)
            let smtp = RecordingMailSender()
            #expect(try await outbox(store, smtp, at: now).sendQueued() == 3)
            let sent = try #require(smtp.sent.first { $0.to == ["c1thanhcong@bd.edu.vn", "hieutruong.thanhcong@bd.edu.vn"] })
            #expect(sent.from == "thidua@pgd.example")
            #expect(sent.message.contains("Content-Type: multipart/mixed; boundary="))
            #expect(sent.message.contains("Content-Type: application/pdf; name="))
            // RFC 2231: the UTF-8 name percent-encoded, every byte of it.
            let encoded = "H%C6%B0%E1%BB%9Bng%20d%E1%BA%ABn%20s%E1%BB%91%2012-HD-PGD%C4%90T.pdf"
            #expect(sent.message.contains("Content-Disposition: attachment; filename*=UTF-8''\(encoded)"))
            #expect(sent.message.contains("Auto-Submitted: no"), "the officer's own call, which a school may answer")

            let parsed = MailMessage.parse(Array(sent.message.utf8))
            #expect(parsed.defects.isEmpty, "\(parsed.defects)")
            #expect(parsed.subject == "[Thông báo] Báo cáo sơ kết học kỳ I — hạn nộp 05/03/2021")
            #expect(parsed.bodyText.contains("Kính gửi: Trường Tiểu học Thành Công,"))
            let attachment = try #require(parsed.attachments.first)
            #expect(parsed.attachments.count == 1)
            #expect(attachment.filename == Self.document.filename)
            #expect(attachment.data == Self.document.bytes, "the base64 part decodes to the office's file")
        }
    }

    @Test func theOfficesOwnWordingIsUsed() async throws {
        try await withStore { store in
            var setup = Self.setup
            setup.texts = try MailTexts(replacements: [
                .announcementSubject: "{{unit_code}} — đề nghị gửi {{campaign_title}}",
                .announcementBody: "Thân gửi {{unit_name}}.\n{{#has_attachment}}Tệp kèm: {{attachment_name}}.{{/has_attachment}}\n",
            ])
            try announce(store, setup: setup)
            let smtp = RecordingMailSender()
            #expect(try await outbox(store, smtp, at: now).sendQueued() == 3)
            let parsed = smtp.sent.map { MailMessage.parse(Array($0.message.utf8)) }
            #expect(
                parsed.map(\.subject).sorted() == [
                    "TH01 — đề nghị gửi Báo cáo sơ kết học kỳ I", "TH02 — đề nghị gửi Báo cáo sơ kết học kỳ I",
                    "TH03 — đề nghị gửi Báo cáo sơ kết học kỳ I",
                ])
            let kimDong = try #require(parsed.first { $0.subject.hasPrefix("TH01") })
            #expect(kimDong.bodyText.contains("Thân gửi Trường Tiểu học Kim Đồng."))
            #expect(kimDong.bodyText.contains("Tệp kèm: Hướng dẫn số 12-HD-PGDĐT.pdf."))
            #expect(!kimDong.bodyText.contains("Kính gửi"), "the built-in wording is not used")
        }
    }

    /// The file under the data directory was lost (a disk restored without it): each row
    /// ends failed with a reason, nothing goes out without the document, nothing crashes.
    @Test func aDocumentGoneBeforeSendingEndsItsRowsFailed() async throws {
        try await withStore { store in
            try recordSubmission(store)
            try announce(store)
            let path = try #require(try store.outbox(.announcement).first?.mail.attachment?.path)
            try FileManager.default.removeItem(at: store.files.url(path))
            let smtp = RecordingMailSender()
            #expect(try await outbox(store, smtp, at: now).sendQueued() == 1, "the acknowledgement still goes")
            #expect(smtp.sent.map(\.to) == [["c1kimdong@bd.edu.vn"]])
            let rows = try store.outbox(.announcement)
            #expect(rows.count == 3)
            for row in rows {
                #expect(row.state == .failed)
                #expect(row.error?.code == .compose && row.error?.message.contains(path) == true)
            }
            #expect(try store.dueMail().isEmpty, "not tried again at every cycle")
        }
    }

    /// A school answers the call from a teacher's own address, in words no keyword knows:
    /// the thread alone says which unit and which campaign it is.
    @Test func aReplyInTheAnnouncementsThreadIsTheUnitsSubmission() async throws {
        try await withStore { store in
            try announce(store)
            #expect(try await outbox(store, RecordingMailSender(), at: now).sendQueued() == 3)
            let call = try #require(try store.outbox(.announcement).first { $0.mail.unit == "TH02" }?.outgoingID)
            let reply = Array(
                """
                From: =?UTF-8?B?\(Data("Cô Lan".utf8).base64EncodedString())?= <co.lan.tc@gmail.com>\r
                To: thidua@pgd.example\r
                Subject: Re: Thong bao\r
                Message-ID: <reply-th02@gmail.com>\r
                In-Reply-To: \(call)\r
                References: \(call)\r
                Date: Tue, 16 Feb 2021 08:05:00 +0700\r
                MIME-Version: 1.0\r
                Content-Type: multipart/mixed; boundary="b"\r
                \r
                --b\r
                Content-Type: text/plain; charset=utf-8\r
                \r
                Em gửi ạ.\r
                --b\r
                Content-Type: image/jpeg; name="IMG_2041.jpg"\r
                Content-Transfer-Encoding: base64\r
                \r
                /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2Q==\r
                --b--\r

                """.utf8)
            let arrival = TestOffice.date("2021-02-16T08:06:00+07:00")
            let rules = IntakeRules(office: TestOffice.profile, roster: Self.roster, campaigns: [Self.campaign])
            let ingester = MessageIngester(store: store, rules: rules, acknowledgements: nil, clock: FixedClock(arrival))
            let poller = MailboxPoller(
                imap: ScriptedMailbox(messages: [(reply, arrival)]), folders: ["INBOX"], afterProcessing: .none, ingester: ingester,
                logger: TestOffice.logger)
            #expect(try await poller.poll().recorded == 1)
            #expect(try store.receiptStatuses(campaign: Self.campaign.id)["TH02"] == .received)
            let message = try #require(try store.messages(unit: "TH02").first)
            #expect(message.campaignID == Self.campaign.id)
            #expect(message.matchReason?.contains("trả lời thư thông báo") == true)
        }
    }

    // MARK: - The daemon's cycle

    /// Sunday noon the office is closed: the school's receipt goes at once, the call waits
    /// for Monday morning.
    @Test func theDaemonSendsAnnouncementsOnlyWhileTheOfficeIsOpen() async throws {
        try await withStore { store in
            var setup = Self.setup
            setup.calendar = OfficeCalendar(timeZone: TestOffice.zone)  // Monday to Saturday, 07:30–17:00
            try recordSubmission(store)
            try announce(store, setup: setup)
            let smtp = RecordingMailSender()

            let sunday = TestOffice.date("2021-02-21T11:43:00+07:00")
            try await daemon(store, smtp, setup: setup, at: sunday).cycle()
            #expect(smtp.sent.map(\.to) == [["c1kimdong@bd.edu.vn"]])
            #expect(try store.outbox(.announcement).allSatisfy { $0.state == .due })

            let monday = TestOffice.date("2021-02-22T07:45:00+07:00")
            try await daemon(store, smtp, setup: setup, at: monday).cycle()
            #expect(smtp.sent.count == 4)
            #expect(try store.outbox(.announcement).allSatisfy { $0.state == .sent })
        }
    }

    func daemon(_ store: DataStore, _ smtp: RecordingMailSender, setup: OfficeSetup, at now: Date) -> Daemon {
        let rules = IntakeRules(office: setup.profile, roster: setup.roster, campaigns: setup.campaigns)
        let ingester = MessageIngester(store: store, rules: rules, acknowledgements: nil, clock: FixedClock(now))
        let poller = MailboxPoller(
            imap: ScriptedMailbox(messages: []), folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger)
        let outbox = outbox(store, smtp, at: now)
        let reminders = ReminderSender(
            setup: setup, store: store, templates: ReminderTemplates(texts: setup.texts), outbox: outbox, clock: FixedClock(now),
            logger: TestOffice.logger)
        return Daemon(
            setup: setup, store: store, poller: poller, pollInterval: .seconds(60), reminders: reminders, outbox: outbox, digest: nil,
            pruner: nil, clock: FixedClock(now), logger: TestOffice.logger)
    }
}
