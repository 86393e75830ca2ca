import Foundation
import MIME

/// A collection (đợt thu): what the office asks every unit to send, and by when.
public struct Campaign: Sendable, Identifiable, Codable, Equatable {
    public var id: String
    public var title: String
    /// Start of the opening day, office time.
    public var opens: Date
    /// The instant after which a submission is late.
    public var deadline: Date
    /// Words that identify a submission for this campaign, compared without diacritics.
    public var keywords: [String]
    public var reminders: [ReminderStage]
    /// The kinds of file that count as a proper submission (default: scans).
    public var acceptedKinds: Set<FileKind>
    /// Whether a submission counts only once the document check has seen the red seal on
    /// one of its files (default): the office asks for "bản scan dấu đỏ".
    public var requireSeal: Bool
    /// What the documents must say they are: their type, year and title words.
    public var expects: DocumentExpectation
    /// The units asked (default: all).
    public var audience: CampaignAudience
    /// A closed campaign sends no more reminders and stops counting for the digest; what
    /// it received stays, and mail that names it is still recorded against it.
    public var closed: Bool

    public init(
        id: String, title: String, opens: Date, deadline: Date, keywords: [String],
        reminders: [ReminderStage], acceptedKinds: Set<FileKind> = FileKind.scans, requireSeal: Bool = true,
        expects: DocumentExpectation = DocumentExpectation(), audience: CampaignAudience = .all, closed: Bool = false
    ) {
        self.id = id
        self.title = title
        self.opens = opens
        self.deadline = deadline
        self.keywords = keywords
        self.reminders = reminders.sorted()
        self.acceptedKinds = acceptedKinds
        self.requireSeal = requireSeal
        self.expects = expects
        self.audience = audience
        self.closed = closed
    }
}

extension Campaign {
    /// What a proper submission arriving at `receivedAt` counts as: on time until the
    /// deadline, late after it.
    public func status(receivedAt: Date) -> ReceiptStatus {
        receivedAt > deadline ? .late : .received
    }

    /// Where the first read of an old mailbox starts (`mailbox.since` unset): 30 days before
    /// the earliest open (not closed) campaign opens, or 30 days before `now` with none.
    /// Mail older than that answers nothing the office is collecting.
    public static func firstReadSince(among campaigns: [Campaign], at now: Date) -> Date {
        (campaigns.filter { !$0.closed }.map(\.opens).min() ?? now).addingTimeInterval(-30 * 86400)
    }

    /// The campaign a date most likely belongs to: the first whose deadline is still
    /// ahead of it, else the latest. What the officer means when they name none.
    public static func likely(among campaigns: [Campaign], at date: Date) -> Campaign? {
        campaigns.filter { $0.deadline >= date }.min { $0.deadline < $1.deadline }
            ?? campaigns.max { $0.deadline < $1.deadline }
    }
}
