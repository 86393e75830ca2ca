import Foundation
import MailTransport
import Testing

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
        return MailStack(
            directory: directory, host: values["MAILSTACK_HOST"] ?? "127.0.0.1",
            imapsPort: Int(values["MAILSTACK_IMAPS_PORT"] ?? "") ?? 10993,
            smtpPort: Int(values["MAILSTACK_SMTP_PORT"] ?? "") ?? 10587,
            caFile: values["MAILSTACK_CA_FILE"] ?? "", password: password,
            oauth2Port: Int(values["MAILSTACK_OAUTH2_PORT"] ?? "") ?? 10444)
    }

    var imapsURL: String { "imaps://\(host):\(imapsPort)" }
    var smtpURL: String { "smtp://\(host):\(smtpPort)" }
    var tokenURL: String { "https://\(host):\(oauth2Port)/token" }

    func imap(user: String, fetchConnections: Int = 1) throws -> IMAPClient {
        IMAPClient(
            server: try MailServerURL(imapsURL + "/INBOX", schemes: ["imaps"]),
            settings: ConnectionSettings(user: user, password: password, caFile: caFile), fetchConnections: fetchConnections)
    }

    /// The IMAP logins of `user` Dovecot has logged so far, each with its TLS version and
    /// cipher ("TLSv1.3 with cipher TLS_AES_128_GCM_SHA256 (128/128 bits)").
    func imapLogins(of user: String) -> [Substring] {
        let log = (try? String(contentsOfFile: directory + "/log/dovecot.log", encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains("imap-login: Info: Login: user=<\(user)>") }
    }

    func smtp(user: String) throws -> SMTPSender {
        SMTPSender(
            server: try MailServerURL(smtpURL, schemes: ["smtp"]),
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

    /// Runs `deploy/mailstack command directory` and waits for it.
    ///
    /// Spawned directly with every descriptor above stderr closed, not with Foundation's
    /// `Process`: on Linux, `Process` learns that a child ended when the last holder of a
    /// socket it hands the child closes it — and the daemons that `start` and
    /// `restart-imap` leave running would hold it for ever.
    @discardableResult
    static func mailstack(_ command: String, _ directory: String, environment: [String: String] = [:]) throws -> String {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mailstack-\(UUID().uuidString).log")
        defer { try? FileManager.default.removeItem(at: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // (glibc ignores closing a descriptor that is not open; addclosefrom_np is not imported.)
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in 3..<max(1024, (open.max() ?? 0) + 64) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let arguments = [script, command, directory]
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }.map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = variables.map { strdup($0) } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        // No signal blocked or ignored (the test process blocks and ignores some), or the
        // daemons it starts would shrug off the SIGTERM that stops them.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, script, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            throw CommandFailed(command: command, output: "posix_spawn: \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        // WIFEXITED && WEXITSTATUS == 0, spelled out (the macros are not imported).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { throw CommandFailed(command: command, output: text) }
        return text
    }

    /// A stack of the test's own, on random ports, for tests that stop or restart Dovecot:
    /// the shared stack keeps serving the suites that run in parallel.
    static func startPrivate() throws -> MailStack {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "thidua-ms-\(UUID().uuidString.prefix(8).lowercased())"
        ).path
        var lastError: (any Error)?
        for _ in 0..<5 {
            let base = 24000 + Int.random(in: 0..<3000) * 10
            let ports = [
                "MAILSTACK_IMAP_PORT": base + 1, "MAILSTACK_IMAPS_PORT": base + 2, "MAILSTACK_SMTP_PORT": base + 3,
                "MAILSTACK_SMTPS_PORT": base + 4, "MAILSTACK_LMTP_PORT": base + 5, "MAILSTACK_OAUTH2_PORT": base + 6,
                "MAILSTACK_INTROSPECT_PORT": base + 7,
            ].mapValues(String.init)
            do {
                try mailstack("start", directory, environment: ports)
                return try load(directory: directory)
            } catch {
                lastError = error
                _ = try? mailstack("stop", directory)
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
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

extension Trait where Self == ConditionTrait {
    /// The suite talks to the local Dovecot and SMTP server that `make test` starts (and
    /// names in THIDUA_TEST_MAILSTACK). Without it, a plain `swift test` skips the suite
    /// and says why, instead of failing every test in it.
    static var mailStack: Self {
        .enabled(
            if: ProcessInfo.processInfo.environment["THIDUA_TEST_MAILSTACK"] != nil,
            "needs the local mail stack: run `make test`, which starts it and sets THIDUA_TEST_MAILSTACK")
    }
}
