import Foundation
import GRDB
import MIME
import Testing

@testable import Intake
@testable import Store

/// An attachment lives in its raw message until that is pruned: it is read out of it when
/// opened, written to a file of its own before the raw mail goes, and an attachment the raw
/// message no longer yields keeps that raw message.
struct AttachmentContentTests {
    static let day = RetentionTests.day
    static let deadline = RetentionTests.deadline
    static let campaign = RetentionTests.campaign
    static let retention = RetentionTests.retention
    static let afterRetention = RetentionTests.afterRetention

    static let scan = Array("%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n".utf8) + (0..<300).map { UInt8($0 % 251) }

    /// A school's message with `scan` attached as "Kế hoạch.pdf" (RFC 2231 name).
    static func rawMessage(uid: UInt32) -> [UInt8] {
        let base64 = Data(scan).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        return Array(
            """
            Message-ID: <m\(uid)@test>\r
            From: TH01 <th01@schools.example>\r
            Subject: =?UTF-8?B?S+G6vyBob+G6oWNo?=\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            Kính gửi phòng.\r
            --b\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf\r
            Content-Transfer-Encoding: base64\r
            \r
            \(base64)\r
            --b--\r

            """.utf8)
    }

    private func withStore(_ body: (DataStore) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-content-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        try body(try DataStore(dataDirectory: directory))
    }

    /// Records message `uid` as the intake does: its raw file only, the attachment's hash
    /// `attachmentSHA256` (the scan's unless given).
    @discardableResult
    private func put(_ store: DataStore, uid: UInt32, attachmentSHA256: String? = nil) throws -> Int64 {
        let raw = Self.rawMessage(uid: uid)
        let sha = SHA256Hasher.hex(of: raw)
        let receivedAt = Self.deadline.addingTimeInterval(-3 * Self.day)
        let path = StoredPaths.rawMessage(sha256: sha, receivedAt: receivedAt)
        try store.files.writeDurably(raw, to: path)
        return try store.record(
            IncomingMessage(
                mailbox: "INBOX", uidValidity: 7, uid: uid, messageID: "<m\(uid)@test>", sha256: sha, rawPath: path, size: raw.count,
                fromAddress: "th01@schools.example", fromName: "TH01", subject: "Kế hoạch", sentAt: nil, receivedAt: receivedAt,
                unit: UnitMatch(code: "TH01", confidence: 1, reason: "địa chỉ gửi"), campaignID: Self.campaign.id,
                assessment: SubmissionAssessment(status: .received, problems: []), parseError: nil,
                attachments: [
                    .init(
                        filename: "Kế hoạch.pdf", contentType: "application/pdf", size: Self.scan.count,
                        sha256: attachmentSHA256 ?? SHA256Hasher.hex(of: Self.scan), kind: .scanPDF)
                ]), at: receivedAt)
    }

    private func attachment(_ store: DataStore, message row: Int64) throws -> StoredAttachment {
        let id = try #require(
            try store.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM attachments WHERE message_id = ?", arguments: [row])
            })
        return try #require(try store.attachment(id: id))
    }

    @Test func anAttachmentIsReadOutOfItsRawMessage() throws {
        try withStore { store in
            let file = try attachment(store, message: try put(store, uid: 1))
            #expect(file.storedPath == nil, "no file of its own on arrival")
            #expect(file.rawPath != nil)
            #expect(try store.content(of: file) == Self.scan)
            #expect(!store.files.exists("files"), "nothing was written under files/")
        }
    }

    @Test func aMessagesOtherPartsAreKeptWithItAndReadBackWithoutItsRawMail() throws {
        try withStore { store in
            let raw = Self.rawMessage(uid: 5)
            let parsed = MailMessage.parse(raw)
            #expect(parsed.ignored.map(\.reason) == [.body])
            let row = try put(store, uid: 5)
            // Recorded as the intake does it: with the message's ignored parts.
            try store.database.write { db in
                try db.execute(
                    sql: "UPDATE messages SET ignored_parts = ? WHERE id = ?",
                    arguments: [String(decoding: try JSONEncoder().encode(parsed.ignored), as: UTF8.self), row])
            }
            let path = try #require(try attachment(store, message: row).rawPath)
            try store.files.remove(path)
            #expect(try store.storedMessage(id: row)?.ignored == parsed.ignored, "read from the ledger, not the raw mail")
            // A message stored before the parts were kept reads them from its raw mail.
            let older = try put(store, uid: 6)
            try store.database.write { db in
                try db.execute(sql: "UPDATE messages SET ignored_parts = NULL WHERE id = ?", arguments: [older])
            }
            #expect(try store.storedMessage(id: older)?.ignored == nil)
            #expect(try store.ignoredParts(messageID: older) == MailMessage.parse(Self.rawMessage(uid: 6)).ignored)
        }
    }

    @Test func anAttachmentTheRawMessageDoesNotYieldIsAnErrorThatSaysSo() throws {
        try withStore { store in
            let file = try attachment(store, message: try put(store, uid: 2, attachmentSHA256: String(repeating: "0", count: 64)))
            #expect(Self.failure(reading: file, from: store).contains("no part of the raw message"))
            var gone = file
            gone.rawPath = "raw/2021/02/missing.eml"
            #expect(Self.failure(reading: gone, from: store).contains("neither its file nor its raw message"))
        }
    }

    /// What reading `file` fails with; "" when it is read.
    static func failure(reading file: StoredAttachment, from store: DataStore) -> String {
        do {
            _ = try store.content(of: file)
            return ""
        } catch {
            #expect(error is AttachmentContentError, "\(error)")
            return "\(error)"
        }
    }

    @Test func pruningWritesTheAttachmentOutBeforeTheRawMailGoes() throws {
        try withStore { store in
            let row = try put(store, uid: 3)
            let kept = try put(store, uid: 4, attachmentSHA256: String(repeating: "0", count: 64))
            let keptRaw = try #require(try attachment(store, message: kept).rawPath)

            let pruned = try store.pruneRawMail(Self.retention, at: Self.afterRetention, actor: "test")
            #expect(pruned.items.map(\.messageRow) == [row], "the message whose attachment could not be written out keeps its raw mail")
            #expect(store.files.exists(keptRaw))

            let file = try attachment(store, message: row)
            let stored = try #require(file.storedPath, "written out and recorded")
            #expect(stored.hasPrefix("files/khtdkt-2021/TH01/") && stored.hasSuffix("-1-\(SafeFilename.make("Kế hoạch.pdf"))"), "\(stored)")
            #expect(file.rawPath == nil, "the raw mail is gone")
            #expect(try store.files.read(stored) == Self.scan)
            #expect(try store.content(of: file) == Self.scan)
            #expect(try store.manifest().map(\.path).contains(stored), "the written-out file is backed up")
            // A second prune has nothing left to write or delete.
            #expect(try store.pruneRawMail(Self.retention, at: Self.afterRetention.addingTimeInterval(2 * Self.day), actor: "test").isEmpty)
        }
    }
}
