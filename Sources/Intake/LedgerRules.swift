import Foundation

/// How a new submission, or the officer's rejection of one, changes a unit's ledger entry:
/// the rules in one place, which the store applies in the transaction that records them.
public enum LedgerRules {
    /// Whether a submission with status `incoming`, received at `receivedAt`, replaces the
    /// current entry. The latest submission counts — a resubmission after a rejection or a
    /// review request replaces it — but a file that needs review does not undo a proper
    /// scan already received, and an older message (seen again after a mailbox rescan)
    /// never replaces a newer one.
    public static func supersedes(
        incoming: ReceiptStatus, receivedAt: Date,
        current: ReceiptStatus?, currentReceivedAt: Date?
    ) -> Bool {
        guard let current, current != .pending else { return true }
        if let currentReceivedAt, currentReceivedAt > receivedAt { return false }
        if incoming == .needsReview, current == .received || current == .late || current == .excused { return false }
        return true
    }

    /// Whether the officer's rejection of a message changes the unit's entry: while the unit
    /// has nothing accepted (no entry, pending, under review, or rejected before), or when
    /// the entry is that very message. Rejecting a stray file never undoes a proper scan
    /// received, nor an excuse.
    public static func rejectionApplies(current: ReceiptStatus?, entryIsThisMessage: Bool) -> Bool {
        guard let current, !entryIsThisMessage else { return true }
        return current.awaitsSubmission
    }
}
