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
            #expect(
                try store.receiptStatuses(campaign: TestOffice.campaign.id) == ["TH01": .received, "TH02": .received])
            // Nothing new: no fetch at all.
            let second = try await poller(mailbox, store).poll()
            #expect(second.fetched == 0 && second.recorded == 0)
            #expect(mailbox.fetches.count == 3)
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: mailbox.uidValidity) == 3)
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
