/// Which unit a message is attributed to, how sure, and why — shown to the officer.
public struct UnitMatch: Sendable, Equatable, Codable {
    public var code: String
    /// 1.0 for a known address; lower for a name found in the text.
    public var confidence: Double
    /// In Vietnamese, for the officer: "địa chỉ gửi … có trong danh sách".
    public var reason: String

    public init(code: String, confidence: Double, reason: String) {
        self.code = code
        self.confidence = confidence
        self.reason = reason
    }

    /// Whether the sender is known to write for the unit: its address is the unit's (in the
    /// roster, or learned when the officer assigned its mail), or it answered mail sent to
    /// the unit. A school name in the subject or a file name attributes a submission, but
    /// anyone can write it: such a receipt shows its sender as not yet confirmed.
    public var confirmsSender: Bool { confidence >= 1 }
}
