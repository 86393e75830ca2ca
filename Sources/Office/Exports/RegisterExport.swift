import Foundation
import Intake
import Store

/// A campaign's incoming documents shaped like the office's register (sổ công văn đến):
/// what the officer otherwise types in by hand from each scan. Fields the scan could not
/// be read for are left empty, for her to fill in.
public enum RegisterExport {
    public static let header = [
        "STT", "Ngày nhận", "Số, ký hiệu văn bản", "Ngày văn bản", "Đơn vị gửi", "Trích yếu", "Người ký", "Tên tệp", "Trạng thái",
    ]

    public static func cells(_ entry: RegisterEntry, index: Int, roster: Roster) -> [UnitTableExport.Cell] {
        let document = entry.document
        return [
            .number(index + 1), .dateTime(entry.receivedAt), .text(document?.number ?? ""), .text(document?.displayDate ?? ""),
            .text(roster.unit(code: entry.unitCode)?.name ?? entry.unitCode), .text(document?.abstract ?? entry.subject),
            .text(document?.signer ?? ""), .text(entry.filename ?? ""), .text(entry.status?.label ?? ""),
        ]
    }

    /// The register as an Excel workbook.
    public static func xlsx(_ entries: [RegisterEntry], roster: Roster, office: OfficeProfile) throws -> Data {
        try UnitTableXLSX.workbook(
            header: header, rows: entries.enumerated().map { cells($1, index: $0, roster: roster) },
            widths: [6, 18, 20, 14, 36, 60, 24, 40, 14], office: office, sheetTitle: "Sổ công văn đến")
    }
}
