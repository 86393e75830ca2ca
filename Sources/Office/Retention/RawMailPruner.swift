import Foundation
import Logging
import Store

/// The daemon's daily pruning of raw mail past its retention. It runs inside the poll
/// cycle, after the intake, so it never races the ingester for a file.
public struct RawMailPruner: Sendable {
    public var store: DataStore
    public var retention: RawMailRetention
    public var logger: Logger

    public init(store: DataStore, retention: RawMailRetention, logger: Logger) {
        self.store = store
        self.retention = retention
        self.logger = logger
    }

    /// Once a day is enough: retention is counted in days.
    static let interval: TimeInterval = 86_400

    /// Prunes if the last prune (the daemon's or `thidua prune`'s) is a day old; quiet when
    /// there is nothing to delete.
    public func pruneIfDue(at now: Date) {
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
