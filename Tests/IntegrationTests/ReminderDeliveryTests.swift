import Foundation
import MIME
import MailTransport
import Testing

/// Reminders over the real SMTP server: a refused address is recorded against that
/// address and shown, a temporary refusal is retried, and the rest of the batch goes out.
@Suite(.serialized, .mailStack)
struct ReminderDeliveryTests {
    struct Status: Decodable {
        struct Reminders: Decodable {
            struct Failure: Decodable { var unit, stage, error: String }
            var sent, failed, uncertain: Int
            var failures: [Failure]
        }
        var reminders: Reminders
    }

    @Test func aBounceIsRecordedWhileTheRestOfTheBatchGoesOut() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let good = "u1-\(run)@schools.example"
        let units = [
            (code: "U1", name: "Tiểu học Số 1", email: "reject-u1-\(run)@schools.example;\(good)"),
            (code: "U2", name: "Tiểu học Số 2", email: "tempfail-u2-\(run)@schools.example"),
            (code: "U3", name: "Tiểu học Số 3", email: "u3-\(run)@schools.example"),
        ]
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-bounce-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: units)
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
        let output = try thidua.run(["run", "--once"])
        #expect(output.status == 0, "\(output.stderr)")

        let json = try thidua.run(["status", "--json"])
        let status = try JSONDecoder().decode(Status.self, from: Data(json.stdout.utf8))
        #expect(status.reminders.sent == 2, "U1 (through its second address) and U3")
        #expect(status.reminders.failed == 1, "U2: every address refused")
        #expect(status.reminders.uncertain == 0)
        let u1 = try #require(status.reminders.failures.first { $0.unit == "U1" })
        #expect(u1.error.contains("reject-u1-\(run)@schools.example"))
        #expect(u1.error.contains("550"))
        let u2 = try #require(status.reminders.failures.first { $0.unit == "U2" })
        #expect(u2.error.contains("451"))

        for address in [good, "u3-\(run)@schools.example"] {
            let imap = try stack.imap(user: address)
            #expect(try await imap.status(mailbox: "INBOX").messages == 1, "\(address) has no reminder")
        }
        let text = try thidua.run(["status"])
        #expect(text.stdout.contains("Thư nhắc: đã gửi 2, lỗi 1"))

        // The officer's digest lists what bounced.
        let digest = try await ReminderCrashTests.digest(to: "canbo-\(run)@pgd.example", config: config, thidua: thidua, stack: stack)
        let body = digest?.bodyText ?? ""
        #expect(body.contains("Thư nhắc bị trả lại hoặc chưa rõ kết quả (2)"), "\(body)")
        #expect(body.contains("U1 Tiểu học Số 1") && body.contains("reject-u1-\(run)@schools.example"))
        #expect(body.contains("U2 Tiểu học Số 2") && body.contains("451"))
    }
}
