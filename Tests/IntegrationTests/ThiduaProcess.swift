import Foundation
import Synchronization

/// Runs the built `thidua` binary, as an operator would, and captures its output.
struct ThiduaProcess {
    var environment: [String: String]

    /// thidua pointed at the test mail stack as the office `office`, with `config` and its
    /// own data directory; `extra` adds or overrides variables.
    static func against(
        _ stack: MailStack, office: String, config: URL, dataDirectory: URL,
        extra: [String: String] = [:]
    ) -> ThiduaProcess {
        ThiduaProcess(
            environment: [
                "THIDUA_CONFIG": config.path,
                "THIDUA_IMAP_URL": stack.imapsURL + "/INBOX",
                "THIDUA_IMAP_USER": office,
                "THIDUA_IMAP_PASSWORD": stack.password,
                "THIDUA_SMTP_URL": stack.smtpURL,
                "THIDUA_SMTP_USER": office,
                "THIDUA_SMTP_PASSWORD": stack.password,
                "THIDUA_SMTP_FROM": "Phòng GDĐT thử nghiệm <\(office)>",
                "THIDUA_TLS_CA_FILE": stack.caFile,
                "THIDUA_DATA_DIR": dataDirectory.path,
                // A port of its own, so daemons of tests running side by side never collide.
                "THIDUA_DASHBOARD_LISTEN": "127.0.0.1:\(HTTPClient.freePort())",
            ].merging(extra) { _, new in new })
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits next to the test bundle in SwiftPM's build directory.
    static var binary: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("thidua")
    }

    func run(_ arguments: [String], input: String? = nil) throws -> Output {
        let process = Process()
        if let input {
            let pipe = Pipe()
            process.standardInput = pipe
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read before waiting, so a chatty child never blocks on a full pipe.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// `thidua` started in the background (the daemon), its output going to a log file, so a
/// test can kill it at a moment of its choosing and look at what it logged.
final class BackgroundThidua: @unchecked Sendable {
    let process: Process
    let log: URL

    init(process: Process, log: URL) {
        self.process = process
        self.log = log
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    func signal(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Runs `action` once the log holds `count` lines containing `text` (or at the deadline, or
    /// once the process has exited); returns how many it held then. The watch has a thread of
    /// its own: a busy machine can keep the tests' cooperative pool from a watch for seconds,
    /// and a watch waiting its turn there sees the daemon finish the whole batch unwatched.
    @discardableResult
    func once(
        logShows count: Int, linesContaining text: String, within limit: Duration,
        _ action: @escaping @Sendable () throws -> Void
    ) async throws -> Int {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Int, any Error>) in
            Thread {
                let deadline = ContinuousClock.now + limit
                var seen = 0
                while ContinuousClock.now < deadline, self.process.isRunning {
                    let log = String(decoding: (try? Data(contentsOf: self.log)) ?? Data(), as: UTF8.self)
                    seen = log.split(separator: "\n").count(where: { $0.contains(text) })
                    if seen >= count { break }
                    usleep(2_000)
                }
                done.resume(with: Result { try action() }.map { seen })
            }.start()
        }
    }

    /// Sends SIGKILL `delay` after the log holds `count` lines containing `text` (timed from
    /// the watch in `once(logShows:…)`), and reaps the process; returns whether it was still
    /// running when the signal went.
    func killHard(after delay: Duration, onceLogShows count: Int, linesContaining text: String) async throws -> Bool {
        let wasRunning = Mutex(false)
        try await once(logShows: count, linesContaining: text, within: .seconds(60)) {
            Thread.sleep(forTimeInterval: delay / .seconds(1))
            wasRunning.withLock { $0 = self.process.isRunning }
            self.signal(SIGKILL)
        }
        await killHard()
        return wasRunning.withLock { $0 }
    }

    /// Waits up to `timeout` without blocking a thread of the concurrency pool; returns how
    /// the process ended, or nil if it is still running.
    func waitForExit(timeout: Duration) async -> (reason: Process.TerminationReason, status: Int32)? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return (process.terminationReason, process.terminationStatus)
    }

    /// SIGKILL, as a power cut or the OOM killer would, then reaps the process.
    func killHard() async {
        signal(SIGKILL)
        _ = await waitForExit(timeout: .seconds(30))
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
}

extension ThiduaProcess {
    /// Starts `thidua arguments…` in the background, appending its stdout and stderr to `log`.
    func start(_ arguments: [String], log: URL) throws -> BackgroundThidua {
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return BackgroundThidua(process: process, log: log)
    }

    /// `run` without blocking a thread of the concurrency pool while the child works.
    func runInBackground(_ arguments: [String], log: URL, timeout: Duration = .seconds(180)) async throws
        -> (reason: Process.TerminationReason, status: Int32)?
    {
        let child = try start(arguments, log: log)
        guard let ended = await child.waitForExit(timeout: timeout) else {
            await child.killHard()
            return nil
        }
        return ended
    }
}
