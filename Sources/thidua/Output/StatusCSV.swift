import Foundation
import Intake
import Store

/// The unit table as CSV for Excel: UTF-8 with a BOM (without it Excel shows Vietnamese
/// as mojibake), CRLF line ends, RFC 4180 quoting, times in office time.
enum StatusCSV {
    static func render(_ report: StatusReport, office: Office) -> String {
        var lines = ["ma,ten_don_vi,cap,trang_thai,ma_trang_thai,thoi_diem_nhan,so_tep,tep,ghi_chu"]
        for unit in report.units {
            let fields = [
                unit.code, unit.name, unit.level, unit.status.label, unit.status.rawValue,
                unit.receivedAt.map(office.formatDateTime) ?? "", "\(unit.attachments.count)",
                unit.attachments.map(\.filename).joined(separator: "; "), unit.note ?? "",
            ]
            lines.append(fields.map(quote).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    private static func quote(_ field: String) -> String {
        // A leading = + - @ would make Excel evaluate the cell as a formula.
        var value = field
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
