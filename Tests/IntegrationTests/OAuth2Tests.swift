import Foundation
import MailTransport
import Testing

/// XOAUTH2 logins with tokens from a refresh-token grant, against the real Dovecot (its
/// oauth2 passdb introspects the tokens the stack's token endpoint issued).
@Suite(.serialized, .mailStack)
struct OAuth2Tests {
    func run(refreshToken: (String, MailStack) -> String) async throws -> (output: ThiduaProcess.Output, status: ThiduaProcess.Output) {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let unit = (code: "U1", name: "Tiểu học Số 1", email: "u1-\(run)@schools.example")
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-oauth-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: [unit], mailboxExtra: "  auth: oauth2")
        // The oauth2 section; SMTP keeps its password (the stack's SMTP server has no XOAUTH2).
        var yaml = try String(contentsOf: config, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "smtp:\n", with: "smtp:\n  auth: password\n")
        yaml += "\noauth2:\n  provider: custom\n  token_url: \(stack.tokenURL)\n  client_id: thidua-test\n"
        try yaml.write(to: config, atomically: true, encoding: .utf8)

        let appended = try IMAPClient(
            server: MailServerURL(stack.imapsURL + "/INBOX", schemes: ["imaps"]),
            settings: ConnectionSettings(user: office, password: stack.password, caFile: stack.caFile))
        let mail = SampleMail.submission(
            from: unit.email, fromName: unit.name, to: office,
            subject: "Kế hoạch thi đua 2021", filename: "KH.pdf", body: "Kính gửi.")
        try await appended.append(mail, to: "INBOX")

        let thidua = ThiduaProcess.against(
            stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"),
            extra: [
                "THIDUA_IMAP_PASSWORD": "", "THIDUA_OAUTH2_CLIENT_SECRET": "thidua-secret",
                "THIDUA_OAUTH2_REFRESH_TOKEN": refreshToken(office, stack),
            ])
        return (try thidua.run(["run", "--once"]), try thidua.run(["status", "--json"]))
    }

    @Test func theMailboxIsReadWithAnAccessTokenFromTheRefreshToken() async throws {
        let (output, status) = try await run { office, stack in "\(office):\(stack.password)" }
        #expect(output.status == 0, "\(output.stderr)")
        let report = try WalkingSkeletonTests().decodeStatus(status)
        #expect(report.summary.received == 1)
        #expect(!output.stderr.contains("ya29."), "an access token was logged")
    }

    @Test func aRevokedRefreshTokenIsReportedWithWhatToDo() async throws {
        let (output, status) = try await run { office, _ in "revoked:\(office)" }
        #expect(output.status != 0)
        #expect(output.stderr.contains("invalid_grant"), "\(output.stderr)")
        #expect(output.stderr.contains("authorise thidua again"), "\(output.stderr)")
        #expect(status.stdout.contains("invalid_grant"), "status does not show the failure: \(status.stdout)")
    }
}
