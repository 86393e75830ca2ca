import Foundation
import MailTransport
import Testing

/// The configurable after-processing action: done after the record, never touching \Seen.
@Suite(.serialized, .mailStack)
struct AfterProcessingTests {
    func runOnce(mailboxExtra: String) async throws -> (stack: MailStack, office: String) {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let unit = (code: "U1", name: "Tiểu học Số 1", email: "u1-\(run)@schools.example")
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-ap-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let skeleton = WalkingSkeletonTests()
        let config = try skeleton.writeConfig(in: workspace, units: [unit], mailboxExtra: mailboxExtra)

        let mail = SampleMail.submission(
            from: unit.email, fromName: unit.name, to: office,
            subject: "Kế hoạch thi đua 2021 - \(unit.name)", filename: "KH.pdf", body: "Kính gửi.")
        let results = try await stack.smtp(user: unit.email).send(mail, from: unit.email, to: [office])
        #expect(results.allSatisfy { $0.error == nil })

        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
        let output = try thidua.run(["run", "--once"])
        #expect(output.status == 0, "\(output.stderr)")
        let status = try skeleton.decodeStatus(thidua.run(["status", "--json"]))
        #expect(status.summary.received == 1)
        return (stack, office)
    }

    @Test func keywordIsAddedAfterTheRecordAndSeenIsNotSet() async throws {
        let (stack, office) = try await runOnce(mailboxExtra: "  after_processing: keyword\n  processed_keyword: $ThiduaStored")
        let flags = try await stack.imap(user: office).flags(mailbox: "INBOX")
        #expect(flags.count == 1)
        #expect(flags.values.allSatisfy { $0.contains("$ThiduaStored") && !$0.contains("\\Seen") }, "\(flags)")
    }

    @Test func moveTakesTheMessageToAVietnameseFolderCreatedOnDemand() async throws {
        let (stack, office) = try await runOnce(mailboxExtra: "  after_processing: move\n  processed_folder: Thidua/Đã lưu")
        let imap = try stack.imap(user: office)
        #expect(try await imap.status(mailbox: "INBOX").messages == 0)
        #expect(try await imap.status(mailbox: "Thidua/Đã lưu").messages == 1)
        #expect(try await imap.listMailboxes().contains(ModifiedUTF7.encode("Thidua/Đã lưu")))
    }
}
