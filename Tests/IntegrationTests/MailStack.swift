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
    var oauth2Port: Int

    enum Missing: Error, CustomStringConvertible {
        case notStarted
        var description: String {
            "THIDUA_TEST_MAILSTACK is not set: run the integration tests with `make test`, which starts the local mail stack"
        }
    }

    static func fromEnvironment() throws -> MailStack {
        guard let directory = ProcessInfo.processInfo.environment["THIDUA_TEST_MAILSTACK"] else { throw Missing.notStarted }
        return try load(directory: directory)
    }

    /// The stack started in `directory` by `deploy/mailstack start`.
    static func load(directory: String) throws -> MailStack {
        guard let env = try? String(contentsOfFile: directory + "/env", encoding: .utf8) else { throw Missing.notStarted }
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
                         caFile: values["MAILSTACK_CA_FILE"] ?? "", password: password,
                         oauth2Port: Int(values["MAILSTACK_OAUTH2_PORT"] ?? "") ?? 10444)
    }

    var imapsURL: String { "imaps://\(host):\(imapsPort)" }
    var smtpURL: String { "smtp://\(host):\(smtpPort)" }
    var tokenURL: String { "https://\(host):\(oauth2Port)/token" }

    func imap(user: String) throws -> IMAPClient {
        IMAPClient(server: try MailServerURL(imapsURL + "/INBOX", schemes: ["imaps"]),
                   settings: ConnectionSettings(user: user, password: password, caFile: caFile))
    }

    func smtp(user: String) throws -> SMTPSender {
        SMTPSender(server: try MailServerURL(smtpURL, schemes: ["smtp"]),
                   settings: ConnectionSettings(user: user, password: password, caFile: caFile), heloName: "school.test")
    }
}

/// Driving the stack itself (deploy/mailstack), for fault-injection tests.
extension MailStack {
    struct CommandFailed: Error, CustomStringConvertible {
        var command: String
        var output: String
        var description: String { "deploy/mailstack \(command) failed: \(output)" }
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../deploy/mailstack")
            .standardizedFileURL.path
    }

    @discardableResult
    static func mailstack(_ command: String, _ directory: String, environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = [command, directory]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        // A file, not a pipe: the daemons it starts must not hold our read end open.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mailstack-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else { throw CommandFailed(command: command, output: text) }
        return text
    }

    /// A stack of the test's own, on random ports, for tests that stop or restart Dovecot:
    /// the shared stack keeps serving the suites that run in parallel.
    static func startPrivate() throws -> MailStack {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-ms-\(UUID().uuidString.prefix(8).lowercased())").path
        var lastError: (any Error)?
        for _ in 0..<5 {
            let base = 24000 + Int.random(in: 0..<3000) * 10
            let ports = ["MAILSTACK_IMAP_PORT": base + 1, "MAILSTACK_IMAPS_PORT": base + 2, "MAILSTACK_SMTP_PORT": base + 3,
                         "MAILSTACK_SMTPS_PORT": base + 4, "MAILSTACK_LMTP_PORT": base + 5].mapValues(String.init)
            do {
                try mailstack("start", directory, environment: ports)
                return try load(directory: directory)
            } catch {
                lastError = error
                _ = try? mailstack("stop", directory)
            }
        }
        throw lastError ?? Missing.notStarted
    }

    /// Stops a stack from `startPrivate` and removes its directory.
    func stopPrivate() {
        _ = try? Self.mailstack("stop", directory)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stops and starts Dovecot, keeping the mail (`deploy/mailstack restart-imap`).
    func restartIMAP() throws {
        try Self.mailstack("restart-imap", directory)
    }

    /// The Maildir of an account: `<dir>/mail/<domain>/<local part>`.
    func maildir(of user: String) -> String {
        let parts = user.split(separator: "@", maxSplits: 1)
        return "\(directory)/mail/\(parts.count == 2 ? parts[1] : "")/\(parts[0])"
    }
}
