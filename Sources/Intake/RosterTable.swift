/// The office's own list of schools, as a table of text cells from a CSV or the first sheet
/// of an Excel file: the header row is found (a title or a blank line may sit above it),
/// its columns recognised by their Vietnamese or English names, and every row turned into
/// a unit. A problem names its row, as Excel numbers it.
public enum RosterTable {
    public struct Row: Sendable, Equatable {
        /// The row's number in the file (Excel's row, or the CSV line it starts on).
        public var number: Int
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    public enum Column: String, Sendable, CaseIterable {
        case code, name, level, emails, principal
        case principalEmail = "principal_email"

        /// Header texts, folded (`TextFolding`): what offices and the English CSV call it.
        var names: Set<String> {
            switch self {
            case .code: ["code", "ma", "ma don vi", "ma dv", "ma truong", "ma so", "ma don vi truong"]
            case .name: ["name", "ten", "ten truong", "ten don vi", "don vi", "truong", "ten co so giao duc"]
            case .level: ["level", "cap", "cap hoc", "bac hoc", "bac", "cap truong"]
            case .emails:
                [
                    "emails", "email", "e mail", "thu dien tu", "dia chi email", "dia chi thu dien tu", "hop thu", "email don vi",
                    "email truong", "dia chi e mail",
                ]
            case .principal: ["principal", "hieu truong", "ho ten hieu truong", "ten hieu truong", "ho va ten hieu truong"]
            case .principalEmail: ["principal email", "email hieu truong", "thu dien tu hieu truong"]
            }
        }
    }

    /// The rows of CSV `text`, as Excel saves it: a BOM tolerated, `,` or `;` between fields.
    public static func rows(csv text: String) -> [Row] {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        return CSV.records(body, separator: CSV.separator(of: body)).map { Row(number: $0.line, cells: $0.fields) }
    }

    /// The units of `rows`, or every problem with them.
    public static func units(from rows: [Row]) throws(Roster.Invalid) -> [SchoolUnit] {
        let rows = rows.filter { !$0.cells.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
        guard let (headerIndex, columns) = header(in: rows) else {
            let line = rows.first?.number ?? 1
            throw Roster.Invalid(problems: [
                Roster.Problem(
                    line: line,
                    message: "no header row with the columns code and name (or Mã đơn vị and Tên trường) in the first 10 rows",
                    vietnamese: "Không tìm thấy dòng tiêu đề có cột 'Mã đơn vị' và 'Tên trường' trong 10 dòng đầu")
            ])
        }
        var units: [SchoolUnit] = []
        var lines: [Int] = []
        for row in rows[(headerIndex + 1)...] {
            func cell(_ column: Column) -> String {
                guard let index = columns[column], index < row.cells.count else { return "" }
                return row.cells[index].trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            }
            let name = cell(.name)
            let emails = cell(.emails).split(whereSeparator: { $0 == ";" || $0 == "," || $0 == " " || $0 == "\n" }).map {
                $0.lowercased()
            }
            let principalName = cell(.principal)
            let principalEmail = cell(.principalEmail)
            units.append(
                SchoolUnit(
                    code: cell(.code).uppercased(), name: name, level: level(cell(.level), name: name), emails: emails,
                    principalName: principalName.isEmpty ? nil : principalName,
                    principalEmail: principalEmail.isEmpty ? nil : principalEmail))
            lines.append(row.number)
        }
        do {
            _ = try Roster(units: units)
        } catch {
            // Map positions in `units` back to rows of the file.
            throw Roster.Invalid(problems: error.problems.map { $0.at(line: lines[$0.line - 1]) })
        }
        return units
    }

    /// The first of the first ten rows that names at least the code and name columns.
    static func header(in rows: [Row]) -> (Int, [Column: Int])? {
        for (index, row) in rows.prefix(10).enumerated() {
            var columns: [Column: Int] = [:]
            for (position, text) in row.cells.enumerated() {
                let folded = TextFolding.fold(withoutNote(text))
                if let column = Column.allCases.first(where: { $0.names.contains(folded) }), columns[column] == nil {
                    columns[column] = position
                }
            }
            if columns[.code] != nil && columns[.name] != nil { return (index, columns) }
        }
        return nil
    }

    /// "Email (nhiều địa chỉ cách nhau bởi ;)" → "Email": a header's note in brackets.
    private static func withoutNote(_ text: String) -> String {
        guard let open = text.firstIndex(where: { $0 == "(" || $0 == "[" }) else { return text }
        return String(text[..<open])
    }

    /// The level as the roster writes it (MN, TH, THCS, THPT): from the column, written
    /// out or abbreviated, else from the name ("Trường Tiểu học …").
    static func level(_ text: String, name: String) -> String {
        let levels: [(String, String)] = [
            ("mam non", "MN"), ("mau giao", "MN"), ("nha tre", "MN"), ("tieu hoc", "TH"), ("trung hoc co so", "THCS"),
            ("trung hoc pho thong", "THPT"),
        ]
        let folded = TextFolding.fold(text)
        if let known = levels.first(where: { folded == $0.0 }) { return known.1 }
        if !folded.isEmpty { return text.uppercased() }
        let words = " " + TextFolding.fold(name) + " "
        if let known = levels.first(where: { words.contains(" \($0.0) ") }) { return known.1 }
        for abbreviation in ["THCS", "THPT", "MN", "TH"] where words.contains(" \(abbreviation.lowercased()) ") { return abbreviation }
        return ""
    }
}
