import Foundation
import MailTransport

/// The mail stack that `make test` starts (deploy/mailstack), read from its env file.
struct MailStack {
    var directory: String
    var host: String
    var imapsPort: Int
    var smtpPort: Int
    var caFile: String
    var password: String

    enum Missing: Error, CustomStringConvertible {
        case notStarted
        var description: String {
            "THIDUA_TEST_MAILSTACK is not set: run the integration tests with `make test`, which starts the local mail stack"
        }
    }

    static func fromEnvironment() throws -> MailStack {
        guard let directory = ProcessInfo.processInfo.environment["THIDUA_TEST_MAILSTACK"],
              let env = try? String(contentsOfFile: directory + "/env", encoding: .utf8) else { throw Missing.notStarted }
        var values: [String: String] = [:]
        for line in env.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        let password = try String(contentsOfFile: values["MAILSTACK_PASSWORD_FILE"] ?? "", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return MailStack(directory: directory, host: values["MAILSTACK_HOST"] ?? "127.0.0.1",
                         imapsPort: Int(values["MAILSTACK_IMAPS_PORT"] ?? "") ?? 10993,
                         smtpPort: Int(values["MAILSTACK_SMTP_PORT"] ?? "") ?? 10587,
                         caFile: values["MAILSTACK_CA_FILE"] ?? "", password: password)
    }

    var imapsURL: String { "imaps://\(host):\(imapsPort)" }
    var smtpURL: String { "smtp://\(host):\(smtpPort)" }

    func imap(user: String) throws -> IMAPClient {
        IMAPClient(server: try MailServerURL(imapsURL + "/INBOX", schemes: ["imaps"]),
                   settings: ConnectionSettings(user: user, password: password, caFile: caFile))
    }

    func smtp(user: String) throws -> SMTPSender {
        SMTPSender(server: try MailServerURL(smtpURL, schemes: ["smtp"]),
                   settings: ConnectionSettings(user: user, password: password, caFile: caFile), heloName: "school.test")
    }
}
