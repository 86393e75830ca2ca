import Foundation
import MIME
import MailTransport
import Testing

/// The whole path on real servers: school mail in the office mailbox → `thidua run --once`
/// → ledger in SQLite → reminders delivered to the late schools' own mailboxes.
@Suite(.serialized, .mailStack)
struct WalkingSkeletonTests {
    struct StatusJSON: Decodable {
        struct Summary: Decodable {
            var total, received, late, pending: Int
            var needs_review: Int
        }
        struct UnitRow: Decodable {
            var code, status: String
            var attachments: [File]
        }
        struct File: Decodable { var filename, kind: String }
        struct Intake: Decodable { var messages, attachments, unmatched: Int }
        var summary: Summary
        var units: [UnitRow]
        var intake: Intake
    }

    @Test func threeOfFiveSubmitAndTheOtherTwoAreRemindedOnce() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let units = (1...5).map { (code: "U\($0)", name: "Tiểu học Số \($0)", email: "u\($0)-\(run)@schools.example") }

        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-it-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try writeConfig(in: workspace, units: units)

        // Three schools send their sealed plan, over SMTP, as schools do.
        for unit in units.prefix(3) {
            let mail = SampleMail.submission(
                from: unit.email, fromName: unit.name, to: office,
                subject: "Kế hoạch thi đua khen thưởng 2021 - \(unit.name)",
                filename: "Kế hoạch thi đua \(unit.name).pdf",
                body: "Kính gửi Phòng GDĐT, đơn vị gửi kế hoạch (bản scan có dấu đỏ).")
            let results = try await stack.smtp(user: unit.email).send(mail, from: unit.email, to: [office])
            #expect(results.allSatisfy { $0.error == nil }, "sending sample mail failed: \(results.compactMap(\.error))")
        }

        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))

        let first = try thidua.run(["run", "--once"])
        #expect(first.status == 0, "thidua run --once failed: \(first.stderr)")
        #expect(!first.stderr.contains(stack.password), "the password appeared in the log")

        let status = try decodeStatus(thidua.run(["status", "--json"]))
        #expect(status.summary.total == 5)
        #expect(status.summary.received == 3)
        #expect(status.summary.pending == 2)
        #expect(status.intake.messages == 3)
        for row in status.units where ["U1", "U2", "U3"].contains(row.code) {
            #expect(row.status == "received")
            #expect(row.attachments.map(\.kind) == ["scan-pdf"])
            #expect(row.attachments.first?.filename.hasPrefix("Kế hoạch thi đua") == true)
        }

        // Each pending school finds exactly one reminder in its own mailbox.
        for unit in units.suffix(2) {
            let subjects = try await inboxSubjects(stack: stack, user: unit.email)
            #expect(subjects.count == 1, "\(unit.email) has \(subjects.count) messages")
            #expect(subjects.first?.contains("Nhắc nộp hồ sơ") == true, "unexpected subject: \(subjects)")
        }
        for unit in units.prefix(3) {
            #expect(try await inboxSubjects(stack: stack, user: unit.email).isEmpty, "\(unit.code) submitted but was reminded")
        }

        // The office mailbox is as the officer left it: nothing marked as read.
        let flags = try await stack.imap(user: office).flags(mailbox: "INBOX")
        #expect(flags.count == 3)
        #expect(flags.values.allSatisfy { !$0.contains("\\Seen") }, "fetching set \\Seen: \(flags)")

        // A second run changes nothing: no new receipt, no second reminder.
        let second = try thidua.run(["run", "--once"])
        #expect(second.status == 0, "second run failed: \(second.stderr)")
        let again = try decodeStatus(thidua.run(["status", "--json"]))
        #expect(again.summary.received == 3)
        #expect(again.summary.pending == 2)
        #expect(again.intake.messages == 3)
        for unit in units.suffix(2) {
            #expect(try await inboxSubjects(stack: stack, user: unit.email).count == 1)
        }
    }

    func decodeStatus(_ output: ThiduaProcess.Output) throws -> StatusJSON {
        #expect(output.status == 0, "thidua status failed: \(output.stderr)")
        return try JSONDecoder().decode(StatusJSON.self, from: Data(output.stdout.utf8))
    }

    private func inboxSubjects(stack: MailStack, user: String) async throws -> [String] {
        let imap = try stack.imap(user: user)
        let status = try await imap.status(mailbox: "INBOX")
        guard status.messages > 0 else { return [] }
        var subjects: [String] = []
        for uid in try await imap.uids(mailbox: "INBOX", uidValidity: status.uidValidity, from: 1) {
            let message = try await imap.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid)
            subjects.append(MailMessage.parse(message.raw).subject)
        }
        return subjects
    }

    /// A config in the shape of config/thidua.yaml, with a campaign whose -3d reminder is
    /// already due and whose -1d reminder is not.
    func writeConfig(in directory: URL, units: [(code: String, name: String, email: String)], mailboxExtra: String = "") throws -> URL {
        let roster = "code,name,level,emails\n" + units.map { "\($0.code),\($0.name),TH,\($0.email)" }.joined(separator: "\n") + "\n"
        try roster.write(to: directory.appendingPathComponent("units.csv"), atomically: true, encoding: .utf8)
        let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func day(_ offset: Int) -> String {
            let date = calendar.date(byAdding: .day, value: offset, to: Date())!
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        }
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/templates")
            .standardizedFileURL.path
        let yaml = """
            office:
              name: Phòng GDĐT thử nghiệm
              timezone: Asia/Ho_Chi_Minh
              # Always open: the tests run at any hour, on any day.
              office_hours: "00:00-24:00"
              workdays: [mon, tue, wed, thu, fri, sat, sun]
            mailbox:
              url: imaps://invalid.example:993/INBOX
              user: placeholder
              poll_interval: 60s
            \(mailboxExtra)
            smtp:
              url: smtps://invalid.example:465
              from: "Placeholder <placeholder@invalid.example>"
            units: units.csv
            templates: \(templates)
            campaigns:
              - id: kh-test
                title: Kế hoạch thi đua khen thưởng thử nghiệm
                opens: \(day(-10))
                deadline: \(day(2))T23:59
                keywords: [kế hoạch, thi đua]
                reminders: [-3d, -1d]
            """
        let url = directory.appendingPathComponent("thidua.yaml")
        try yaml.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}
