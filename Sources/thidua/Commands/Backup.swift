import ArgumentParser
import Foundation
import Store

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back up the ledger (SQLite online backup, safe while the daemon runs) with a manifest of stored files.",
        discussion:
            "Copy the data directory's raw/ and files/ folders alongside (e.g. with rsync); FILE.manifest.jsonl lists every file with its size and SHA-256."
    )

    @Argument(help: "The backup database to create.")
    var file: String

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load()
            let count = try context.store.backup(to: file)
            print("backed up the ledger to \(file); \(count) stored files listed in \(file).manifest.jsonl")
        }
    }
}

struct Restore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore the ledger from a backup made by `thidua backup` (stop the daemon first).")

    @Argument(help: "The backup database.")
    var file: String

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load(store: .create)
            let missing = try context.store.restore(from: file)
            print("restored the ledger from \(file) into \(context.config.dataDirectory.path)")
            if !missing.isEmpty {
                print("\(missing.count) stored file(s) are missing or differ in the data directory; copy them back from the file backup:")
                for entry in missing.prefix(20) { print("  \(entry.path)") }
                throw ExitCode(1)
            }
        }
    }
}
