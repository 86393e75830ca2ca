import Foundation
import GRDB
import MIME

/// An attachment's bytes. Until its raw message is pruned, an attachment has no file of its
/// own: the raw message is stored once, durably, and the attachment is decoded out of it
/// when it is opened (a scan is opened a few times; every message is received once, and a
/// file per attachment was most of the intake's disk writes). Pruning writes it out first.
extension DataStore {
    /// The bytes of `attachment`, from its own file or out of its raw message; checked
    /// against the SHA-256 recorded when it arrived.
    public func content(of attachment: StoredAttachment) throws -> [UInt8] {
        if let path = attachment.storedPath { return try files.read(path) }
        guard let rawPath = attachment.rawPath, files.exists(rawPath) else {
            throw AttachmentContentError.gone(filename: attachment.filename)
        }
        guard let bytes = Self.decode(sha256: attachment.sha256, from: try files.read(rawPath)) else {
            throw AttachmentContentError.notInMessage(filename: attachment.filename, rawPath: rawPath)
        }
        return bytes
    }

    /// The decoded attachment of `raw` whose SHA-256 is `sha256`. Found by its hash, not by
    /// its position: a later thidua may list a message's parts differently.
    static func decode(sha256: String, from raw: [UInt8]) -> [UInt8]? {
        MailMessage.parse(raw).attachments.first { $0.sha256 == sha256 }?.data
    }
}

public enum AttachmentContentError: Error, CustomStringConvertible {
    /// Neither its own file nor its raw message is in the data directory.
    case gone(filename: String)
    /// The raw message is there, but no part of it decodes to the bytes recorded.
    case notInMessage(filename: String, rawPath: String)

    public var description: String {
        switch self {
        case .gone(let filename):
            "\(filename): neither its file nor its raw message is in the data directory; restore the data directory from a backup"
        case .notInMessage(let filename, let rawPath):
            "\(filename): no part of the raw message \(rawPath) decodes to the bytes recorded for it; the message is kept as it "
                + "arrived, open it in a mail program, and report this with the log"
        }
    }
}

extension DataStore {
    /// Writes each attachment of the messages `rows` that is still only in its raw message
    /// to a file of its own (`StoredPaths.attachment`), durably, then records where. Done
    /// before raw mail is pruned. One that its raw message does not yield stays unwritten,
    /// and the prune keeps that raw message. A crash between the writes and the record
    /// leaves files that the next attempt writes again at the same paths.
    func writeOutAttachments(ofMessages rows: [Int64]) throws {
        var written: [(id: Int64, path: String)] = []
        for chunk in stride(from: 0, to: rows.count, by: 500).map({ Array(rows[$0..<min(rows.count, $0 + 500)]) }) {
            let pending = try database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT a.id, a.position, a.filename, a.sha256, m.sha256 AS message_sha256, m.raw_path, m.campaign_id,
                            m.unit_code
                        FROM attachments a JOIN messages m ON m.id = a.message_id
                        WHERE a.stored_path IS NULL AND m.raw_pruned_at IS NULL
                          AND a.message_id IN (\(databaseQuestionMarks(count: chunk.count)))
                        ORDER BY a.message_id, a.position
                        """, arguments: StatementArguments(chunk))
            }
            var parsed: (rawPath: String, message: MailMessage)?
            for row in pending {
                let rawPath: String = row["raw_path"]
                if parsed?.rawPath != rawPath {
                    guard let raw = try? files.read(rawPath) else { continue }
                    parsed = (rawPath, MailMessage.parse(raw))
                }
                let sha256: String = row["sha256"]
                guard let data = parsed?.message.attachments.first(where: { $0.sha256 == sha256 })?.data else { continue }
                let path = StoredPaths.attachment(
                    messageSHA256: row["message_sha256"], position: row["position"], filename: row["filename"],
                    campaignID: row["campaign_id"], unitCode: row["unit_code"])
                try files.writeDurably(data, to: path)
                written.append((row["id"], path))
            }
        }
        guard !written.isEmpty else { return }
        try database.write { db in
            for file in written {
                try db.execute(sql: "UPDATE attachments SET stored_path = ? WHERE id = ?", arguments: [file.path, file.id])
            }
        }
    }
}

extension DataStore {
    /// The parts of message `messageID` that are not its files (`IgnoredPart`), read out of
    /// its raw mail (for mail stored before they were recorded, `StoredMessage.ignored`);
    /// none once that is pruned.
    public func ignoredParts(messageID: Int64) throws -> [IgnoredPart] {
        guard let raw = try rawMessage(id: messageID) else { return [] }
        return MailMessage.parse(raw).ignored
    }

    /// The bytes of the part of message `messageID` whose SHA-256 is `sha256` (an ignored
    /// part the officer wants to see), decoded; nil when the raw mail has no such part.
    public func partContent(messageID: Int64, sha256: String) throws -> [UInt8]? {
        guard let raw = try rawMessage(id: messageID) else { return nil }
        func find(_ entity: MIMEEntity) -> [UInt8]? {
            if entity.children.isEmpty {
                let bytes = entity.isMultipart ? Array(entity.body) : entity.decodedBody()
                return SHA256Hasher.hex(of: bytes) == sha256 ? bytes : nil
            }
            for child in entity.children { if let found = find(child) { return found } }
            return nil
        }
        return find(MIMEParser().parse(raw))
    }
}
