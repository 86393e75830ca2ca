import Foundation
import GRDB
import Testing

@testable import Store

/// A new database is made from `Schema.current` in one step; an existing one migrates. Both
/// must end with the same schema, or a new office would run on tables no migration made.
struct SchemaSnapshotTests {
    /// `sqlite_master` as SQLite keeps it, in creation order.
    static func schema(_ db: Database) throws -> [String] {
        try Row.fetchAll(
            db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY rowid"
        ).map { "\($0["type"] as String) \($0["name"] as String) on \($0["tbl_name"] as String): \($0["sql"] as String? ?? "-")" }
    }

    @Test func theSnapshotCoversEveryMigration() {
        #expect(
            Schema.currentMigrations == Schema.migrator.migrations,
            "a migration was added: update Schema.currentMigrations and Schema.current (theSnapshotIsWhatTheMigrationsBuild prints it)")
    }

    @Test func theSnapshotIsWhatTheMigrationsBuild() throws {
        let migrated = try DatabaseQueue()
        try Schema.migrator.migrate(migrated)
        let made = try DatabaseQueue()
        try made.write(Schema.createIfEmpty)
        try Schema.migrator.migrate(made)
        let expected = try migrated.read(Self.schema)
        let actual = try made.read(Self.schema)
        let statements = try migrated.read { db in
            try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
        }
        #expect(
            actual == expected,
            "Schema.current differs from the migrations' schema; its statements are now:\n\(statements.joined(separator: "\n;\n"))")
        #expect(try made.read(Schema.migrator.appliedMigrations) == Schema.migrator.migrations)
    }

    @Test func aDatabaseWithTablesIsLeftToTheMigrator() throws {
        let older = try DatabaseQueue()
        try Schema.migrator.migrate(older, upTo: "v5: raw mail pruned after its retention")
        let before = try older.read(Self.schema)
        try older.write(Schema.createIfEmpty)
        #expect(try older.read(Self.schema) == before)
        #expect(try older.read(Schema.migrator.appliedMigrations).count == 5)
        try Schema.migrator.migrate(older)
        let fresh = try DatabaseQueue()
        try fresh.write(Schema.createIfEmpty)
        #expect(try older.read(Self.schema).sorted() == fresh.read(Self.schema).sorted())
    }

    /// A new store's file is built beside its name and renamed into place: what a build cut
    /// short left (`.new`, garbage here) is started over, and nothing of it stays.
    @Test func aNewStoreAppearsWholeAndALeftoverBuildIsStartedOver() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-new-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent(DataStore.databaseName).path
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: path + ".new"))
        try Data("a log of another life".utf8).write(to: URL(fileURLWithPath: path + ".new-wal"))
        let store = try DataStore(dataDirectory: directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(!names.contains { $0.contains(".new") }, "\(names)")
        let (mode, applied, schema) = try store.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Schema.migrator.appliedMigrations(db), try Self.schema(db))
        }
        #expect(mode == "wal")
        #expect(applied == Schema.migrator.migrations)
        #expect(schema.count == Schema.current.count)
        // Opened again, it is the same file, not made anew.
        let inode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        _ = try DataStore(dataDirectory: directory)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int == inode)
    }
}
