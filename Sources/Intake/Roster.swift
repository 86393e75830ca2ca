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
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var problems: [Problem]
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

    public func unit(code: String) -> SchoolUnit? { byCode[code.uppercased()].map { units[$0] } }
    public func unit(email: String) -> SchoolUnit? { byEmail[email.lowercased()].map { units[$0] } }

    private mutating func add(_ unit: SchoolUnit, line: Int) -> [Problem] {
        var problems: [Problem] = []
        if unit.code.isEmpty { problems.append(Problem(line: line, message: "the code is empty")) }
        if unit.name.isEmpty { problems.append(Problem(line: line, message: "the name is empty")) }
        if byCode[unit.code.uppercased()] != nil {
            problems.append(Problem(line: line, message: "the code \(unit.code) appears twice"))
        }
        if let principal = unit.principalEmail, !Self.isPlausibleAddress(principal) {
            problems.append(Problem(line: line, message: "the principal's address '\(principal)' is not an email address"))
        }
        for email in unit.emails {
            if !Self.isPlausibleAddress(email) {
                problems.append(Problem(line: line, message: "'\(email)' is not an email address"))
            } else if let other = byEmail[email] {
                problems.append(Problem(line: line, message: "the address \(email) also belongs to \(units[other].code)"))
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

    /// Parses `code,name,level,emails[,more…]`. Optional columns: `principal` (the
    /// principal's name) and `principal_email` (copied on reminders when the config asks).
    public static func parseCSV(_ text: String) throws(Invalid) -> Roster {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let records = CSV.records(body)
        guard let header = records.first(where: { !$0.fields.allSatisfy(\.isEmpty) }) else {
            throw Invalid(problems: [Problem(line: 1, message: "the file is empty; expected a header code,name,level,emails")])
        }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let required = ["code", "name", "level", "emails"]
        let missing = required.filter { !columns.contains($0) }
        if !missing.isEmpty {
            throw Invalid(problems: [
                Problem(
                    line: header.line,
                    message: "the header lacks the column(s) \(missing.joined(separator: ", ")); expected code,name,level,emails")
            ])
        }
        func column(_ name: String, _ fields: [String]) -> String {
            guard let index = columns.firstIndex(of: name), index < fields.count else { return "" }
            return fields[index].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var units: [SchoolUnit] = []
        var lines: [Int] = []
        for record in records
        where record.line > header.line && !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let emails = column("emails", record.fields)
                .split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " })
                .map { $0.lowercased() }
            let principalName = column("principal", record.fields).precomposedStringWithCanonicalMapping
            let principalEmail = column("principal_email", record.fields)
            units.append(
                SchoolUnit(
                    code: column("code", record.fields).uppercased(),
                    name: column("name", record.fields).precomposedStringWithCanonicalMapping,
                    level: column("level", record.fields).uppercased(),
                    emails: emails,
                    principalName: principalName.isEmpty ? nil : principalName,
                    principalEmail: principalEmail.isEmpty ? nil : principalEmail))
            lines.append(record.line)
        }
        do {
            return try Roster(units: units)
        } catch {
            // Map positions in `units` back to lines of the file.
            throw Invalid(problems: error.problems.map { Problem(line: lines[$0.line - 1], message: $0.message) })
        }
    }
}
