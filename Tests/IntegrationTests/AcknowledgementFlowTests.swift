import Foundation
import MIME
import MailTransport
import Testing

/// Acknowledgements end to end: new mail after thidua's first run is answered in the
/// school's own mailbox, threaded; automated mail and the backlog are not; a reply to an
/// acknowledgement from a personal address is attributed to the school by its thread.
@Suite(.serialized, .mailStack)
struct AcknowledgementFlowTests {
    @Test func newSubmissionsAreAnsweredAndRepliesFollowTheirThread() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let units = (1...3).map { (code: "U\($0)", name: "Tiểu học Số \($0)", email: "u\($0)-\(run)@schools.example") }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-ack-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let skeleton = WalkingSkeletonTests()
        let config = try skeleton.writeConfig(in: workspace, units: units)
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))

        // U1's mail is already there when thidua first runs: backlog, recorded, not answered.
        let backlog = SampleMail.submission(
            from: units[0].email, fromName: units[0].name, to: office,
            subject: "Kế hoạch thi đua - \(units[0].name)", filename: "KH1.pdf", body: "Kính gửi.")
        _ = try await stack.smtp(user: units[0].email).send(backlog, from: units[0].email, to: [office])
        #expect(try thidua.run(["run", "--once"]).status == 0)

        // After the first run: U2 sends a scan; U3's mail server sends an auto-reply.
        let submission = SampleMail.submission(
            from: units[1].email, fromName: units[1].name, to: office,
            subject: "Kế hoạch thi đua - \(units[1].name)", filename: "KH2.pdf", body: "Kính gửi.")
        _ = try await stack.smtp(user: units[1].email).send(submission, from: units[1].email, to: [office])
        var autoReply = SampleMail.submission(
            from: units[2].email, fromName: units[2].name, to: office,
            subject: "Trả lời tự động: Kế hoạch thi đua", filename: "KH3.pdf", body: "Tôi vắng mặt.")
        autoReply = Array("Auto-Submitted: auto-replied\r\n".utf8) + autoReply
        _ = try await stack.smtp(user: units[2].email).send(autoReply, from: units[2].email, to: [office])
        #expect(try thidua.run(["run", "--once"]).status == 0)

        let u1 = try await inbox(stack, units[0].email)
        let u2 = try await inbox(stack, units[1].email)
        let u3 = try await inbox(stack, units[2].email)
        #expect(!u1.contains { $0.subject.hasPrefix("Re:") }, "the backlog was answered")
        #expect(!u3.contains { $0.subject.hasPrefix("Re:") }, "an auto-reply was answered")
        let acks = u2.filter { $0.subject.hasPrefix("Re:") }
        #expect(acks.count == 1)
        let ack = try #require(acks.first)
        let original = MailMessage.parse(submission)
        #expect(ack.inReplyTo == original.messageID)
        #expect(ack.headers.text("Auto-Submitted") == "auto-replied")
        #expect(ack.bodyText.contains("đã nhận"))
        #expect(ack.bodyText.contains("KH2.pdf"))

        // A teacher's personal address, unknown to the roster, replies to U2's
        // acknowledgement with a corrected scan: the thread says it is U2's.
        let personal = "co-giao-\(run)@personal.example"
        var reply = SampleMail.submission(
            from: personal, fromName: "Cô giáo", to: office, subject: "Re: Kế hoạch thi đua",
            filename: "KH2-ban-sua.pdf", body: "Gửi lại bản có dấu.")
        reply = Array("In-Reply-To: \(ack.messageID ?? "")\r\nReferences: \(ack.messageID ?? "")\r\n".utf8) + reply
        _ = try await stack.smtp(user: personal).send(reply, from: personal, to: [office])
        #expect(try thidua.run(["run", "--once"]).status == 0)
        let status = try skeleton.decodeStatus(thidua.run(["status", "--json"]))
        let u2Row = try #require(status.units.first { $0.code == "U2" })
        #expect(u2Row.attachments.map(\.filename) == ["KH2-ban-sua.pdf"], "the reply was not attributed to U2 by its thread")
    }

    private func inbox(_ stack: MailStack, _ user: String) async throws -> [MailMessage] {
        let imap = try stack.imap(user: user)
        let status = try await imap.status(mailbox: "INBOX")
        guard status.messages > 0 else { return [] }
        var messages: [MailMessage] = []
        for uid in try await imap.uids(mailbox: "INBOX", uidValidity: status.uidValidity, from: 1) {
            messages.append(MailMessage.parse(try await imap.fetch(mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid).raw))
        }
        return messages
    }
}
