import Foundation
import GRDB

/// thidua's persistent state: one SQLite database plus the files beside it.
///
/// The database runs in WAL mode so `thidua status` and the dashboard read while the
/// daemon writes, with `synchronous = FULL` because a committed receipt is a promise to a
/// school. The one exception is the intake's group commit: a batch of records is made
/// durable together, before anything is said to a school about any of them (see
/// `DataStore+Intake`). Writes are serialised by GRDB's pool; every multi-row change is one
/// transaction.
public final class DataStore: Sendable {
    /// A WAL pool on the data directory's file; an in-memory queue for the core's tests.
    public let database: any DatabaseWriter
    public let files: FileStore

    public static let databaseName = "thidua.sqlite"

    /// Opens the store in `dataDirectory`; with `create`, makes the directory and the
    /// database when they are not there yet. Without it (a command that only reads, or acts
    /// on what the daemon recorded), a missing database is `StoreError.noStore`: opening
    /// the wrong directory must not leave an empty ledger behind that reports every unit
    /// as missing.
    public init(dataDirectory: URL, create: Bool = true) throws {
        let path = dataDirectory.appendingPathComponent(Self.databaseName).path
        if create {
            do {
                try FileManager.default.createDirectory(at: dataDirectory, withIntermediateDirectories: true)
            } catch {
                throw StoreError.dataDirectory(dataDirectory.path, error.localizedDescription)
            }
        } else if !FileManager.default.fileExists(atPath: path) {
            throw StoreError.noStore(dataDirectory.path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        var attempt = 0
        while true {
            do {
                if create { try Self.whileHoldingMigrationLock(in: dataDirectory) { try Self.createIfMissing(path) } }
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Self.whileHoldingMigrationLock(in: dataDirectory) { try Self.migrate(pool) }
                database = pool
                break
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 50 {
                // Another thidua process (the daemon starting, the officer's `status`) is
                // switching the file to WAL or migrating it; SQLite does not wait for that
                // by itself, so wait a moment and open again.
                attempt += 1
                usleep(100_000)
            } catch {
                throw StoreError.database(path, "\(error)")
            }
        }
        files = FileStore(root: dataDirectory)
    }

    /// Runs the migrations not applied yet (a new store has none: `createIfMissing`), each
    /// committed without an fsync of its own
    /// (`synchronous = NORMAL` in WAL mode: atomic and consistent, only not yet durable); the
    /// next durable commit flushes them with it. An older store would otherwise wait for a
    /// flush per migration; a power cut before that commit undoes only migrations, which
    /// the next open runs again.
    static func migrate(_ pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = NORMAL") }
        defer { try? pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") } }
        try Schema.migrator.migrate(pool)
    }

    /// Makes a new database at `path` whole: it is built beside its name (`.new`) without
    /// waiting for the disk at each step, flushed once, then renamed into place, so it
    /// appears complete or not at all, and a build cut short is started over. Made in
    /// place, SQLite's switch of the empty file to WAL and the schema's transaction waited
    /// for six flushes, most of a new daemon's first 20 ms.
    static func createIfMissing(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let building = path + ".new"
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(building + suffix) }
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = OFF") }
        let queue = try DatabaseQueue(path: building, configuration: configuration)
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        try queue.write(Schema.createIfEmpty)
        // Everything into the file itself, so the file alone is the database.
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        try queue.close()
        for suffix in ["-wal", "-shm"] { unlink(building + suffix) }
        let descriptor = open(building, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError.database(building, "cannot open the new database to flush it") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw StoreError.database(building, String(cString: strerror(errno))) }
        guard rename(building, path) == 0 else { throw StoreError.database(path, String(cString: strerror(errno))) }
        let directory = open((path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
    }

    /// A store whose database lives in memory (migrated like a file), with its files under
    /// `directory`: for the use cases' tests, which need no database file to clean up.
    public init(inMemoryWithFilesIn directory: URL) throws {
        let queue = try DatabaseQueue()
        try queue.write(Schema.createIfEmpty)
        try Schema.migrator.migrate(queue)
        database = queue
        files = FileStore(root: directory)
    }
}

extension DataStore {
    /// A write transaction, fsynced at its commit (`synchronous = FULL`, as the store is
    /// opened) or, when not `durable`, left to the next durable commit to flush
    /// (`synchronous = NORMAL` in WAL mode: atomic and consistent, not yet durable).
    func write<T>(durable: Bool, _ body: (Database) throws -> T) throws -> T {
        if durable { return try database.write(body) }
        return try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            defer { try? db.execute(sql: "PRAGMA synchronous = FULL") }
            var result: T?
            try db.inTransaction {
                result = try body(db)
                return .commit
            }
            return result!
        }
    }

    /// GRDB reads which migrations are applied outside the migration's own transaction, so
    /// two processes opening a new or older file at once (the daemon starting, the
    /// officer's `status`) could both run a migration, and the second fail with "table
    /// already exists". An exclusive lock on a file beside the database makes them take turns.
    static func whileHoldingMigrationLock(in directory: URL, _ body: () throws -> Void) throws {
        let path = directory.appendingPathComponent(databaseName + ".migrate-lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return try body() }  // a read-only directory: nothing to migrate there anyway
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
        defer { flock(descriptor, LOCK_UN) }
        try body()
    }
}

public enum StoreError: Error, CustomStringConvertible {
    case dataDirectory(String, String)
    case database(String, String)
    case notFound(String)
    /// No database in this data directory, and the caller may not create one.
    case noStore(String)
    /// A change that contradicts what is stored (an id already taken); the message says which.
    case conflict(String)
    /// A stored row that cannot be read back.
    case corrupt(String)

    public var description: String {
        switch self {
        case .dataDirectory(let path, let reason):
            "cannot use the data directory \(path) (\(reason)); set data_dir in the config or THIDUA_DATA_DIR to a writable directory"
        case .database(let path, let reason):
            "cannot open the database \(path): \(reason)"
        case .notFound(let what):
            what
        case .noStore(let directory):
            "no thidua data in \(directory) (there is no \(DataStore.databaseName) there), and this command creates none"
        case .conflict(let message), .corrupt(let message):
            message
        }
    }
}
