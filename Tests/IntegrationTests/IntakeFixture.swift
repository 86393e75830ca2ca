import Foundation
import MIME
import MailTransport
import Testing

/// One office of its own for an intake test: a fresh office account on the mail stack, a
/// roster of schools, a config and a fresh data directory, and the checks every intake test
/// ends with (exactly once, every file present, no orphan, nothing marked as read).
struct IntakeFixture {
    typealias Unit = (code: String, name: String, email: String)

    let stack: MailStack
    let office: String
    let workspace: URL
    let units: [Unit]
    let thidua: ThiduaProcess

    var data: URL { workspace.appendingPathComponent("data") }
    var database: URL { data.appendingPathComponent("thidua.sqlite") }
    var log: URL { workspace.appendingPathComponent("thidua.log") }

    init(stack: MailStack, label: String, unitCount: Int = 20) throws {
        self.stack = stack
        let run = UUID().uuidString.prefix(8).lowercased()
        office = "office-\(run)@pgd.example"
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-\(label)-\(run)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        units = (1...unitCount).map { index in
            let number = String(format: "%02d", index)
            return (code: "TH\(number)", name: "Trường Tiểu học Số \(index)", email: "th\(number)-\(run)@schools.example")
        }
        // The walking skeleton's config, with a short poll interval and
        // no reminder due yet: these tests are about the intake alone.
        let config = try WalkingSkeletonTests().writeConfig(in: workspace, units: units)
        let yaml = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "poll_interval: 60s", with: "poll_interval: 5s")
            .replacingOccurrences(of: "reminders: [-3d, -1d]", with: "reminders: [-1d]")
        try yaml.write(to: config, atomically: true, encoding: .utf8)
        thidua = ThiduaProcess.against(stack, office: office, config: config, dataDirectory: workspace.appendingPathComponent("data"))
    }

    func removeWorkspace() {
        try? FileManager.default.removeItem(at: workspace)
    }

    // MARK: - Mail into the office mailbox

    /// Sends `count` school submissions (a scanned PDF each) to the office over SMTP — the way
    /// schools' mail really arrives, and unlike IMAP APPEND through libcurl (which always
    /// appends with `\Seen`) it leaves the messages unread. Four connections in parallel;
    /// message `n` comes from unit `n mod units`. Returns the Message-IDs, normalised as the
    /// MIME parser (and so the database) writes them.
    func deliver(count: Int, startingAt first: Int = 0) async throws -> [String] {
        let mails: [(from: String, raw: [UInt8])] = (first..<(first + count)).map { index in
            let unit = units[index % units.count]
            return (
                unit.email,
                SampleMail.submission(
                    from: unit.email, fromName: unit.name, to: office,
                    subject: "Kế hoạch thi đua khen thưởng 2021 - \(unit.name) - bản \(index + 1)",
                    filename: "Kế hoạch thi đua \(unit.name) (\(index + 1)).pdf",
                    body: "Kính gửi Phòng GDĐT, đơn vị gửi kế hoạch (bản scan có dấu đỏ), lần \(index + 1).")
            )
        }
        let workers = 4
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<workers {
                let share = stride(from: worker, to: mails.count, by: workers).map { mails[$0] }
                let smtp = try stack.smtp(user: units[worker % units.count].email)
                let office = self.office
                group.addTask {
                    for mail in share {
                        let results = await smtp.send(mail.raw, from: mail.from, to: [office])
                        if let error = results.compactMap(\.error).first { throw error }
                    }
                }
            }
            try await group.waitForAll()
        }
        let ids = mails.map { MailMessage.parse($0.raw).messageID ?? "" }
        // Delivery is over LMTP behind the SMTP server: wait until Dovecot shows every message.
        let imap = try stack.imap(user: office)
        let deadline = ContinuousClock.now + .seconds(60)
        var seen = 0
        // A last look after the deadline: a pool held by other suites may wake this past it.
        while true {
            seen = Int(try await imap.status(mailbox: "INBOX").messages)
            if seen >= first + count { return ids }
            if ContinuousClock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("only \(seen) of \(first + count) messages reached the office INBOX")
        return ids
    }

    // MARK: - The database, read with the sqlite3 CLI

    struct SQLiteFailed: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `sql` on the database opened read-only; one output line per row, `|` between columns.
    func sqlite(_ sql: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-readonly", "-batch", "-cmd", ".timeout 10000", database.path, sql]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SQLiteFailed(description: "sqlite3 \(sql): \(String(decoding: stderr, as: UTF8.self))")
        }
        return String(decoding: stdout, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
    }

    /// Messages recorded so far (0 before the database exists, or while it cannot be read).
    func recordedCount() -> Int {
        guard FileManager.default.fileExists(atPath: database.path) else { return 0 }
        return (try? sqlite("SELECT COUNT(*) FROM messages").first.flatMap { Int($0) }) ?? 0
    }

    // MARK: - The checks every intake test ends with

    /// Every message in `expected` recorded exactly once, with its raw file present and its
    /// one attachment recorded (read out of the raw file, none written to a file of its
    /// own); no file under raw/ or files/ that no row references; tmp/
    /// empty; no temporary (`incoming-…`) file left anywhere; no message kept unparsed after repeated deaths.
    func expectExactlyOnce(_ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let counts = try sqlite("SELECT COUNT(*), COUNT(DISTINCT uid_validity || ':' || uid), COUNT(DISTINCT message_id) FROM messages")
        #expect(
            counts == ["\(expected.count)|\(expected.count)|\(expected.count)"],
            "messages: rows | distinct (uidvalidity, uid) | distinct Message-IDs, expected \(expected.count) each",
            sourceLocation: sourceLocation)
        let recordedIDs = try sqlite("SELECT message_id FROM messages")
        let missing = Set(expected).subtracting(recordedIDs)
        let unexpected = Set(recordedIDs).subtracting(expected)
        #expect(missing.isEmpty, "\(missing.count) messages never recorded, e.g. \(missing.prefix(3))", sourceLocation: sourceLocation)
        #expect(unexpected.isEmpty, "\(unexpected.count) unexpected rows, e.g. \(unexpected.prefix(3))", sourceLocation: sourceLocation)

        let attachmentCounts = try sqlite(
            "SELECT COUNT(*), COUNT(DISTINCT message_id), COUNT(stored_path) FROM attachments")
        #expect(
            attachmentCounts == ["\(expected.count)|\(expected.count)|0"],
            "attachments: rows | messages | written out, expected one scan per message, each in its raw message",
            sourceLocation: sourceLocation)
        let keptUnparsed = try sqlite(
            "SELECT uid_validity || ':' || uid || ' ' || parse_error FROM messages WHERE parse_error LIKE '%kept unparsed%'")
        #expect(keptUnparsed.isEmpty, "messages kept unparsed after repeated deaths: \(keptUnparsed)", sourceLocation: sourceLocation)

        let rawPaths = try sqlite("SELECT raw_path FROM messages")
        let storedPaths = try sqlite("SELECT stored_path FROM attachments WHERE stored_path IS NOT NULL")
        let referenced = Set(rawPaths).union(storedPaths)
        let missingFiles = referenced.filter { !FileManager.default.fileExists(atPath: data.appendingPathComponent($0).path) }
        #expect(
            missingFiles.isEmpty, "\(missingFiles.count) recorded files missing on disk, e.g. \(missingFiles.prefix(3))",
            sourceLocation: sourceLocation)

        // Each raw file holds its own message: the bytes whose SHA-256 was recorded (and
        // names the file), not another message that arrived on the same connection.
        let wrongRaw = try sqlite("SELECT raw_path || '|' || sha256 FROM messages").filter { row in
            let parts = row.split(separator: "|", maxSplits: 1).map(String.init)
            guard parts.count == 2, let bytes = FileManager.default.contents(atPath: data.appendingPathComponent(parts[0]).path) else {
                return false
            }
            return SHA256Hasher.hex(of: Array(bytes)) != parts[1]
        }
        #expect(
            wrongRaw.isEmpty, "\(wrongRaw.count) raw files do not hold the message recorded for them, e.g. \(wrongRaw.prefix(3))",
            sourceLocation: sourceLocation)

        let onDisk = files(under: "raw") + files(under: "files")
        let orphans = onDisk.filter { !referenced.contains($0) }
        #expect(orphans.isEmpty, "\(orphans.count) orphan files, e.g. \(orphans.prefix(5))", sourceLocation: sourceLocation)
        let temporary = files(under: "tmp")
        #expect(temporary.isEmpty, "tmp/ is not empty: \(temporary.prefix(5))", sourceLocation: sourceLocation)
        let leftovers = files(under: "").filter { ($0 as NSString).lastPathComponent.hasPrefix("incoming-") }
        #expect(leftovers.isEmpty, "half-written temporary files left behind: \(leftovers.prefix(5))", sourceLocation: sourceLocation)
    }

    /// Regular files under `data/<directory>`, as paths relative to the data directory.
    func files(under directory: String) -> [String] {
        let base = directory.isEmpty ? data : data.appendingPathComponent(directory)
        guard let enumerator = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var result: [String] = []
        let prefix = data.standardizedFileURL.path + "/"
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            let path = url.standardizedFileURL.path
            result.append(path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path)
        }
        return result
    }

    /// No message in the office INBOX carries `\Seen`: fetching never marked anything as read.
    func expectNothingMarkedRead(count: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        // A thousand UIDs a connection: libcurl counts every response line a handle has read
        // against its limit of 300 KB of headers, and a large mailbox's flags pass it.
        var flags: [UInt32: [String]] = [:]
        let uidNext = try await stack.imap(user: office).status(mailbox: "INBOX").uidNext
        for first in stride(from: UInt32(1), to: uidNext, by: 1000) {
            let range = try await stack.imap(user: office).flags(mailbox: "INBOX", from: first, below: min(first + 1000, uidNext))
            flags.merge(range) { _, new in new }
        }
        #expect(flags.count == count, "the office INBOX holds \(flags.count) messages", sourceLocation: sourceLocation)
        let seen = flags.filter { $0.value.contains("\\Seen") }
        #expect(
            seen.isEmpty, "\(seen.count) messages marked \\Seen, e.g. UIDs \(seen.keys.sorted().prefix(5))", sourceLocation: sourceLocation)
    }

    /// `thidua status --json`'s intake.messages.
    func statusMessages() throws -> Int {
        try WalkingSkeletonTests().decodeStatus(thidua.run(["status", "--json"])).intake.messages
    }
}
