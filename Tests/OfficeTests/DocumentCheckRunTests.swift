import DocumentCheck
import Foundation
import Intake
import MIME
import Store
import Synchronization
import Testing

@testable import Office

/// A checker that reads the verdict a test wrote into the file, and counts its calls.
final class ScriptedChecker: DocumentChecking {
    private let calls = Mutex(0)
    var count: Int { calls.withLock { $0 } }

    func check(_ bytes: [UInt8], kind: FileKind) async -> CheckOutcome {
        calls.withLock { $0 += 1 }
        let text = String(decoding: bytes, as: UTF8.self)
        let verdict = CheckVerdict.allCases.first { text.contains("VERDICT=\($0.rawValue);") } ?? .unreadable
        let seal = verdict == .seal ? SealFinding(page: 1, box: [0.5, 0.7, 0.2, 0.14], score: 0.9) : nil
        // What OCR read, written as ISSUER=…; TYPE=…; DATE=…;
        func field(_ name: String) -> String? {
            guard let start = text.range(of: "\(name)=") else { return nil }
            return String(text[start.upperBound...].prefix { $0 != ";" })
        }
        let document =
            field("ISSUER") == nil && field("TYPE") == nil
            ? nil : DocumentFacts(issuer: field("ISSUER"), date: field("DATE"), type: field("TYPE"), confidence: 0.9)
        return CheckOutcome(
            result: DocumentCheckResult(
                verdict: verdict, pages: 1, dpi: 200, seal: seal, flags: text.contains("BLURRED") ? [.blurred] : [],
                document: document),
            thumbnail: [0xFF, 0xD8, 0xFF, 0xD9])
    }
}

/// Issue 20, point 3: the check feeds the ledger beside intake, and the school hears once,
/// with the outcome; the officer overrules; a restart redoes nothing that finished.
struct DocumentCheckRunTests {
    let arrival = TestOffice.date("2021-02-18T09:15:00+07:00")

    /// A school's mail with one "photo": JPEG magic, then the verdict the scripted checker reads.
    static func mail(from: String, id: String, verdict: CheckVerdict, extra: String = "") -> [UInt8] {
        let photo = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array("VERDICT=\(verdict.rawValue);\(extra)\(id)".utf8)).base64EncodedString()
        return Array(
            """
            From: \(from)\r
            To: thidua@pgd.example\r
            Subject: Kế hoạch thi đua 2021\r
            Message-ID: <\(id)>\r
            Date: Thu, 18 Feb 2021 09:12:00 +0700\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Trường gửi kế hoạch thi đua.\r
            --b\r
            Content-Type: image/jpeg; name="ke-hoach.jpg"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(photo)\r
            --b--\r

            """.utf8)
    }

    func run(_ store: DataStore, _ checker: ScriptedChecker) -> DocumentCheckRun {
        DocumentCheckRun(
            store: store, checker: checker, campaigns: [TestOffice.campaign], roster: TestOffice.roster,
            acknowledgements: AcknowledgementPolicy(office: TestOffice.profile), clock: FixedClock(arrival), logger: TestOffice.logger)
    }

    @Test func verdictsReachTheLedgerAndTheHeldAcknowledgements() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        let mailbox = ScriptedMailbox(messages: [
            (Self.mail(from: "c1kimdong@bd.edu.vn", id: "a@bd", verdict: .seal, extra: "BLURRED"), arrival),
            (Self.mail(from: "c1thanhcong@bd.edu.vn", id: "b@bd", verdict: .grayscale), arrival),
            (Self.mail(from: "c1nguyentrai@bd.edu.vn", id: "c@bd", verdict: .uncertain), arrival),
        ])
        try store.noteBacklogBoundary(mailbox: "INBOX", uidValidity: mailbox.uidValidity, uidNext: 1, at: arrival)
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [TestOffice.campaign])
        let ingester = MessageIngester(
            store: store, rules: rules, acknowledgements: AcknowledgementPolicy(office: TestOffice.profile), clock: FixedClock(arrival))
        let poller = MailboxPoller(imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger)
        #expect(try await poller.poll().recorded == 3)

        // Recorded first: counted as received, and the schools not told anything yet.
        #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id).values.allSatisfy { $0 == .received })
        #expect(try store.dueMail().isEmpty, "the acknowledgements wait for the check")
        #expect(try store.outbox(.acknowledgement).allSatisfy { $0.state == .held })

        let checker = ScriptedChecker()
        try await run(store, checker).runUntilDone()
        #expect(checker.count == 3)
        let statuses = try store.receiptStatuses(campaign: TestOffice.campaign.id)
        #expect(statuses == ["TH01": .received, "TH02": .needsReview, "TH03": .needsReview])

        let acks = Dictionary(uniqueKeysWithValues: try store.dueMail().map { ($0.mail.recipients[0], $0.mail.body) })
        #expect(acks.count == 3, "each held acknowledgement is released once")
        let sealed = try #require(acks["c1kimdong@bd.edu.vn"])
        #expect(sealed.contains("không cần gửi lại") && sealed.contains("ảnh bị mờ"), "a seal never hides another problem")
        #expect(try #require(acks["c1thanhcong@bd.edu.vn"]).contains("bản scan đen trắng, đề nghị scan màu để thấy dấu đỏ"))
        let doubtful = try #require(acks["c1nguyentrai@bd.edu.vn"])
        #expect(doubtful.contains("đang được cán bộ kiểm tra") && !doubtful.contains("không cần gửi lại"))
        #expect(try store.reviewQueue().count == 2)

        // The thumbnail is kept under the data directory, named by the file's content.
        let attachment = try #require(try store.messages(unit: "TH02").first?.attachments.first)
        let check = try #require(try store.checks(sha256s: [attachment.sha256])[attachment.sha256])
        #expect(check.result.verdict == .grayscale)
        #expect(try store.files.read(try #require(check.thumbnailPath)) == [0xFF, 0xD8, 0xFF, 0xD9])

        // The officer looks and overrules: the unit is received again, and the log says who.
        try OfficerDesk(setup: TestOffice.setup, store: store).overrule(
            sha256: attachment.sha256, verdict: .seal, actor: "officer:canbo (192.0.2.10)", at: arrival)
        try await run(store, checker).runOnce()
        #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id)["TH02"] == .received)
        #expect(try store.checks(sha256s: [attachment.sha256])[attachment.sha256]?.verdict == .seal)
        let history = try store.unitHistory(unit: "TH02")
        #expect(history.contains { $0.kind == "check.overruled" && $0.actor.hasPrefix("officer:canbo") })
        #expect(try store.dueMail().count == 3, "no second acknowledgement")

        // A restart checks nothing again: every finished check is kept.
        #expect(try store.pendingChecks(limit: 10).isEmpty)
        #expect(try await run(store, checker).runOnce() == 0)
        #expect(checker.count == 3)
    }

    /// Issue 21, point 3: a plan from a teacher's personal address, naming no school in its
    /// mail, is attributed by its scan's header; the address is offered, not learned.
    @Test func aScanFromAPersonalAddressIsAttributedByItsHeader() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        let mailbox = ScriptedMailbox(messages: [
            (Self.mail(from: "lan.nguyen.gv@gmail.com", id: "p@gmail", verdict: .seal, extra: "ISSUER=TRƯỜNG TIỂU HỌC KIM ĐỒNG;"), arrival),
            (Self.mail(from: "ha.tran.gv@gmail.com", id: "q@gmail", verdict: .seal, extra: "ISSUER=TRƯỜNG THCS LÊ LỢI;"), arrival),
        ])
        try store.noteBacklogBoundary(mailbox: "INBOX", uidValidity: mailbox.uidValidity, uidNext: 1, at: arrival)
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [TestOffice.campaign])
        let ingester = MessageIngester(store: store, rules: rules, acknowledgements: nil, clock: FixedClock(arrival))
        let poller = MailboxPoller(imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger)
        #expect(try await poller.poll().recorded == 2)
        #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id)["TH01"] == nil, "nobody knows the sender yet")

        try await run(store, ScriptedChecker()).runUntilDone()
        #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id)["TH01"] == .received)
        let message = try #require(try store.messages(unit: "TH01").first)
        #expect(message.fromAddress == "lan.nguyen.gv@gmail.com")
        #expect(message.matchReason?.contains("phần đầu văn bản scan") == true)
        #expect(try store.aliases().isEmpty, "the sender is offered to the officer, never learned silently")
        // A school outside the roster is attributed to no unit.
        #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id).count == 1)
        #expect(try store.unitHistory(unit: "TH01").contains { $0.kind == "message.attributed" })
        // What the header says reaches the ledger and the register.
        #expect(try store.ledger(campaign: TestOffice.campaign.id)["TH01"]?.document?.issuer == "TRƯỜNG TIỂU HỌC KIM ĐỒNG")
        let register = try store.register(campaign: TestOffice.campaign.id)
        #expect(register.map(\.unitCode) == ["TH01"])
        #expect(register.first?.document?.issuer == "TRƯỜNG TIỂU HỌC KIM ĐỒNG" && register.first?.filename == "ke-hoach.jpg")
    }

    /// Issue 21, point 3: another unit's document, or another type than the campaign asks,
    /// goes to review with the reason.
    @Test func anotherUnitsOrAnotherTypesDocumentGoesToReview() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        var campaign = TestOffice.campaign
        campaign.expects = DocumentExpectation(type: "KẾ HOẠCH", year: 2021)
        let mailbox = ScriptedMailbox(messages: [
            (Self.mail(from: "c1thanhcong@bd.edu.vn", id: "m@bd", verdict: .seal, extra: "ISSUER=TRƯỜNG TH KIM ĐỒNG;"), arrival),
            (Self.mail(from: "c1nguyentrai@bd.edu.vn", id: "n@bd", verdict: .seal, extra: "TYPE=BÁO CÁO;DATE=2021-02-10;"), arrival),
            (Self.mail(from: "c1kimdong@bd.edu.vn", id: "o@bd", verdict: .seal, extra: "TYPE=KẾ HOẠCH;DATE=2020-02-10;"), arrival),
        ])
        try store.noteBacklogBoundary(mailbox: "INBOX", uidValidity: mailbox.uidValidity, uidNext: 1, at: arrival)
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [campaign])
        let ingester = MessageIngester(store: store, rules: rules, acknowledgements: nil, clock: FixedClock(arrival))
        let poller = MailboxPoller(imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger)
        #expect(try await poller.poll().recorded == 3)
        let checks = DocumentCheckRun(
            store: store, checker: ScriptedChecker(), campaigns: [campaign], roster: TestOffice.roster, acknowledgements: nil,
            clock: FixedClock(arrival), logger: TestOffice.logger)
        try await checks.runUntilDone()
        #expect(try store.receiptStatuses(campaign: campaign.id) == ["TH01": .needsReview, "TH02": .needsReview, "TH03": .needsReview])
        let problems = try ["TH01", "TH02", "TH03"].map { try store.messages(unit: $0).first?.problems ?? "" }
        #expect(problems[1].contains("Trường Tiểu học Kim Đồng") && problems[1].contains("Trường Tiểu học Thành Công"))
        #expect(problems[2].contains("trường gửi báo cáo thay vì kế hoạch"))
        #expect(problems[0].contains("văn bản năm 2020"))
    }

    @Test func aCampaignThatDoesNotAskForTheSealOnlyNotes() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        var lenient = TestOffice.campaign
        lenient.requireSeal = false
        let mailbox = ScriptedMailbox(messages: [(Self.mail(from: "c1thanhcong@bd.edu.vn", id: "g@bd", verdict: .grayscale), arrival)])
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [lenient])
        let ingester = MessageIngester(
            store: store, rules: rules, acknowledgements: AcknowledgementPolicy(office: TestOffice.profile), clock: FixedClock(arrival))
        try store.noteBacklogBoundary(mailbox: "INBOX", uidValidity: mailbox.uidValidity, uidNext: 1, at: arrival)
        _ = try await MailboxPoller(
            imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger
        )
        .poll()
        #expect(try store.dueMail().count == 1, "nothing waits for a check the campaign does not ask for")
        let checks = DocumentCheckRun(
            store: store, checker: ScriptedChecker(), campaigns: [lenient], roster: TestOffice.roster, acknowledgements: nil,
            clock: FixedClock(arrival),
            logger: TestOffice.logger)
        try await checks.runUntilDone()
        #expect(try store.receiptStatuses(campaign: lenient.id)["TH02"] == .received)
    }

    @Test func switchingTheCheckOffReleasesWhatItHeld() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        let mailbox = ScriptedMailbox(messages: [(Self.mail(from: "c1kimdong@bd.edu.vn", id: "h@bd", verdict: .seal), arrival)])
        try store.noteBacklogBoundary(mailbox: "INBOX", uidValidity: mailbox.uidValidity, uidNext: 1, at: arrival)
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [TestOffice.campaign])
        let ingester = MessageIngester(
            store: store, rules: rules, acknowledgements: AcknowledgementPolicy(office: TestOffice.profile), clock: FixedClock(arrival))
        _ = try await MailboxPoller(
            imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger
        )
        .poll()
        #expect(try store.dueMail().isEmpty)
        #expect(try store.releaseHeldAcknowledgements() == 1)
        #expect(try store.dueMail().map(\.mail.recipients) == [["c1kimdong@bd.edu.vn"]])
        #expect(try store.releaseHeldAcknowledgements() == 0)
    }
}
