import Foundation
import Testing

/// Raw mail retention through the CLI, as an operator runs it: mail fetched from the mail
/// stack, made old, then `thidua prune --dry-run`, `thidua prune`, and `status`/`backup`
/// on the pruned store; the daemon's daily step sweeps what a cut-short prune left.
@Suite(.mailStack)
struct RawMailRetentionTests {
    @Test func pruneDeletesOnlySettledRawMailPastItsRetentionAndTheLedgerKeepsItsTrace() async throws {
        let stack = try MailStack.fromEnvironment()
        let fixture = try IntakeFixture(stack: stack, label: "prune", unitCount: 3)
        defer { fixture.removeWorkspace() }

        // A stranger's submission (it waits in the review queue), then one from each school.
        let stranger = "la-\(UUID().uuidString.prefix(6).lowercased())@elsewhere.example"
        let strange = SampleMail.submission(
            from: stranger, fromName: "Người lạ", to: fixture.office,
            subject: "Kế hoạch thi đua khen thưởng 2021", filename: "KH.pdf", body: "Kính gửi.")
        #expect(try await stack.smtp(user: stranger).send(strange, from: stranger, to: [fixture.office]).allSatisfy { $0.error == nil })
        _ = try await fixture.deliver(count: 3, startingAt: 1)
        let first = try fixture.thidua.run(["run", "--once"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try fixture.statusMessages() == 4)
        let settled = try fixture.sqlite("SELECT raw_path FROM messages WHERE unit_code IS NOT NULL ORDER BY id")
        let inReview = try fixture.sqlite("SELECT raw_path FROM messages WHERE unit_code IS NULL")
        #expect(try fixture.sqlite("SELECT count(*), count(stored_path) FROM attachments") == ["4|0"], "attachments live in their raw mail")
        try #require(settled.count == 3 && inReview.count == 1, "settled \(settled), in review \(inReview)")
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: fixture.data.appendingPathComponent(path).path) }

        // Two school years later: the campaign's deadline long past, the retention set.
        try writeSQL(fixture, "UPDATE messages SET received_at = strftime('%Y-%m-%d %H:%M:%f', received_at, '-800 days')")
        let config = URL(fileURLWithPath: try #require(fixture.thidua.environment["THIDUA_CONFIG"]))
        var yaml = try String(contentsOf: config, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: #"opens: \S+"#, with: "opens: 2021-02-08", options: .regularExpression)
            .replacingOccurrences(of: #"deadline: \S+"#, with: "deadline: 2021-02-21T23:59", options: .regularExpression)
        try (yaml + "\nraw_mail_retention: 400d\n").write(to: config, atomically: true, encoding: .utf8)

        let dryRun = try fixture.thidua.run(["prune", "--dry-run"])
        #expect(dryRun.status == 0, "\(dryRun.stderr)")
        #expect(dryRun.stdout.contains("would delete the raw mail of 3 message(s): 3 file(s)"), "\(dryRun.stdout)")
        #expect((settled + inReview).allSatisfy(exists), "a dry run deletes nothing")

        let prune = try fixture.thidua.run(["prune"])
        #expect(prune.status == 0, "\(prune.stderr)")
        #expect(prune.stdout.contains("deleted the raw mail of 3 message(s): 3 file(s)"), "\(prune.stdout)")
        #expect(!settled.contains(where: exists), "the settled messages' raw mail is gone")
        #expect(inReview.allSatisfy(exists), "mail in the review queue keeps its raw copy")
        // Each pruned message's attachment was written out of it first, and is kept.
        let attachments = try fixture.sqlite("SELECT stored_path FROM attachments WHERE stored_path IS NOT NULL")
        #expect(attachments.count == 3 && attachments.allSatisfy(exists), "\(attachments)")
        #expect(
            try fixture.sqlite(
                "SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.unit_code IS NULL AND a.stored_path IS NULL"
            ) == ["1"],
            "the attachment of mail in review stays in its raw mail")
        // The ledger still holds every message with its hash, and an event for each deletion.
        #expect(try fixture.sqlite("SELECT count(*) FROM messages WHERE length(sha256) = 64") == ["4"])
        #expect(try fixture.sqlite("SELECT count(*) FROM events WHERE kind = 'message.raw_pruned' AND detail LIKE '%sha256 %'") == ["3"])
        #expect(try fixture.statusMessages() == 4, "status works on a pruned store")

        let backup = fixture.workspace.appendingPathComponent("ledger.sqlite").path
        let backedUp = try fixture.thidua.run(["backup", backup])
        #expect(backedUp.status == 0, "\(backedUp.stderr)")
        let manifest = try String(contentsOfFile: backup + ".manifest.jsonl", encoding: .utf8)
        #expect(manifest.split(separator: "\n").count == 1 + attachments.count, "\(manifest)")
        #expect(!settled.contains { manifest.contains($0) }, "the manifest lists no pruned file")

        // A prune killed after its commit leaves the file: the next one deletes it.
        try Data("left behind".utf8).write(to: fixture.data.appendingPathComponent(settled[0]))
        let sweep = try fixture.thidua.run(["prune"])
        #expect(sweep.stdout.contains("1 file(s) of raw mail pruned earlier were still there"), "\(sweep.stdout)")
        #expect(!exists(settled[0]))
        let again = try fixture.thidua.run(["prune"])
        #expect(again.stdout.contains("nothing was deleted"), "\(again.stdout)")

        // The daemon's daily step does the same once a day has passed since the last prune.
        try Data("left behind".utf8).write(to: fixture.data.appendingPathComponent(settled[1]))
        try writeSQL(fixture, "UPDATE intake_health SET at = '2000-01-01 00:00:00.000' WHERE key = 'last_raw_prune'")
        let daemon = try fixture.thidua.run(["run", "--once"])
        #expect(daemon.status == 0, "\(daemon.stderr)")
        #expect(daemon.stderr.contains("raw mail past its retention deleted"), "\(daemon.stderr)")
        #expect(!exists(settled[1]))
        try await fixture.expectNothingMarkedRead(count: 4)

        // A retention short enough to be a typo is refused, naming the key.
        try (yaml + "\nraw_mail_retention: 4d\n").write(to: config, atomically: true, encoding: .utf8)
        let refused = try fixture.thidua.run(["prune", "--dry-run"])
        #expect(refused.status == 78)
        #expect(refused.stderr.contains("raw_mail_retention"), "\(refused.stderr)")
    }

    private func writeSQL(_ fixture: IntakeFixture, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = ["-batch", "-cmd", ".timeout 10000", fixture.database.path, sql]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 \(sql)")
    }
}
