/// A school (đơn vị) expected to submit: from the roster the officer keeps in `units.csv`.
public struct SchoolUnit: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    /// MN (mầm non), TH (tiểu học), THCS (trung học cơ sở), …
    public var level: String
    /// Lowercased addresses the unit sends from.
    public var emails: [String]

    public init(code: String, name: String, level: String, emails: [String]) {
        self.code = code
        self.name = name
        self.level = level
        self.emails = emails.map { $0.lowercased() }
    }
}
