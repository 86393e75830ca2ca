import ArgumentParser
import Foundation
import Store

struct Prune: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Delete raw mail past its retention (raw_mail_retention in the config); the daemon does this once a day.",
        discussion: """
            Only the raw copy of a message goes: its row, SHA-256 and size stay in the ledger with a message.raw_pruned \
            event, and the extracted files are kept for good. Never deleted: mail in the review queue, mail that did not \
            parse cleanly, a unit's mail while its receipt is in review, and mail whose campaign is not in the config. \
            Safe while the daemon runs.
            """)

    @Flag(help: "Print what would be deleted and how much space it would free; delete nothing.")
    var dryRun = false

    /// Lines of detail printed before "… and N more".
    static let listed = 50

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load()
            let config = context.config
            guard let retention = config.rawMailRetention else {
                print("raw_mail_retention is off in \(config.path): raw mail is kept forever; nothing to prune")
                return
            }
            print("raw mail is kept \(retention.days) days after its campaign's deadline (raw_mail_retention in \(config.path))")
            let now = Date()
            let prune =
                dryRun
                ? try context.store.rawMailPrunePlan(retention, at: now)
                : try context.store.pruneRawMail(retention, at: now, actor: CLIActor.name)
            let office = config.office
            if prune.isEmpty {
                print("no raw mail is past its retention; nothing \(dryRun ? "would be" : "was") deleted")
            } else {
                print(
                    "\(dryRun ? "would delete" : "deleted") the raw mail of \(prune.items.count) message(s): "
                        + "\(prune.files.count) file(s), \(Self.megabytes(prune.bytes)) \(dryRun ? "to free" : "freed")"
                        + (dryRun ? " (dry run: nothing deleted)" : ""))
            }
            for item in prune.items.prefix(Self.listed) {
                print(
                    "  #\(item.messageRow)  \(item.unitCode ?? "-")  \(item.campaignID ?? "-")  received \(office.formatDateTime(item.receivedAt))"
                        + "  kept until \(office.formatDateTime(item.keptUntil))  sha256 \(item.sha256.prefix(16))…  \(item.rawPath)")
            }
            if prune.items.count > Self.listed {
                print("  … and \(prune.items.count - Self.listed) more (each is logged in the ledger as a message.raw_pruned event)")
            }
            if !prune.leftovers.isEmpty {
                print(
                    "\(prune.leftovers.count) file(s) of raw mail pruned earlier were still there (a prune cut short, or mail fetched again) "
                        + "and \(dryRun ? "would be" : "were") deleted too")
            }
            for (campaign, count) in prune.keptForUnknownCampaign.sorted(by: { $0.key < $1.key }) {
                print(
                    "kept: \(count) message(s) of campaign '\(campaign)', which is no longer in \(config.path), so its deadline is unknown; "
                        + "put the campaign back in the config to let its raw mail go")
            }
        }
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.1f MB", Double(bytes) / 1_000_000)
    }
}
