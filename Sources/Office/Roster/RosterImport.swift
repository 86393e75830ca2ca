import Foundation
import Intake
import MIME
import Store

/// The office's own list of schools, as she keeps it (Excel `.xlsx`, or CSV), turned into
/// the roster in two steps: a preview of what would change, then, once she agrees, the
/// change itself. Nothing is applied from a file with a problem.
public enum RosterImport {
    public struct Preview: Sendable {
        public var filename: String
        /// The units the file describes, in its order; empty when it has problems.
        public var units: [SchoolUnit]
        public var changes: RosterChanges
        /// Each with its row in the file; the file is refused while there is one.
        public var problems: [Roster.Problem]

        public var isApplicable: Bool { problems.isEmpty && !units.isEmpty }
    }

    /// Reads `bytes` (an upload named `filename`) and compares it with `current`.
    public static func preview(_ bytes: [UInt8], filename: String, current: Roster) -> Preview {
        let units: [SchoolUnit]
        do {
            units = try RosterTable.units(from: try rows(bytes))
        } catch {
            return Preview(filename: filename, units: [], changes: RosterChanges(from: [], to: []), problems: error.problems)
        }
        guard !units.isEmpty else {
            let problem = Roster.Problem(
                line: 1, message: "the file lists no unit below its header", vietnamese: "Tệp không có đơn vị nào dưới dòng tiêu đề")
            return Preview(filename: filename, units: [], changes: RosterChanges(from: [], to: []), problems: [problem])
        }
        return Preview(filename: filename, units: units, changes: RosterChanges(from: current.units, to: units), problems: [])
    }

    /// Makes the preview's units the roster. The store logs each change against its unit.
    @discardableResult
    public static func apply(_ preview: Preview, store: DataStore, actor: String, at now: Date) throws -> RosterChanges {
        precondition(preview.isApplicable, "a roster with problems is never applied")
        return try store.applyRoster(preview.units, source: preview.filename, actor: actor, at: now)
    }

    /// The table in `bytes`: the first sheet of a workbook, or CSV text (UTF-8, else the
    /// Windows-1258 that Excel writes on a Vietnamese Windows).
    static func rows(_ bytes: [UInt8]) throws(Roster.Invalid) -> [RosterTable.Row] {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
        if bytes.starts(with: zip) || bytes.starts(with: ole) {
            do {
                return try XLSXSheetReader.firstSheet(of: bytes).map { RosterTable.Row(number: $0.number, cells: $0.cells) }
            } catch {
                throw Roster.Invalid(problems: [Roster.Problem(line: 1, message: "\(error)", vietnamese: vietnamese(error))])
            }
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        return RosterTable.rows(csv: String(validating: body, as: UTF8.self) ?? Charset.decode(body, charset: "windows-1258").text)
    }

    /// What went wrong with a workbook, for the officer.
    static func vietnamese(_ error: XLSXError) -> String {
        switch error {
        case .notAnXLSX: "Tệp không phải bảng tính Excel (.xlsx). Hãy mở bằng Excel rồi chọn Lưu thành → Sổ làm việc Excel (.xlsx)."
        case .legacyOrEncrypted:
            "Tệp là bảng tính Excel đời cũ (.xls) hoặc có đặt mật khẩu. Hãy mở bằng Excel, bỏ mật khẩu nếu có, rồi lưu thành .xlsx."
        case .partTooLarge: "Bảng tính quá lớn. Hãy chỉ giữ trang danh sách đơn vị rồi lưu lại."
        case .malformed: "Bảng tính bị hỏng, không đọc được. Hãy mở bằng Excel rồi lưu lại thành .xlsx."
        case .tooManyRows(let limit): "Bảng tính có quá \(limit) dòng. Hãy chỉ giữ danh sách đơn vị."
        case .tooManyColumns(let limit): "Bảng tính có quá \(limit) cột. Hãy chỉ giữ các cột của danh sách đơn vị."
        }
    }
}
