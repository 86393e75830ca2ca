import Foundation
import Intake
import Logging
import MIME
import MailTransport
import Synchronization

@testable import Office

/// An SMTP server that records what it is handed and refuses the recipients it is told to.
final class RecordingMailSender: MailSending {
    struct Sent: Sendable {
        var from: String
        var to: [String]
        var message: String
    }

    private let state = Mutex<[Sent]>([])
    let refusing: Set<String>

    init(refusing: Set<String> = []) { self.refusing = refusing }

    var sent: [Sent] { state.withLock { $0 } }

    func send(_ message: [UInt8], from envelopeFrom: String, to recipients: [String]) async -> [SMTPSender.RecipientResult] {
        state.withLock { $0.append(Sent(from: envelopeFrom, to: recipients, message: String(decoding: message, as: UTF8.self))) }
        return recipients.map { recipient in
            SMTPSender.RecipientResult(
                recipient: recipient,
                error: refusing.contains(recipient) ? CurlError(code: 55, detail: "550 5.1.1 no such user", responseCode: 550) : nil)
        }
    }
}

/// A mailbox of fixed messages, fetched to files as IMAPClient fetches them; it counts
/// the fetches, and changes nothing (no `\Seen`, no keyword) unless asked to.
final class ScriptedMailbox: MailboxReading {
    let uidValidity: UInt32
    let messages: [UInt32: (raw: [UInt8], date: Date)]
    private let fetched = Mutex<[UInt32]>([])

    init(uidValidity: UInt32 = 7, messages: [(raw: [UInt8], date: Date)]) {
        self.uidValidity = uidValidity
        var byUID: [UInt32: (raw: [UInt8], date: Date)] = [:]
        for (index, message) in messages.enumerated() { byUID[UInt32(index + 1)] = message }
        self.messages = byUID
    }

    var fetches: [UInt32] { fetched.withLock { $0 } }
    var fetchConnections: Int { 2 }

    func status(mailbox: String) async throws -> MailboxStatus {
        MailboxStatus(uidValidity: uidValidity, uidNext: UInt32(messages.count + 1), messages: messages.count)
    }

    func uids(
        mailbox: String, uidValidity: UInt32, from first: UInt32, below uidNext: UInt32?, since: IMAPDay?
    ) async throws(CurlError) -> [UInt32] {
        messages.filter { uid, message in
            uid >= first && uid < (uidNext ?? .max) && since.map { IMAPDay(message.date, in: .gmt) >= $0 } ?? true
        }.keys.sorted()
    }

    func fetch(
        mailbox: String, uidValidity: UInt32, uid: UInt32, toFile path: String, durable: Bool, next: [UInt32], connection: Int
    ) async throws -> FetchedFile {
        guard let message = messages[uid] else { throw CurlError(code: 78, detail: "no message \(uid)", responseCode: 0) }
        fetched.withLock { $0.append(uid) }
        try Data(message.raw).write(to: URL(fileURLWithPath: path))
        let hasher = SHA256Hasher()
        hasher.update(message.raw)
        return FetchedFile(
            uid: uid, internalDate: message.date, path: path, size: message.raw.count, sha256: hasher.finalize(), isDurable: false)
    }

    func addKeyword(_ keyword: String, mailbox: String, uidValidity: UInt32, uid: UInt32) async throws(CurlError) {}
    func move(uid: UInt32, from mailbox: String, uidValidity: UInt32, to target: String) async throws(CurlError) {}
    func createMailbox(_ name: String) async throws(CurlError) {}
}

/// A small office: three primary schools, one campaign, open all week in office time.
enum TestOffice {
    static let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    static let profile = OfficeProfile(name: "Phòng GDĐT quận Ba Đình", timeZone: zone, ownAddresses: ["thidua@pgd.example"])
    static let roster = try! Roster.parseCSV(
        """
        code,name,level,emails
        TH01,Trường Tiểu học Kim Đồng,TH,c1kimdong@bd.edu.vn
        TH02,Trường Tiểu học Thành Công,TH,c1thanhcong@bd.edu.vn
        TH03,Trường Tiểu học Nguyễn Trãi,TH,c1nguyentrai@bd.edu.vn
        """)
    /// 2021-02-08 00:00 to 2021-02-21 23:59, office time.
    static let campaign = Campaign(
        id: "khtdkt-2021", title: "Kế hoạch thi đua khen thưởng năm 2021", opens: date("2021-02-08T00:00:00+07:00"),
        deadline: date("2021-02-21T23:59:00+07:00"), keywords: ["kế hoạch", "thi đua"],
        reminders: [ReminderStage(dayOffset: -3)])
    static let setup = OfficeSetup(
        profile: profile, calendar: OfficeCalendar(timeZone: zone, workdays: Set(1...7)), roster: roster, campaigns: [campaign],
        from: MailAddress(displayName: "Phòng GDĐT", address: "thidua@pgd.example"), sendLimits: SendLimits(perMinute: 20, perDay: 400))
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../config/templates").standardizedFileURL.path
    static let logger = Logger(label: "office-tests")

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
}
