import ArgumentParser
import Foundation
import Intake
import Office

/// `thidua roster import FILE`: the office's list (.xlsx or .csv) made the roster, after the
/// same preview the dashboard shows.
struct RosterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster", abstract: "Import the office's list of units (.xlsx or .csv).", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Show what the file changes, and apply it (units removed keep what they sent).")

        @Argument(help: "The list: an Excel workbook (its first sheet) or a CSV file.")
        var file: String
        @Flag(help: "Only show what would change.")
        var dryRun = false

        func run() async throws {
            try await reportingErrors {
                guard let data = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
                let context = try AppContext.load()
                let preview = RosterImport.preview(
                    [UInt8](data), filename: (file as NSString).lastPathComponent, current: context.roster)
                guard preview.problems.isEmpty else {
                    for problem in preview.problems { print("\(file): row \(problem.line): \(problem.message)") }
                    throw ExitCode(65)  // EX_DATAERR
                }
                let changes = preview.changes
                print("\(file): \(preview.units.count) units")
                for unit in changes.added { print("  + \(unit.code) \(unit.name)") }
                for unit in changes.removed { print("  - \(unit.code) \(unit.name) (its submissions are kept)") }
                for rename in changes.renamed { print("  ~ \(rename.code) \(rename.from) → \(rename.to)") }
                for change in changes.levelChanged { print("  ~ \(change.code) level \(change.from) → \(change.to)") }
                for address in changes.addressesAdded { print("  + \(address.code) \(address.address)") }
                for address in changes.addressesRemoved { print("  - \(address.code) \(address.address)") }
                if changes.isEmpty { print("nothing changes") }
                guard !dryRun, !changes.isEmpty else { return }
                try RosterImport.apply(preview, store: context.store, actor: CLIActor.name, at: Date())
                print("roster updated: \(changes.summary)")
            }
        }
    }
}
