import Foundation
import Intake
import Logging
import Store

extension AppConfig {
    /// The shortest retention accepted: a typo such as `4d` must not wipe the evidence a
    /// school may need while a complaint about a campaign's result is still open.
    static let minimumRetentionDays = 90

    /// `raw_mail_retention`: `off` (or absent: raw mail is kept forever), `400d`, or `5y`
    /// (a year counts 365 days).
    static func retentionDays(_ text: String?, fail: (String, String) -> ConfigError) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !["off", "false", "never", ""].contains(text) else {
            return nil
        }
        let unit = text.last
        guard let number = Int(text.dropLast()), number > 0, unit == "d" || unit == "y" else {
            throw fail("raw_mail_retention", "'\(text)' is not a retention like 400d or 5y (or off to keep raw mail forever)")
        }
        let days = unit == "y" ? number * 365 : number
        guard days >= minimumRetentionDays else {
            throw fail(
                "raw_mail_retention",
                "\(text) is shorter than the \(minimumRetentionDays) days a complaint about a campaign may take; use at least \(minimumRetentionDays)d, or off"
            )
        }
        return days
    }

    /// The retention in force for the configured campaigns, or nil when raw mail is kept forever.
    var rawMailRetention: RawMailRetention? {
        rawMailRetentionDays.map { RawMailRetention(days: $0, campaigns: campaigns) }
    }
}

/// The daemon's daily pruning of raw mail past its retention. It runs inside the poll
/// cycle, after the intake, so it never races the ingester for a file.
struct RawMailPruner: Sendable {
    var store: DataStore
    var retention: RawMailRetention
    var logger: Logger

    /// Once a day is enough: retention is counted in days.
    static let interval: TimeInterval = 86_400

    /// Prunes if the last prune (the daemon's or `thidua prune`'s) is a day old; quiet when
    /// there is nothing to delete.
    func pruneIfDue(at now: Date) {
        do {
            guard try store.rawMailPruneIsDue(at: now, interval: Self.interval) else { return }
            let pruned = try store.pruneRawMail(retention, at: now, actor: "daemon")
            if !pruned.isEmpty {
                logger.notice(
                    "raw mail past its retention deleted",
                    metadata: [
                        "messages": "\(pruned.items.count)", "files": "\(pruned.files.count)", "bytes": "\(pruned.bytes)",
                        "leftovers": "\(pruned.leftovers.count)", "retention_days": "\(retention.days)",
                    ])
            }
        } catch {
            logger.error("deleting raw mail past its retention failed; it is tried again later", metadata: ["error": "\(error)"])
        }
    }
}
