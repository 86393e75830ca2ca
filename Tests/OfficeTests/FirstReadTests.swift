import Foundation
import Intake
import MailTransport
import Store
import Testing

@testable import Office

/// The first read of an office's old mailbox: years of mail no campaign asks about are
/// never fetched, only what arrived from `mailbox.since` on; after it, polls go on from
/// the newest message as always.
struct FirstReadTests {
    let since = IMAPDay(year: 2021, month: 2, day: 1)
    let arrival = TestOffice.date("2021-02-19T10:00:00+07:00")

    static func mail(from: String, subject: String, id: String, date: Date) -> [UInt8] {
        let header = DateFormatter()
        header.locale = Locale(identifier: "en_US_POSIX")
        header.timeZone = TestOffice.zone
        header.dateFormat = "EEE, d MMM yyyy HH:mm:ss Z"
        return Array(
            """
            From: \(from)\r
            To: thidua@pgd.example\r
            Subject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=\r
            Message-ID: <\(id)>\r
            Date: \(header.string(from: date))\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Kính gửi Phòng GDĐT.\r
            --b\r
            Content-Type: image/jpeg; name="ke-hoach.jpg"\r
            Content-Disposition: attachment; filename="ke-hoach.jpg"\r
            Content-Transfer-Encoding: base64\r
            \r
            /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////2Q==\r
            --b--\r

            """.utf8)
    }

    /// The mailbox as the office found it: a message from last school year, one the day
    /// before `since`, one on that day, and a school's plan in the campaign.
    var oldMailbox: [(raw: [UInt8], date: Date)] {
        [
            (
                Self.mail(
                    from: "c1kimdong@bd.edu.vn", subject: "Báo cáo tổng kết năm học 2019-2020", id: "old@bd.edu.vn",
                    date: TestOffice.date("2020-06-15T08:00:00+07:00")), TestOffice.date("2020-06-15T08:00:00+07:00")
            ),
            (
                Self.mail(
                    from: "c1thanhcong@bd.edu.vn", subject: "Kế hoạch thi đua năm 2021", id: "eve@bd.edu.vn",
                    date: TestOffice.date("2021-01-31T09:00:00+07:00")), TestOffice.date("2021-01-31T09:00:00+07:00")
            ),
            (
                Self.mail(
                    from: "c1nguyentrai@bd.edu.vn", subject: "Kế hoạch thi đua năm 2021", id: "day@bd.edu.vn",
                    date: TestOffice.date("2021-02-01T09:00:00+07:00")), TestOffice.date("2021-02-01T09:00:00+07:00")
            ),
            (
                Self.mail(
                    from: "c1kimdong@bd.edu.vn", subject: "Kế hoạch thi đua năm 2021", id: "plan@bd.edu.vn",
                    date: TestOffice.date("2021-02-18T09:15:00+07:00")), TestOffice.date("2021-02-18T09:15:00+07:00")
            ),
        ]
    }

    let newArrival = (
        raw: Self.mail(
            from: "c1thanhcong@bd.edu.vn", subject: "Gửi kế hoạch thi đua 2021", id: "new@bd.edu.vn",
            date: TestOffice.date("2021-02-19T09:50:00+07:00")),
        date: TestOffice.date("2021-02-19T09:50:00+07:00")
    )

    func withStore(_ body: (DataStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-first-read-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try await body(try DataStore(inMemoryWithFilesIn: directory))
    }

    /// The poller as `Wiring` makes it: `firstReadSince` set on every poll, acknowledging
    /// (the campaign does not wait for the document check).
    func poller(_ mailbox: ScriptedMailbox, _ store: DataStore, since: IMAPDay?) -> MailboxPoller {
        var campaign = TestOffice.campaign
        campaign.requireSeal = false
        let rules = IntakeRules(office: TestOffice.profile, roster: TestOffice.roster, campaigns: [campaign])
        let ingester = MessageIngester(
            store: store, rules: rules, acknowledgements: AcknowledgementPolicy(office: TestOffice.profile), clock: FixedClock(arrival))
        return MailboxPoller(
            imap: mailbox, folders: ["INBOX"], afterProcessing: .none, ingester: ingester, logger: TestOffice.logger, firstReadSince: since)
    }

    @Test func theFirstReadFetchesOnlyMailFromTheSinceDayOn() async throws {
        try await withStore { store in
            let mailbox = ScriptedMailbox(messages: oldMailbox)
            let first = try await poller(mailbox, store, since: since).poll()
            #expect(mailbox.fetches.sorted() == [3, 4], "the day before and last year are never fetched")
            #expect(first.fetched == 2 && first.recorded == 2)
            #expect(try store.totals().messages == 2)
            // The mail of 01/02 is fetched, but came before the campaign opened (08/02).
            #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id) == ["TH01": .received])
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: mailbox.uidValidity) == 4)
            // What was there before thidua is the backlog: recorded, never answered.
            #expect(try store.outbox(.acknowledgement).isEmpty)
        }
    }

    @Test func theNextPollFetchesOnlyWhatArrivedSince() async throws {
        try await withStore { store in
            _ = try await poller(ScriptedMailbox(messages: oldMailbox), store, since: since).poll()
            let later = ScriptedMailbox(messages: oldMailbox + [newArrival])
            let second = try await poller(later, store, since: since).poll()
            #expect(later.fetches == [5])
            #expect(second.fetched == 1 && second.recorded == 1)
            #expect(try store.receiptStatuses(campaign: TestOffice.campaign.id)["TH02"] == .received)
            // New mail is answered.
            #expect(try store.outbox(.acknowledgement).map(\.mail.recipients) == [["c1thanhcong@bd.edu.vn"]])
            // And a poll with nothing new fetches nothing.
            let third = ScriptedMailbox(messages: oldMailbox + [newArrival])
            #expect(try await poller(third, store, since: since).poll().fetched == 0)
            #expect(third.fetches.isEmpty)
        }
    }

    /// Only old mail in the mailbox: nothing is fetched, and the position still moves past
    /// it, or every poll would search it again and the next arrival would bring it along.
    @Test func aMailboxWithOnlyOlderMailFetchesNothingAndMovesPastIt() async throws {
        try await withStore { store in
            let old = Array(oldMailbox.prefix(2))
            let mailbox = ScriptedMailbox(messages: old)
            let first = try await poller(mailbox, store, since: since).poll()
            #expect(first.fetched == 0 && mailbox.fetches.isEmpty)
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: mailbox.uidValidity) == 2)
            let later = ScriptedMailbox(messages: old + [newArrival])
            #expect(try await poller(later, store, since: since).poll().recorded == 1)
            #expect(later.fetches == [3])
        }
    }

    /// A message moved into the inbox keeps its old arrival date but gets the next UID: the
    /// first read skips it by date though it sits above newer mail.
    @Test func oldMailAboveNewerUIDsIsSkippedByItsDate() async throws {
        try await withStore { store in
            let mailbox = ScriptedMailbox(messages: [oldMailbox[3], oldMailbox[0], oldMailbox[2]])
            _ = try await poller(mailbox, store, since: since).poll()
            #expect(mailbox.fetches.sorted() == [1, 3])
        }
    }

    /// Without `since` (before the setting existed) the first read takes everything.
    @Test func withoutSinceTheFirstReadTakesEverything() async throws {
        try await withStore { store in
            let mailbox = ScriptedMailbox(messages: oldMailbox)
            let first = try await poller(mailbox, store, since: nil).poll()
            #expect(first.fetched == 4)
            #expect(mailbox.fetches.sorted() == [1, 2, 3, 4])
        }
    }

    /// The server renumbers the folder (a migration, a restore): the mail the first read
    /// left out as older than `since` is still none of the office's business, and must not
    /// be fetched, recorded or answered now.
    @Test func aRenumberedMailboxStillLeavesTheOlderMailAlone() async throws {
        try await withStore { store in
            _ = try await poller(ScriptedMailbox(uidValidity: 7, messages: oldMailbox), store, since: since).poll()
            let renumbered = ScriptedMailbox(uidValidity: 8, messages: oldMailbox + [newArrival])
            let result = try await poller(renumbered, store, since: since).poll()
            #expect(result.duplicates == 2, "what was recorded is known by its content")
            let stored = try store.totals().messages
            #expect(!renumbered.fetches.contains(1) && !renumbered.fetches.contains(2))
            #expect(result.recorded == 1, "only the new arrival")
            #expect(stored == 3)
            // Whatever was recorded, only the new arrival is answered.
            let answered = try store.outbox(.acknowledgement).compactMap(\.mail.messageRow).map { try store.storedMessage(id: $0)?.subject }
            #expect(answered == ["Gửi kế hoạch thi đua 2021"], "no school is answered for last year's mail")
        }
    }

    /// The first read stops halfway (the connection drops, the daemon restarts) after one
    /// message is recorded: the next poll goes on with the first read, not past it, and
    /// the older mail above that message is still left alone.
    @Test func aFirstReadCutShortStillLeavesTheOlderMailAlone() async throws {
        try await withStore { store in
            // Each message committed on its own, as with an after-processing keyword.
            let messages = [oldMailbox[3], oldMailbox[0], newArrival]
            let dropping = DroppingMailbox(ScriptedMailbox(messages: messages), failingAt: 3)
            var cut = poller(ScriptedMailbox(messages: []), store, since: since)
            cut.imap = dropping
            cut.afterProcessing = .keyword("thidua")
            await #expect(throws: CurlError.self) { try await cut.poll() }
            #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 1, "the first message was recorded")

            let resumed = ScriptedMailbox(messages: messages)
            let result = try await poller(resumed, store, since: since).poll()
            #expect(result.recorded >= 1)
            #expect(resumed.fetches.contains(3))
            #expect(!resumed.fetches.contains(2), "last school year's report is fetched")
        }
    }

    // MARK: - Where the first read starts when mailbox.since is not set

    @Test func theDefaultSinceIsThirtyDaysBeforeTheEarliestOpenCampaign() {
        let now = TestOffice.date("2021-03-01T10:00:00+07:00")
        var closed = TestOffice.campaign
        closed.id = "cu"
        closed.opens = TestOffice.date("2020-09-01T00:00:00+07:00")
        closed.closed = true
        var later = TestOffice.campaign
        later.id = "sau"
        later.opens = TestOffice.date("2021-03-15T00:00:00+07:00")
        let start = Campaign.firstReadSince(among: [later, closed, TestOffice.campaign], at: now)
        #expect(start == TestOffice.campaign.opens.addingTimeInterval(-30 * 86400))
        #expect(IMAPDay(start, in: TestOffice.zone) == IMAPDay(year: 2021, month: 1, day: 9))
        // With no open campaign, 30 days before today.
        #expect(Campaign.firstReadSince(among: [closed], at: now) == now.addingTimeInterval(-30 * 86400))
        #expect(IMAPDay(year: 2021, month: 2, day: 1).text == "1-Feb-2021")
    }
}

/// A mailbox whose connection drops when one message is fetched.
final class DroppingMailbox: MailboxReading {
    let mailbox: ScriptedMailbox
    let failingAt: UInt32

    init(_ mailbox: ScriptedMailbox, failingAt uid: UInt32) {
        self.mailbox = mailbox
        self.failingAt = uid
    }

    var fetchConnections: Int { mailbox.fetchConnections }

    func status(mailbox name: String) async throws -> MailboxStatus { try await mailbox.status(mailbox: name) }

    func uids(
        mailbox name: String, uidValidity: UInt32, from first: UInt32, below uidNext: UInt32?, since: IMAPDay?
    ) async throws(CurlError) -> [UInt32] {
        try await mailbox.uids(mailbox: name, uidValidity: uidValidity, from: first, below: uidNext, since: since)
    }

    func fetch(
        mailbox name: String, uidValidity: UInt32, uid: UInt32, toFile path: String, durable: Bool, next: [UInt32], connection: Int
    ) async throws -> FetchedFile {
        guard uid != failingAt else { throw CurlError(code: 56, detail: "connection reset by peer", responseCode: 0) }
        return try await mailbox.fetch(
            mailbox: name, uidValidity: uidValidity, uid: uid, toFile: path, durable: durable, next: next, connection: connection)
    }

    func addKeyword(_ keyword: String, mailbox name: String, uidValidity: UInt32, uid: UInt32) async throws(CurlError) {}
    func move(uid: UInt32, from name: String, uidValidity: UInt32, to target: String) async throws(CurlError) {}
    func createMailbox(_ name: String) async throws(CurlError) {}
}
