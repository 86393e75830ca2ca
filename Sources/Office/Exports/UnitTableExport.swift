import Foundation
import Intake

/// The columns of an exported unit table, shared by the CSV and the XLSX so both say the
/// same thing: headers in Vietnamese (the officer opens them in Excel), times in office
/// time, the status both as a label and as a code for formulas.
public enum UnitTableExport {
    public static let header = [
        "Mã đơn vị", "Tên đơn vị", "Cấp học", "Trạng thái", "Mã trạng thái", "Thời điểm nhận", "Số tệp", "Kiểm tra bản scan",
        "Mã kiểm tra", "Số, ký hiệu văn bản", "Ngày văn bản", "Trích yếu", "Ghi chú",
    ]

    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Int)
        /// An instant, shown in office time: a real date in a workbook, text in a CSV.
        case dateTime(Date)
    }

    public static func cells(_ row: UnitTable.Row) -> [Cell] {
        [
            .text(row.unit.code), .text(row.unit.name), .text(row.unit.level), .text(row.statusLabel), .text(row.status.rawValue),
            row.receivedAt.map(Cell.dateTime) ?? .text(""), .number(row.files), .text(row.checkLabel),
            .text(row.check?.rawValue ?? (row.checkPending ? "pending" : "")), .text(row.document?.number ?? ""),
            .text(row.document?.displayDate ?? ""), .text(row.document?.abstract ?? ""), .text(row.note ?? ""),
        ]
    }
}

/// CSV for Excel: UTF-8 with a BOM (without it Excel shows Vietnamese as mojibake), CRLF
/// line ends, RFC 4180 quoting, and no cell that Excel would run as a formula.
public enum UnitTableCSV {
    public static func render(_ table: UnitTable, office: OfficeProfile) -> String {
        var lines = [UnitTableExport.header.map(quote).joined(separator: ",")]
        for row in table.rows {
            lines.append(
                UnitTableExport.cells(row).map { cell in
                    switch cell {
                    case .text(let text): quote(text)
                    case .number(let number): "\(number)"
                    case .dateTime(let date): quote(office.formatDateTime(date))
                    }
                }.joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    static func quote(_ field: String) -> String {
        // A leading = + - @ would make Excel evaluate the cell as a formula.
        var value = field
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
