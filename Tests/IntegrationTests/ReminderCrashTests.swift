import Foundation
import MIME
import Testing

/// SIGKILL in the middle of a reminder batch, then a restart: nobody gets a stage twice,
/// and the send that was in flight (claimed, never confirmed) is shown to the officer and
/// not repeated. The stack's SMTP server holds `slow-*` recipients for 10 s at RCPT, so
/// the kill lands while that reminder is on the wire.
@Suite(.serialized, .mailStack)
struct ReminderCrashTests {
    struct Status: Decodable {
        struct Reminders: Decodable { var sent, failed, uncertain: Int }
        var reminders: Reminders
    }

    @Test func aKillMidBatchSendsNothingTwiceAndTheUncertainOneIsShownNotResent() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let units = (1...5).map { n in
            (code: "U\(n)", name: "Tiểu học Số \(n)", email: n == 3 ? "slow-u3-\(run)@schools.example" : "u\(n)-\(run)@schools.example")
        }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-kill-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }
        let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: units)
        let data = workspace.appendingPathComponent("data")
        let thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: data)
        let log = workspace.appendingPathComponent("thidua.log")

        // The batch goes in roster order: U1 and U2 out, U3 held at RCPT — kill it there.
        // Watched and killed from a thread of its own: the tests running alongside can keep
        // the concurrency pool's few threads busy for longer than U3 is held.
        let first = try thidua.start(["run", "--once"], log: log)
        let pid = first.pid
        let states = await withCheckedContinuation { (continuation: CheckedContinuation<[String: String], Never>) in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(60)
                var states: [String: String] = [:]
                while Date() < deadline {
                    states = Self.reminderStates(data)
                    if states["U3"] == "sending" {
                        kill(pid, SIGKILL)
                        break
                    }
                    usleep(20_000)
                }
                continuation.resume(returning: states)
            }
        }
        await first.killHard()
        try #require(states["U3"] == "sending", "the batch never reached U3: \(states)\n\(first.logText)")
        #expect(Self.reminderStates(data) == ["U1": "sent", "U2": "sent", "U3": "sending"])

        // Restarted, twice: the rest of the batch goes out once; U3 is left alone.
        for _ in 0..<2 {
            let again = try thidua.run(["run", "--once"])
            #expect(again.status == 0, "\(again.stderr)")
        }
        #expect(Self.reminderStates(data) == ["U1": "sent", "U2": "sent", "U3": "sending", "U4": "sent", "U5": "sent"])
        for unit in units {
            let count = try await stack.inbox(of: unit.email).count
            #expect(count == (unit.code == "U3" ? 0 : 1), "\(unit.code) has \(count) reminders")
        }

        let status = try JSONDecoder().decode(Status.self, from: Data(try thidua.run(["status", "--json"]).stdout.utf8))
        #expect(status.reminders.sent == 4)
        #expect(status.reminders.uncertain == 1)
        let text = try thidua.run(["status"]).stdout
        #expect(text.contains("chưa rõ kết quả 1"))
        #expect(text.contains("U3 (-3d): chưa rõ đã gửi được hay chưa"), "\(text)")
        #expect(text.contains(units[2].email))

        // The officer's digest names it too.
        let officer = "canbo-\(run)@pgd.example"
        let digest = try await Self.digest(to: officer, config: config, thidua: thidua, stack: stack)
        #expect(
            digest?.bodyText.contains(
                "U3 Tiểu học Số 3 — Kế hoạch thi đua khen thưởng thử nghiệm, đợt nhắc -3d: chưa rõ đã gửi được hay chưa") == true,
            "\(digest?.bodyText ?? "no digest")")
    }

    /// Switches the digest on for `officer`, runs a cycle at 16:45 today (office time), and
    /// returns the digest the officer received.
    static func digest(to officer: String, config: URL, thidua: ThiduaProcess, stack: MailStack) async throws -> MailMessage? {
        try (String(contentsOf: config, encoding: .utf8) + "\ndigest:\n  to: \(officer)\n").write(
            to: config, atomically: true, encoding: .utf8)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
        let today = calendar.dateComponents([.year, .month, .day], from: Date())
        let at = String(format: "%04d-%02d-%02dT16:45:00+07:00", today.year!, today.month!, today.day!)
        let output = try thidua.run(["run", "--once", "--now", at])
        #expect(output.status == 0, "\(output.stderr)")
        let inbox = try await stack.inbox(of: officer)
        #expect(inbox.count == 1)
        return inbox.first
    }

    /// unit → state of its reminder rows, read with the sqlite3 CLI (read-only, as the
    /// daemon may be writing). Spawned directly with every descriptor above stderr closed,
    /// not with Foundation's `Process`, which on Linux learns that a child ended only when
    /// every holder of a socket it hands the child has closed it: a daemon another test
    /// spawns at that moment can inherit it, and the read would then wait for that daemon.
    private static func reminderStates(_ data: URL) -> [String: String] {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("states-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let open = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).compactMap { Int32($0) }
        for fd in 3..<max(1024, (open.max() ?? 0) + 64) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        let arguments = [
            "/usr/bin/sqlite3", "-readonly", "-batch", "-cmd", ".timeout 5000",
            data.appendingPathComponent("thidua.sqlite").path, "SELECT unit_code, state FROM outbox WHERE kind = 'reminder'",
        ]
        let argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { return [:] }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        var states: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "|").map(String.init)
            if parts.count == 2 { states[parts[0]] = parts[1] }
        }
        return states
    }
}
