import Foundation
import MIME
import MailTransport
import Testing

/// The intake asks for the next message while the current one is still arriving. Whatever
/// the caller does next — the announced message, another one, or none — every fetch must
/// return exactly the message asked for, and a pipelined answer nobody wanted must not
/// leave the session out of step.
@Suite(.serialized, .mailStack)
struct PipelinedFetchTests {
    @Test func eachFetchReturnsTheMessageAskedForWhateverWasPipelined() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let school = "school-\(run)@schools.example"
        // The second message is plain text whose lines look like the ends of thidua's own
        // commands: read as response lines instead of as a literal, they would end a command early.
        let lookalikes =
            (["From: <\(school)>", "To: <\(office)>", "Subject: T1 OK", "Message-ID: <\(run)@school.test>", ""]
            + (1...300).map { "T\($0) OK done" }).joined(separator: "\r\n") + "\r\n"
        let scans: [[UInt8]?] = [SampleMail.largeScan(size: 900_000), nil, SampleMail.largeScan(size: 2_500_000)]
        for (index, scan) in scans.enumerated() {
            let mail =
                scan.map {
                    SampleMail.submission(
                        from: school, fromName: "Trường \(index)", to: office, subject: "Kế hoạch \(index)",
                        filename: "scan-\(index).pdf", body: "Kính gửi.", file: $0)
                } ?? Array(lookalikes.utf8)
            let results = try await stack.smtp(user: school).send(mail, from: school, to: [office])
            #expect(results.allSatisfy { $0.error == nil })
        }
        let imap = try stack.imap(user: office)
        let status = try await Self.delivered(3, to: imap)
        let uids = try await imap.uids(mailbox: "INBOX", uidValidity: status.uidValidity, from: 1, below: status.uidNext)
        try #require(uids.count == 3)
        // Delivered in the order sent: each UID's message carries that scan (or none).
        let expected = Dictionary(uniqueKeysWithValues: zip(uids, scans))

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-pipelined-\(run)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var number = 0
        func fetch(_ uid: UInt32, next: [UInt32]) async throws -> FetchedFile {
            number += 1
            let path = directory.appendingPathComponent("\(number)").path
            let fetched = try await imap.fetch(
                mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid, toFile: path,
                durable: false, next: next)
            let onDisk = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(fetched.uid == uid)
            let message = MailMessage.parse(onDisk)
            #expect(message.attachments.first?.data == expected[uid] ?? nil, "UID \(uid): the file holds another message or a part of one")
            #expect(onDisk.suffix(2) == [13, 10] && (expected[uid] != nil || message.messageID == "\(run)@school.test"))
            #expect(fetched.size == onDisk.count)
            #expect(fetched.sha256 == SHA256Hasher.hex(of: onDisk))
            return fetched
        }
        // The announced one comes next: its answer is already on its way.
        _ = try await fetch(uids[0], next: [uids[1]])
        _ = try await fetch(uids[1], next: [uids[2]])
        _ = try await fetch(uids[2], next: [])
        // Another one comes instead: the pipelined answer is read to its end and dropped.
        _ = try await fetch(uids[0], next: [uids[1]])
        _ = try await fetch(uids[2], next: [uids[0]])
        _ = try await fetch(uids[1], next: [])
        // Two announced at once come in turn, each answer already on its way.
        _ = try await fetch(uids[0], next: [uids[1], uids[2]])
        _ = try await fetch(uids[1], next: [uids[2]])
        _ = try await fetch(uids[2], next: [])
        // Two announced, then neither asked for first: both answers are read to their ends.
        _ = try await fetch(uids[2], next: [uids[0], uids[1]])
        _ = try await fetch(uids[1], next: [])
        _ = try await fetch(uids[0], next: [])
        // A UID that is not there, with the next one announced: the NOOP sent to look for it
        // again must first read that announced answer (holding the lookalike lines) to its end.
        let missing = await #expect(throws: IMAPProtocolError.self) {
            try await imap.fetch(
                mailbox: "INBOX", uidValidity: status.uidValidity, uid: status.uidNext + 10,
                toFile: directory.appendingPathComponent("missing").path, durable: false, next: [uids[1], uids[2]])
        }
        #expect(missing?.kind == .missingMessage)
        _ = try await fetch(uids[0], next: [])
        _ = try await fetch(uids[1], next: [])
        #expect(try await imap.flags(mailbox: "INBOX").allSatisfy { !$0.value.contains("\\Seen") })
    }

    /// A backlog takes turns on two fetching connections, as the intake fetches it: each
    /// connection logs in once and pipelines its own next message, and every file holds the
    /// message asked for.
    @Test func messagesTakeTurnsOnTwoConnectionsEachLoggedInOnce() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let school = "school-\(run)@schools.example"
        let scans = (0..<6).map { SampleMail.largeScan(size: 200_000 + 150_000 * $0) }
        for (index, scan) in scans.enumerated() {
            let mail = SampleMail.submission(
                from: school, fromName: "Trường \(index)", to: office, subject: "Kế hoạch \(index)",
                filename: "scan-\(index).pdf", body: "Kính gửi.", file: scan)
            let results = try await stack.smtp(user: school).send(mail, from: school, to: [office])
            #expect(results.allSatisfy { $0.error == nil })
        }
        let imap = try stack.imap(user: office, fetchConnections: 2)
        #expect(imap.fetchConnections == 2)
        let status = try await Self.delivered(6, to: imap)
        let uids = try await imap.uids(mailbox: "INBOX", uidValidity: status.uidValidity, from: 1, below: status.uidNext)
        try #require(uids.count == scans.count)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-two-\(run)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // All started at once, each after the one before it on its connection (the nth on
        // connection n mod 2), naming the next three there, as the intake pipelines several.
        var last: [Task<FetchedFile, any Error>?] = [nil, nil]
        var fetches: [Task<FetchedFile, any Error>] = []
        for (index, uid) in uids.enumerated() {
            let (connection, previous) = (index % 2, last[index % 2])
            let next = stride(from: index + 2, to: uids.count, by: 2).prefix(3).map { uids[$0] }
            let path = directory.appendingPathComponent("\(uid)").path
            let task = Task {
                _ = await previous?.result
                return try await imap.fetch(
                    mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid, toFile: path,
                    durable: false, next: next, connection: connection)
            }
            last[connection] = task
            fetches.append(task)
        }
        for (index, task) in fetches.enumerated() {
            let fetched = try await task.value
            let onDisk = Array(try Data(contentsOf: URL(fileURLWithPath: fetched.path)))
            #expect(fetched.uid == uids[index])
            #expect(MailMessage.parse(onDisk).attachments.first?.data == scans[index], "UID \(uids[index]): another message's scan")
            #expect(fetched.sha256 == SHA256Hasher.hex(of: onDisk))
        }
        // One login for each fetching connection (the first also asked for the status and
        // the search), however many messages; Dovecot writes its log a moment after the login.
        var logins = stack.imapLogins(of: office)
        for _ in 0..<30 where logins.count < 2 {
            try await Task.sleep(for: .milliseconds(100))
            logins = stack.imapLogins(of: office)
        }
        try await Task.sleep(for: .milliseconds(300))  // a third login would be logged by now
        logins = stack.imapLogins(of: office)
        #expect(logins.count == 2, "\(logins)")
        // Each over TLS 1.3 with AES-128-GCM, the suite thidua asks for first.
        #expect(logins.allSatisfy { $0.contains("TLSv1.3 with cipher TLS_AES_128_GCM_SHA256") }, "\(logins)")
        #expect(try await imap.flags(mailbox: "INBOX").allSatisfy { !$0.value.contains("\\Seen") })
    }

    /// `prepare()` logs the fetching connections in while the daemon opens its store: the
    /// poll that follows (EXAMINE, SEARCH, fetches) finds them open, no connection logs in a
    /// second time, and the command connection, which the poll does not need, none at all.
    @Test func preparedConnectionsServeThePollWithoutLoggingInAgain() async throws {
        let stack = try MailStack.fromEnvironment()
        let run = UUID().uuidString.prefix(8).lowercased()
        let office = "office-\(run)@pgd.example"
        let school = "school-\(run)@schools.example"
        for index in 0..<2 {
            let mail = SampleMail.submission(
                from: school, fromName: "Trường \(index)", to: office, subject: "Kế hoạch \(index)",
                filename: "scan-\(index).pdf", body: "Kính gửi.", file: SampleMail.largeScan(size: 50_000))
            #expect(try await stack.smtp(user: school).send(mail, from: school, to: [office]).allSatisfy { $0.error == nil })
        }
        let imap = try stack.imap(user: office, fetchConnections: 2)
        imap.prepare()
        var logins = stack.imapLogins(of: office)
        for _ in 0..<50 where logins.count < 2 {  // both, before anything is asked for
            try await Task.sleep(for: .milliseconds(100))
            logins = stack.imapLogins(of: office)
        }
        #expect(logins.count == 2, "\(logins)")
        let status = try await Self.delivered(2, to: imap)
        let uids = try await imap.uids(mailbox: "INBOX", uidValidity: status.uidValidity, from: 1, below: status.uidNext)
        try #require(uids.count == 2)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-prepared-\(run)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, uid) in uids.enumerated() {
            let fetched = try await imap.fetch(
                mailbox: "INBOX", uidValidity: status.uidValidity, uid: uid,
                toFile: directory.appendingPathComponent("\(uid)").path, durable: false, connection: index)
            #expect(fetched.uid == uid)
        }
        try await Task.sleep(for: .milliseconds(300))  // a login after all would be logged by now
        #expect(stack.imapLogins(of: office).count == 2)
    }

    /// A refused login at `prepare()` is the first STATUS's error, as a refused login is
    /// without it; the STATUS does not try again at once, and the next one does. The other
    /// fetching connection's refusal at start is not kept for its first fetch, which may
    /// come polls later: that fetch logs in afresh.
    @Test func aLoginRefusedWhilePreparingIsTheFirstStatusError() async throws {
        let stack = try MailStack.fromEnvironment()
        let user = "nobody-\(UUID().uuidString.prefix(8).lowercased())@pgd.example"
        let imap = IMAPClient(
            server: try MailServerURL(stack.imapsURL + "/INBOX", schemes: ["imaps"]),
            settings: ConnectionSettings(user: user, password: "not-the-password", caFile: stack.caFile), fetchConnections: 2)
        imap.prepare()
        // Dovecot logs a refused login as the connection closes, a moment after.
        func refusals(atLeast count: Int) async throws -> Int {
            var found = 0
            for _ in 0..<50 {
                let log = (try? String(contentsOfFile: stack.directory + "/log/dovecot.log", encoding: .utf8)) ?? ""
                found = log.split(separator: "\n").count { $0.contains("auth failed") && $0.contains("user=<\(user)>") }
                if found >= count { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            return found
        }
        for (attempt, expected) in [(1, 2), (2, 3)] {
            do {
                _ = try await imap.status(mailbox: "INBOX")
                Issue.record("a wrong password was accepted")
            } catch let error as CurlError {
                #expect(error.isLoginRefused, "\(error)")
            }
            // Both fetching connections' at start; the first STATUS adds none, the second one.
            #expect(try await refusals(atLeast: expected) == expected, "after STATUS \(attempt)")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-refused-\(UUID().uuidString)").path
        defer { unlink(path) }
        do {
            _ = try await imap.fetch(mailbox: "INBOX", uidValidity: 1, uid: 1, toFile: path, durable: false, connection: 1)
            Issue.record("a wrong password was accepted")
        } catch let error as CurlError {
            #expect(error.isLoginRefused, "\(error)")
        }
        #expect(try await refusals(atLeast: 4) == 4, "the second connection's first fetch logs in afresh")
    }

    /// INBOX's status once `count` messages are in it: LMTP delivery may trail the SMTP answer.
    static func delivered(_ count: UInt32, to imap: IMAPClient) async throws -> MailboxStatus {
        var status = try await imap.status(mailbox: "INBOX")
        for _ in 0..<50 where status.uidNext <= count {
            try await Task.sleep(for: .milliseconds(100))
            status = try await imap.status(mailbox: "INBOX")
        }
        return status
    }
}
