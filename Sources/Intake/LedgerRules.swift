import Foundation

/// How a new submission changes a unit's ledger entry.
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
}
