import Foundation
import GRDB

/// A stored file as the backup manifest lists it.
public struct ManifestEntry: Sendable, Codable, Equatable {
    public var path: String
    public var size: Int
    public var sha256: String
}

extension DataStore {
    /// Copies the database to `path` with SQLite's online backup — consistent while the
    /// daemon keeps writing — and writes `path.manifest.jsonl`, one line per stored file
    /// (raw mail and attachments) with its size and SHA-256, so a copy of the data
    /// directory can be checked against the ledger. Returns the number of files listed.
    @discardableResult
    public func backup(to path: String) throws -> Int {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw StoreError.notFound("\(path) already exists; choose a new file name for the backup")
        }
        let destination = try DatabaseQueue(path: path)
        try database.backup(to: destination)
        let entries = try manifest()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = Data()
        for entry in entries {
            lines.append(try encoder.encode(entry))
            lines.append(0x0A)
        }
        try lines.write(to: URL(fileURLWithPath: path + ".manifest.jsonl"), options: .atomic)
        return entries.count
    }

    /// Every file the ledger refers to; raw mail deleted by the retention is not among
    /// them (its row and hash stay in the ledger, the file is gone on purpose).
    public func manifest() throws -> [ManifestEntry] {
        try database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT raw_path AS path, size, sha256 FROM messages WHERE raw_pruned_at IS NULL
                    UNION SELECT stored_path, size, sha256 FROM attachments WHERE stored_path IS NOT NULL
                    ORDER BY 1
                    """
            ).map { ManifestEntry(path: $0["path"], size: $0["size"], sha256: $0["sha256"]) }
        }
    }

    /// Replaces this store's database with the backup at `path` (SQLite online backup in
    /// the other direction) and returns the manifest entries whose file is missing or has
    /// another size in the data directory. Stop the daemon first.
    public func restore(from path: String) throws -> [ManifestEntry] {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.notFound("no backup at \(path)") }
        let source = try DatabaseQueue(
            path: path,
            configuration: {
                var c = Configuration()
                c.readonly = true
                return c
            }())
        try source.backup(to: database)
        try Schema.migrator.migrate(database)  // a backup from an older version is upgraded
        return try manifest().filter { entry in
            let attributes = try? FileManager.default.attributesOfItem(atPath: files.url(entry.path).path)
            return (attributes?[.size] as? NSNumber)?.intValue != entry.size
        }
    }
}
