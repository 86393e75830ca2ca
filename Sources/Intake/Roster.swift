import Foundation

/// The units of the district, read from the officer's CSV.
///
/// Excel-friendly: a UTF-8 BOM is tolerated, blank lines are skipped, the address list may
/// be separated by `;` or `,` (inside a quoted field), and extra columns are ignored.
/// Every problem is reported with its line number, and a roster with problems is refused
/// as a whole — a silently dropped school would simply never be reminded.
public struct Roster: Sendable {
    public private(set) var units: [SchoolUnit]
    private var byCode: [String: Int]
    private var byEmail: [String: Int]

    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        /// In English, for the operator's log and the CLI.
        public var message: String
        /// In Vietnamese, for the officer's import preview.
        public var vietnamese: String
        public var description: String { "line \(line): \(message)" }

        public init(line: Int, message: String, vietnamese: String) {
            self.line = line
            self.message = message
            self.vietnamese = vietnamese
        }

        func at(line: Int) -> Problem { Problem(line: line, message: message, vietnamese: vietnamese) }
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var problems: [Problem]

        public init(problems: [Problem]) { self.problems = problems }

        public var description: String { problems.map(\.description).joined(separator: "; ") }
    }

    public init(units: [SchoolUnit]) throws(Invalid) {
        self.units = []
        self.byCode = [:]
        self.byEmail = [:]
        var problems: [Problem] = []
        for (offset, unit) in units.enumerated() {
            problems += add(unit, line: offset + 1)
        }
        if !problems.isEmpty { throw Invalid(problems: problems) }
    }

    /// The units that satisfy `isIncluded`, in order: a subset of a valid roster is valid.
    public func filtered(_ isIncluded: (SchoolUnit) -> Bool) -> Roster {
        var subset = Roster()
        for unit in units where isIncluded(unit) { _ = subset.add(unit, line: 0) }
        return subset
    }

    private init() {
        units = []
        byCode = [:]
        byEmail = [:]
    }

    public func unit(code: String) -> SchoolUnit? { byCode[code.uppercased()].map { units[$0] } }
    public func unit(email: String) -> SchoolUnit? { byEmail[email.lowercased()].map { units[$0] } }

    private mutating func add(_ unit: SchoolUnit, line: Int) -> [Problem] {
        var problems: [Problem] = []
        func problem(_ message: String, _ vietnamese: String) {
            problems.append(Problem(line: line, message: message, vietnamese: vietnamese))
        }
        if unit.code.isEmpty { problem("the code is empty", "Chưa có mã đơn vị") }
        if unit.name.isEmpty { problem("the name is empty", "Chưa có tên đơn vị") }
        if byCode[unit.code.uppercased()] != nil {
            problem("the code \(unit.code) appears twice", "Mã \(unit.code) xuất hiện hai lần")
        }
        if let principal = unit.principalEmail, !Self.isPlausibleAddress(principal) {
            problem(
                "the principal's address '\(principal)' is not an email address",
                "Email hiệu trưởng '\(principal)' không phải địa chỉ thư điện tử")
        }
        for email in unit.emails {
            if !Self.isPlausibleAddress(email) {
                problem("'\(email)' is not an email address", "'\(email)' không phải địa chỉ thư điện tử")
            } else if let other = byEmail[email] {
                problem(
                    "the address \(email) also belongs to \(units[other].code)", "Địa chỉ \(email) đã thuộc đơn vị \(units[other].code)")
            }
        }
        guard problems.isEmpty else { return problems }
        let index = units.count
        units.append(unit)
        byCode[unit.code.uppercased()] = index
        for email in unit.emails { byEmail[email] = index }
        return []
    }

    static func isPlausibleAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "," || $0 == ";" })
    }

    /// Parses the roster CSV: `code,name,level,emails[,more…]` with optional `principal`
    /// (the principal's name) and `principal_email` (copied on reminders when the config
    /// asks), or the office's own column names (`RosterTable`).
    public static func parseCSV(_ text: String) throws(Invalid) -> Roster {
        let rows = RosterTable.rows(csv: text)
        guard rows.contains(where: { !$0.cells.allSatisfy(\.isEmpty) }) else {
            throw Invalid(problems: [
                Problem(
                    line: 1, message: "the file is empty; expected a header code,name,level,emails",
                    vietnamese: "Tệp trống: cần dòng tiêu đề Mã đơn vị, Tên trường, Cấp học, Email")
            ])
        }
        return try Roster(units: RosterTable.units(from: rows))
    }
}
