import Foundation

/// How a campaign stands, the one count every view reads (the overview's card, the menu's
/// badge, `thidua status`, the status page): the roster's units by ledger status, and the
/// messages waiting for the officer's look.
///
/// Units are counted from the roster, so a ledger entry of a unit since removed from it
/// counts nowhere, and a unit without an entry is pending.
public struct Tally: Sendable, Equatable, Codable {
    public var total = 0
    public var received = 0
    public var late = 0
    public var pending = 0
    public var needsReview = 0
    public var rejected = 0
    public var excused = 0
    /// Messages in the review queue that may belong to this campaign: attributed to it and
    /// needing a look, or from a sender no unit could be told for (`DataStore.reviewQueue`).
    /// This, not `needsReview` (units), is the "Cần xem lại" figure the officer acts on.
    public var awaitingReview = 0
    /// Of `received` and `late`, the units whose submission came from an address not yet
    /// known to be theirs (`UnitMatch.confirmsSender`): shown apart, for the officer to confirm.
    public var senderUnconfirmed = 0

    public init() {}

    public init(roster: Roster, statuses: [String: ReceiptStatus], awaitingReview: Int, senderUnconfirmed: Set<String> = []) {
        self.init(roster: roster, awaitingReview: awaitingReview) { code in
            statuses[code].map { ($0, senderUnconfirmed.contains(code)) }
        }
    }

    /// `line` gives a unit's status and whether its sender is unconfirmed, nil for a unit
    /// without a ledger line (pending). Read in place from whatever holds the ledger: the
    /// dashboard counts 3,000 units on every overview, and building a dictionary of
    /// statuses and a set of unconfirmed senders for each count was most of its time.
    public init(roster: Roster, awaitingReview: Int, line: (String) -> (status: ReceiptStatus, senderUnconfirmed: Bool)?) {
        for unit in roster.units {
            let entry = line(unit.code)
            let status = entry?.status ?? .pending
            add(status)
            if status == .received || status == .late, entry?.senderUnconfirmed == true { self.senderUnconfirmed += 1 }
        }
        self.awaitingReview = awaitingReview
    }

    /// Units that have nothing more to send: received on time or late, or excused.
    public var done: Int { received + late + excused }

    public func count(_ status: ReceiptStatus) -> Int {
        switch status {
        case .pending: pending
        case .received: received
        case .late: late
        case .needsReview: needsReview
        case .rejected: rejected
        case .excused: excused
        }
    }

    private mutating func add(_ status: ReceiptStatus) {
        total += 1
        switch status {
        case .pending: pending += 1
        case .received: received += 1
        case .late: late += 1
        case .needsReview: needsReview += 1
        case .rejected: rejected += 1
        case .excused: excused += 1
        }
    }

    enum CodingKeys: String, CodingKey {
        case total, received, late, pending, rejected, excused
        case needsReview = "needs_review"
        case awaitingReview = "awaiting_review"
        case senderUnconfirmed = "sender_unconfirmed"
    }
}
