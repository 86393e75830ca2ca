/// A school (đơn vị) expected to submit: from the roster the officer keeps in `units.csv`.
public struct SchoolUnit: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    /// MN (mầm non), TH (tiểu học), THCS (trung học cơ sở), …
    public var level: String
    /// Lowercased addresses the unit sends from.
    public var emails: [String]
    /// The principal (hiệu trưởng), from the optional `principal` column: the display name
    /// of the Cc when reminders copy the principal.
    public var principalName: String?
    /// The principal's own address (optional `principal_email` column), lowercased.
    public var principalEmail: String?

    public init(
        code: String, name: String, level: String, emails: [String], principalName: String? = nil,
        principalEmail: String? = nil
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.emails = emails.map { $0.lowercased() }
        self.principalName = principalName
        self.principalEmail = principalEmail?.lowercased()
    }
}
