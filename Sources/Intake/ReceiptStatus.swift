/// Where a unit stands in a campaign's ledger.
public enum ReceiptStatus: String, Sendable, Codable, CaseIterable {
    case pending
    case received
    case late
    case needsReview = "needs_review"
    case rejected
    case excused

    /// Vietnamese, for the officer and the dashboard.
    public var label: String {
        switch self {
        case .pending: "Chưa nộp"
        case .received: "Đã nộp"
        case .late: "Nộp muộn"
        case .needsReview: "Cần xem lại"
        case .rejected: "Không đạt"
        case .excused: "Được miễn"
        }
    }

    /// `label`, for a submission from an address not yet known to be the unit's
    /// (`UnitMatch.confirmsSender`) with that said: "Đã nộp — người gửi chưa xác nhận".
    public func label(senderUnconfirmed: Bool) -> String {
        senderUnconfirmed ? "\(label) — người gửi chưa xác nhận" : label
    }

    /// Whether the unit still owes a proper submission and should be reminded: nothing
    /// sent, a submission rejected, or one that needs review (wrong file, a link…), which
    /// gets a reminder saying what is wrong.
    public var awaitsSubmission: Bool { self == .pending || self == .rejected || self == .needsReview }

    /// A submission the document check may still send to review: one that would count.
    public var awaitsCheck: Bool { self == .received || self == .late }
}
