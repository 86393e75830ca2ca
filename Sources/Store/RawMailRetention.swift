import Foundation
import Intake

/// How long a raw message is kept once it no longer matters to an open case.
///
/// The raw mail is the office's evidence of what a school sent and when (headers, DKIM
/// verdicts, the exact bytes), so it outlives the campaign: it is kept for `days` after the
/// later of its campaign's deadline and its own arrival. Only the raw copy goes — the
/// extracted files, the message row with its SHA-256 and the ledger stay for good.
public struct RawMailRetention: Sendable, Equatable {
    public var days: Int
    /// Campaign id → deadline, from the configuration in force.
    public var deadlines: [String: Date]

    public init(days: Int, campaigns: [Campaign]) {
        self.days = days
        deadlines = Dictionary(campaigns.map { ($0.id, $0.deadline) }, uniquingKeysWith: max)
    }

    public var period: TimeInterval { TimeInterval(days) * 86_400 }

    /// When the raw mail of a message may go, or nil when that cannot be known: its
    /// campaign is no longer configured, so its deadline is unknown and it is kept.
    public func keptUntil(receivedAt: Date, campaignID: String?) -> Date? {
        guard let campaignID else { return receivedAt.addingTimeInterval(period) }
        guard let deadline = deadlines[campaignID] else { return nil }
        return max(deadline, receivedAt).addingTimeInterval(period)
    }
}

/// What a prune removes (or, for a dry run, would remove).
public struct RawMailPrune: Sendable, Equatable {
    /// A message whose raw mail is past its retention.
    public struct Item: Sendable, Equatable {
        public var messageRow: Int64
        public var rawPath: String
        public var sha256: String
        public var size: Int
        public var unitCode: String?
        public var campaignID: String?
        public var receivedAt: Date
        public var keptUntil: Date
    }

    public var items: [Item] = []
    /// Files to delete: the items' raw files that no kept message shares, plus those of
    /// mail pruned before whose file is there again (a prune cut short between its commit
    /// and the deletion, or the message fetched again after the mailbox was renumbered).
    public var files: [String] = []
    /// Of `files`, those left over from earlier prunes.
    public var leftovers: [String] = []
    /// Bytes the deletions free (the files' sizes on disk).
    public var bytes: Int = 0
    /// Messages past the retention counted from their arrival but kept because their
    /// campaign is not in the configuration any more, by campaign id.
    public var keptForUnknownCampaign: [String: Int] = [:]

    public var isEmpty: Bool { items.isEmpty && files.isEmpty }
}
