import Foundation
import MailTransport
import Testing

/// The officer's loop: mail from an unknown address waits in the review list; assigning it
/// records the receipt and teaches thidua the sender, whose next mail needs nobody.
@Suite(.serialized, .mailStack)
struct ReviewQueueTests {
    struct Status: Decodable {
        struct Item: Decodable {
            var id: Int64
            var from: String?
            var reason: String
        }
        struct UnitRow: Decodable { var code, status: String }
        var review: [Item]
        var units: [UnitRow]
    }

    @Test func assigningAnUnknownSenderRecordsTheReceiptAndLearnsTheAddress() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let units = (1...2).map { (code: "U\($0)", name: "Tiểu học Số \($0)", email: "u\($0)-\(run)@schools.example") }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-review-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: units)
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
        let teacher = "giao-vien-\(run)@personal.example"

        func submit(_ filename: String) async throws {
            let mail = SampleMail.submission(
                from: teacher, fromName: "Giáo viên", to: office, subject: "Kế hoạch thi đua 2021",
                filename: filename, body: "Em gửi kế hoạch.")
            _ = try await stack.smtp(user: teacher).send(mail, from: teacher, to: [office])
        }
        func status() throws -> Status {
            try JSONDecoder().decode(Status.self, from: Data(thidua.run(["status", "--json"]).stdout.utf8))
        }

        try await submit("KH.pdf")
        #expect(try thidua.run(["run", "--once"]).status == 0)
        let waiting = try status()
        let item = try #require(waiting.review.first { $0.from == teacher })
        #expect(item.reason == "chưa xác định được đơn vị gửi")
        #expect(waiting.units.allSatisfy { $0.status == "pending" })

        let assigned = try thidua.run(["assign", "\(item.id)", "U2"])
        #expect(assigned.status == 0, "\(assigned.stderr)")
        let after = try status()
        #expect(after.units.first { $0.code == "U2" }?.status == "received")
        #expect(!after.review.contains { $0.id == item.id })

        // The same teacher writes again: attributed by the learned address.
        try await submit("KH-bo-sung.pdf")
        #expect(try thidua.run(["run", "--once"]).status == 0)
        #expect(try status().review.isEmpty)
    }

    @Test func aRunningDaemonUsesASenderAssignedWhileItRuns() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let units = [(code: "U1", name: "Tiểu học Số 1", email: "u1-\(run)@schools.example")]
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-review-live-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: units)
        var yaml = try String(contentsOf: config, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "poll_interval: 60s", with: "poll_interval: 5s")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
        let teacher = "giao-vien-\(run)@personal.example"
        func submit(_ filename: String) async throws {
            let mail = SampleMail.submission(
                from: teacher, fromName: "Giáo viên", to: office, subject: "Kế hoạch thi đua 2021",
                filename: filename, body: "Em gửi kế hoạch.")
            _ = try await stack.smtp(user: teacher).send(mail, from: teacher, to: [office])
        }
        func review() throws -> [Status.Item] {
            let output = try thidua.run(["status", "--json"])
            guard output.status == 0 else { throw CocoaError(.fileReadUnknown, userInfo: [NSDebugDescriptionErrorKey: output.stderr]) }
            return try JSONDecoder().decode(Status.self, from: Data(output.stdout.utf8)).review
        }
        func waitUntil(_ condition: () throws -> Bool) async throws -> Bool {
            for _ in 0..<40 {
                // Until the daemon has made its store, `status` says there is none: not yet.
                if (try? condition()) == true { return true }
                try await Task.sleep(for: .milliseconds(500))
            }
            return false
        }

        try await submit("KH.pdf")
        let daemon = try thidua.start(["run"], log: workspace.appendingPathComponent("daemon.log"))
        defer { daemon.signal(SIGTERM) }
        #expect(try await waitUntil { try review().count == 1 }, "\(daemon.logText)")
        let id = try #require(try review().first?.id)
        #expect(try thidua.run(["assign", "\(id)", "U1"]).status == 0)

        try await submit("KH-bo-sung.pdf")
        // Recorded by the running daemon, attributed by the address learned meanwhile.
        #expect(try await waitUntil { daemon.logText.components(separatedBy: "message stored").count - 1 == 2 }, "\(daemon.logText)")
        #expect(try review().isEmpty, "the second mail was not attributed by the learned sender")
    }
}
