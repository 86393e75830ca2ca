import DocumentCheck
import Foundation
import GRDB
import Intake
import Testing

@testable import Store

/// Every released schema upgrades in place: a database left at each earlier version,
/// with data in it, opens with the current code and keeps its data.
struct MigrationTests {
    static var migrationNames: [String] { Schema.migrator.migrations }

    @Test(arguments: MigrationTests.migrationNames.dropLast())
    func upgradesFrom(version: String) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(DataStore.databaseName).path

        // A database as an older thidua left it, with a stored message and a receipt.
        do {
            let queue = try DatabaseQueue(path: path)
            try Schema.migrator.migrate(queue, upTo: version)
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO messages (mailbox, uid_validity, uid, message_id, sha256, raw_path, size, subject, received_at, stored_at,
                            unit_code, campaign_id, status)
                        VALUES ('INBOX', 7, 1, '<a@b>', 'abc', 'raw/x.eml', 10, 'Kế hoạch', '2021-02-18 02:12:00', '2021-02-18 02:12:01',
                            'TH01', 'kh', 'received');
                        INSERT INTO attachments (message_id, position, filename, content_type, size, sha256, kind, stored_path)
                        VALUES (1, 0, 'KH.pdf', 'application/pdf', 5, 'f1', 'scan-pdf', 'files/kh/TH01/abc-1-KH.pdf');
                        INSERT INTO receipts (campaign_id, unit_code, status, message_id, received_at, updated_at)
                        VALUES ('kh', 'TH01', 'received', 1, '2021-02-18 02:12:00', '2021-02-18 02:12:01');
                        INSERT INTO mailbox_state (mailbox, uid_validity, last_uid, updated_at) VALUES ('INBOX', 7, 1, '2021-02-18 02:12:01');
                        """)
                // A thidua with the document check had concluded its message long ago.
                if try db.columns(in: "messages").contains(where: { $0.name == "checked_at" }) {
                    try db.execute(sql: "UPDATE messages SET checked_at = stored_at")
                }
            }
        }

        let store = try DataStore(dataDirectory: directory)
        #expect(try store.lastUID(mailbox: "INBOX", uidValidity: 7) == 1)
        #expect(try store.receiptStatuses(campaign: "kh") == ["TH01": .received])
        #expect(try store.snapshotContains(messageID: "<a@b>", sha256: "abc"))
        let applied = try store.database.read { db in try Schema.migrator.appliedMigrations(db) }
        #expect(applied == Self.migrationNames)
        // What the later versions added works on the upgraded file.
        #expect(try store.dueMail().isEmpty)
        #expect(try store.outgoingCount(since: .distantPast) == 0)
        let digest = OutboxMail(kind: .digest, stage: "2021-02-18", recipients: ["canbo@x.vn"])
        let claimed = try #require(try store.claim(digest, outgoingID: "<d@x>", at: Date()))
        #expect(try store.claim(digest, outgoingID: "<e@x>", at: Date()) == nil, "the digest of a day is claimed once")
        try store.finish(id: claimed, state: .sent, error: nil, at: Date())
        #expect(try store.outbox(.digest).map(\.state) == [.sent])
        #expect(try store.receiptsReceived(from: .distantPast, to: .distantFuture).map(\.unit) == ["TH01"])
        // The dashboard's logins, replies and reads.
        try store.setDashboardPassword(user: "canbo", hash: "scrypt$32768$8$1$c2FsdA==$a2V5", at: Date())
        #expect(try store.dashboardLogin(user: "canbo")?.passwordHash == "scrypt$32768$8$1$c2FsdA==$a2V5")
        #expect(try store.ledger(campaign: "kh")["TH01"]?.status == .received)
        #expect(try store.reviewCount() == 0)
        try store.reject(
            messageID: 1, unit: "TH01", campaign: "kh", reason: "thiếu dấu đỏ",
            reply: ("th01@x.vn", "Re: Kế hoạch", "…"), actor: "officer", at: Date())
        #expect(try store.dueMail().map(\.mail.recipients) == [["th01@x.vn"]])
        #expect(try store.receiptStatuses(campaign: "kh") == ["TH01": .rejected])
        // Raw mail recorded before retention existed is kept, listed, and prunable.
        #expect(try store.prunedRawMailCount() == 0)
        #expect(try store.manifest().map(\.path) == ["files/kh/TH01/abc-1-KH.pdf", "raw/x.eml"])
        let campaign = Campaign(
            id: "kh", title: "Kế hoạch", opens: Date(timeIntervalSince1970: 1_612_000_000),
            deadline: Date(timeIntervalSince1970: 1_613_926_740), keywords: [], reminders: [])
        let plan = try store.rawMailPrunePlan(
            RawMailRetention(days: 400, campaigns: [campaign]), at: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(plan.items.map(\.rawPath) == ["raw/x.eml"])
        // An attachment written to its own file keeps it; a new one lives in its raw message.
        #expect(try store.attachment(id: 1)?.storedPath == "files/kh/TH01/abc-1-KH.pdf")
        try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 7, uid: 2, messageID: "<c@d>", sha256: "def", rawPath: "raw/y.eml", size: 10,
                fromAddress: nil, fromName: nil, subject: "", sentAt: nil, receivedAt: Date(), unit: nil, campaignID: nil, assessment: nil,
                parseError: nil,
                attachments: [.init(filename: "KH.pdf", contentType: "application/pdf", size: 5, sha256: "f2", kind: .scanPDF)]),
            at: Date())
        #expect(try store.attachment(id: 2).map { $0.storedPath == nil && $0.rawPath == "raw/y.eml" } == true)
        // Files stored before the document check wait for it, but the ledger of mail stored
        // before is not concluded again (its unit stays as it was); new mail is concluded.
        #expect(try store.pendingChecks(limit: 10).map(\.sha256) == ["f1", "f2"])
        try store.saveCheck(sha256: "f1", result: DocumentCheckResult(verdict: .noSeal, pages: 1), thumbnailPath: nil, at: Date())
        let read = DocumentFacts(issuer: "TRƯỜNG TH KIM ĐỒNG", number: "15/KH-THKĐ", date: "2021-02-18", confidence: 0.8)
        try store.saveCheck(
            sha256: "f2", result: DocumentCheckResult(verdict: .seal, pages: 1, document: read), thumbnailPath: nil, at: Date())
        #expect(try store.checkedMessages(limit: 10).map(\.row) == [2])
        #expect(try store.checkedMessages(limit: 10).first?.files.first?.document == read)
        #expect(try store.checks(sha256s: ["f1"])["f1"]?.verdict == .noSeal)
        #expect(try store.checks(sha256s: ["f1"])["f1"]?.result.document == nil, "a check made before reading carries none")
        #expect(try store.checks(sha256s: ["f2"])["f2"]?.result.document == read)
    }

    /// The four outgoing tables of v5 move into the one outbox with their states, so the
    /// at-most-once promises hold across the upgrade: a stage or a day claimed before is
    /// not claimed again, an uncertain send stays uncertain, a queued reply is still due.
    @Test func theOutgoingTablesMoveIntoTheOutboxKeepingEveryClaim() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let queue = try DatabaseQueue(path: directory.appendingPathComponent(DataStore.databaseName).path)
            try Schema.migrator.migrate(queue, upTo: "v5: raw mail pruned after its retention")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO messages (mailbox, uid_validity, uid, message_id, sha256, raw_path, size, subject, received_at, stored_at,
                            unit_code, campaign_id, status)
                        VALUES ('INBOX', 7, 1, '<a@b>', 'abc', 'raw/x.eml', 10, 'Kế hoạch', '2021-02-18 02:12:00', '2021-02-18 02:12:01',
                            'TH01', 'kh', 'received');
                        INSERT INTO acknowledgements (message_id, recipient, subject, body, in_reply_to, reference_ids, state, outgoing_id,
                            created_at, finished_at)
                        VALUES (1, 'th01@x.vn', 'Re: Kế hoạch', 'Đã nhận.', '<a@b>', '<a@b>', 'sent', '<ack@pgd>',
                            '2021-02-18 02:12:01', '2021-02-18 02:13:00');
                        INSERT INTO replies (message_id, recipient, subject, body, in_reply_to, reference_ids, state, created_at)
                        VALUES (1, 'th01@x.vn', 'Re: Kế hoạch', 'Thiếu dấu đỏ.', '<a@b>', '<a@b>', 'due', '2021-02-18 03:00:00');
                        INSERT INTO reminders (campaign_id, unit_code, stage, state, recipients, message_id, created_at, finished_at, error)
                        VALUES ('kh', 'TH02', '-3d', 'sending', 'th02@x.vn', '<r1@pgd>', '2021-02-18 01:00:00', NULL, NULL),
                               ('kh', 'TH03', '-3d', 'failed', 'th03@x.vn', '<r2@pgd>', '2021-02-18 01:00:01', '2021-02-18 01:00:02',
                                '550 no such user');
                        INSERT INTO digests (day, state, recipients, message_id, created_at, finished_at)
                        VALUES ('2021-02-18', 'sent', 'canbo@x.vn', '<d@pgd>', '2021-02-18 09:30:00', '2021-02-18 09:30:01');
                        """)
            }
        }
        let store = try DataStore(dataDirectory: directory)
        let now = Date(timeIntervalSince1970: 1_613_700_000)
        func reminder(_ unit: String) -> OutboxMail {
            OutboxMail(kind: .reminder, campaign: "kh", unit: unit, stage: "-3d", recipients: ["\(unit.lowercased())@x.vn"])
        }
        #expect(try store.claim(reminder("TH02"), outgoingID: "<again@pgd>", at: now) == nil, "an uncertain send is never repeated")
        #expect(try store.claim(reminder("TH03"), outgoingID: "<again@pgd>", at: now) == nil, "a failed stage is not retried")
        #expect(try store.claim(reminder("TH04"), outgoingID: "<r3@pgd>", at: now) != nil)
        #expect(try store.outbox(.reminder, campaign: "kh").map(\.state) == [.sending, .failed, .sending])
        #expect(try store.outbox(.reminder, campaign: "kh")[1].error == StoredError(.other, "550 no such user"))
        let digest = OutboxMail(kind: .digest, stage: "2021-02-18", recipients: ["canbo@x.vn"])
        #expect(try store.claim(digest, outgoingID: "<d2@pgd>", at: now) == nil, "the day's digest went out before the upgrade")
        let due = try store.dueMail()
        #expect(due.map(\.mail.kind) == [.reply])
        #expect(due.first?.mail.body == "Thiếu dấu đỏ." && due.first?.mail.references == ["<a@b>"])
        #expect(try store.outbox(.acknowledgement).map(\.outgoingID) == ["<ack@pgd>"])
        // The school answers the acknowledgement or a reminder: the thread still names its unit.
        #expect(try store.threadUnits(messageIDs: ["<ack@pgd>", "<r1@pgd>"]) == ["<ack@pgd>": "TH01", "<r1@pgd>": "TH02"])
        #expect(try store.snapshotAcknowledgements(to: "th01@x.vn", since: .distantPast) == 1)
    }

    @Test func thereIsMoreThanOneVersionToUpgradeFrom() {
        #expect(Self.migrationNames.count >= 2)
    }
}

struct BackupTests {
    @Test func aBackupRestoresTheLedgerAndItsManifestFindsMissingFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try DataStore(dataDirectory: root.appendingPathComponent("data"))
        let now = Date(timeIntervalSince1970: 1_613_614_320)
        try store.files.writeDurably(Array("raw".utf8), to: "raw/2021/02/abc.eml")
        try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 7, uid: 1, messageID: "<a@b>", sha256: "abc", rawPath: "raw/2021/02/abc.eml", size: 3,
                fromAddress: "a@schools.example", fromName: nil, subject: "Kế hoạch", sentAt: nil, receivedAt: now, unit: nil,
                campaignID: nil, assessment: nil, parseError: nil, attachments: []), at: now)

        let backup = root.appendingPathComponent("ledger.sqlite").path
        #expect(try store.backup(to: backup) == 1)
        let manifest = try String(contentsOfFile: backup + ".manifest.jsonl", encoding: .utf8)
        #expect(manifest.contains("\"path\":\"raw/2021/02/abc.eml\""))
        #expect(throws: (any Error).self) { try store.backup(to: backup) }  // never overwrites

        // Restore into a fresh data directory that lacks the raw file.
        let fresh = try DataStore(dataDirectory: root.appendingPathComponent("restored"))
        let missing = try fresh.restore(from: backup)
        #expect(try fresh.lastUID(mailbox: "INBOX", uidValidity: 7) == 1)
        #expect(try fresh.snapshotContains(messageID: "<a@b>", sha256: "abc"))
        #expect(missing.map(\.path) == ["raw/2021/02/abc.eml"])
    }
}
