import Foundation
import Intake
import Store
import Testing

@testable import Office

/// The poller's decisions against a scripted mailbox and a real store: what is new is
/// fetched once and recorded in UID order, a second poll costs no fetch, a message seen
/// again after a renumbering is a duplicate, and mail the office sent itself is no
/// submission.
struct MailboxPollerTests {
    static func mail(from: String, subject: String, id: String) -> [UInt8] {
        Array(
            """
            From: \(from)\r
            To: thidua@pgd.example\r
            Subject: \(subject)\r
            Message-ID: <\(id)>\r
            Date: Thu, 18 Feb 2021 09:12:00 +0700\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Kính gửi Phòng GDĐT, trường gửi kế hoạch thi đua.\r
            --b\r
            Content-Type: image/jpeg; name="ke-hoach.jpg"\r
            Content-Disposition: attachment; filename="ke-hoach.jpg"\r
            Content-Transfer-Encoding: base64\r
            \r
            /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2Q==\r
            --b--\r

            """.utf8)
    }

    let arrival = TestOffice.date("2021-02-18T09:15:00+07:00")

    func poller(_ mailbox: ScriptedMailbox, _ store: DataStore) -> MailboxPoller {
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [TestOffice.campaign])
        let ingester = MessageIngester(store: store, rules: rules, acknowledgements: nil, clock: FixedClock(arrival))
        return MailboxPoller(imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger)
    }

    func withStore(_ body: (DataStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-poller-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try DataStore(inMemoryWithFilesIn: directory))
    }

    @Test func newMailIsRecordedOnceAndTheLedgerFollows() async throws {
        try await withStore { store in
            let mailbox = ScriptedMailbox(messages: [
                (Self.mail(from: "c1kimdong@bd.edu.vn", subject: "Kế hoạch thi đua 2021", id: "a@bd.edu.vn"), arrival),
                (Self.mail(from: "c1thanhcong@bd.edu.vn", subject: "Gửi kế hoạch thi đua", id: "b@bd.edu.vn"), arrival),
                (Self.mail(from: "thidua@pgd.example", subject: "Kế hoạch thi đua (bản gửi)", id: "c@pgd.example"), arrival),
            ])
            let first = try await poller(mailbox, store).poll()
            #expect(first.fetched == 3 && first.recorded == 3 && first.duplicates == 0)
            #expect(mailbox.fetches.sorted() == [1, 2, 3])
            // Each message's other parts (its text) are recorded with it.
            #expect(try store.messages(unit: "TH01").first?.ignored?.map(\.reason) == [.body])
            #expect(
                try store.receiptStatuses(campaign: TestOffice.campaign.id) == ["TH01": .received, "TH02": .received])
            // Nothing new: no fetch at all.
            let second = try await poller(mailbox, store).poll()
            #expect(second.fetched == 0 && second.recorded == 0)
            #expect(mailbox.fetches.count == 3)
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: mailbox.uidValidity) == 3)
        }
    }

    /// Issue 18, point 4: a school named in the subject of a mail from a personal address
    /// counts as received, shown apart as "sender not confirmed"; its receipt is copied to
    /// the school's own address; the officer confirms the sender or sends it to review.
    @Test func aSubmissionFromAnUnknownAddressIsReceivedButItsSenderIsNotConfirmed() async throws {
        try await withStore { store in
            let mailbox = ScriptedMailbox(messages: [
                (
                    Self.mail(from: "co.giao.lan@gmail.com", subject: "Kế hoạch thi đua - Trường Tiểu học Kim Đồng", id: "p@gmail.com"),
                    arrival
                ),
                (Self.mail(from: "c1thanhcong@bd.edu.vn", subject: "Gửi kế hoạch thi đua", id: "b@bd.edu.vn"), arrival),
                (Self.mail(from: "ai.do@yahoo.com", subject: "Kế hoạch thi đua Tiểu học Nguyễn Trãi", id: "q@yahoo.com"), arrival),
            ])
            // Mail that arrives after thidua first read the mailbox is acknowledged.
            try store.noteBacklogBoundary(mailbox: "INBOX", uidValidity: mailbox.uidValidity, uidNext: 1, at: arrival)
            // Acknowledged at once: this campaign does not wait for the document check.
            var campaign = TestOffice.campaign
            campaign.requireSeal = false
            let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [campaign])
            let ingester = MessageIngester(
                store: store, rules: rules, acknowledgements: AcknowledgementPolicy(office: TestOffice.profile), clock: FixedClock(arrival))
            let poller = MailboxPoller(
                imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger)
            #expect(try await poller.poll().recorded == 3)

            let ledger = try store.ledger(campaign: TestOffice.campaign.id)
            #expect(ledger["TH01"]?.status == .received && ledger["TH01"]?.senderUnconfirmed == true)
            #expect(ledger["TH02"]?.senderUnconfirmed == false, "a known address confirms its sender")
            let tally = Tally(
                roster: TestOffice.roster, statuses: ledger.mapValues(\.status), awaitingReview: 0,
                senderUnconfirmed: Set(ledger.filter(\.value.senderUnconfirmed).keys))
            #expect(tally.received == 3 && tally.senderUnconfirmed == 2)
            // The receipt also goes to the school's own address, and says why.
            let acks = try store.dueMail().map(\.mail)
            let personal = try #require(acks.first { $0.recipients.first == "co.giao.lan@gmail.com" })
            #expect(personal.recipients == ["co.giao.lan@gmail.com", "c1kimdong@bd.edu.vn"])
            #expect(personal.body.contains("chưa có trong danh sách địa chỉ thư của đơn vị"))
            #expect(acks.first { $0.recipients.first == "c1thanhcong@bd.edu.vn" }?.recipients == ["c1thanhcong@bd.edu.vn"])

            // One click confirms the sender: its address is learned, the flag goes.
            let desk = OfficerDesk(setup: TestOffice.setup, store: store)
            let rows = try store.messages(unit: "TH01")
            let kimDong = try #require(rows.first { $0.fromAddress == "co.giao.lan@gmail.com" })
            #expect(!kimDong.senderConfirmed)
            _ = try desk.confirmSender(messageID: kimDong.id, actor: "officer:canbo (192.0.2.10)", at: arrival)
            #expect(try store.ledger(campaign: TestOffice.campaign.id)["TH01"]?.senderUnconfirmed == false)
            #expect(try store.aliases()["co.giao.lan@gmail.com"] == "TH01")
            // The other goes to review: the unit needs a look, the message waits in the queue.
            let nguyenTrai = try #require(try store.messages(unit: "TH03").first)
            _ = try desk.sendToReview(messageID: nguyenTrai.id, actor: "officer:canbo (192.0.2.10)", at: arrival)
            #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id)["TH03"] == .needsReview)
            #expect(try store.reviewQueue().map(\.message.id) == [nguyenTrai.id])
        }
    }

    @Test func aRenumberedMailboxRecordsOnlyWhatIsNew() async throws {
        try await withStore { store in
            let known = (Self.mail(from: "c1kimdong@bd.edu.vn", subject: "Kế hoạch thi đua", id: "a@bd.edu.vn"), arrival)
            _ = try await poller(ScriptedMailbox(uidValidity: 7, messages: [known]), store).poll()
            let renumbered = ScriptedMailbox(
                uidValidity: 8,
                messages: [known, (Self.mail(from: "c1nguyentrai@bd.edu.vn", subject: "Kế hoạch thi đua", id: "n@bd.edu.vn"), arrival)])
            let result = try await poller(renumbered, store).poll()
            #expect(result.fetched == 2 && result.recorded == 1 && result.duplicates == 1)
            #expect(try store.totals().messages == 2)
        }
    }
}
