import Foundation
import Intake
import ZIPFoundation

/// The unit table as an Excel workbook (Office Open XML, ECMA-376): a zip of a handful of
/// XML parts, one sheet, strings inline (no shared-string table to keep in step), the
/// header row bold and frozen. Text is always a string cell, so nothing is a formula.
public enum UnitTableXLSX {
    public static func render(_ table: UnitTable, office: OfficeProfile, sheetTitle: String = "Đơn vị") throws -> Data {
        try workbook(
            header: UnitTableExport.header, rows: table.rows.map(UnitTableExport.cells),
            widths: [12, 40, 14, 14, 14, 18, 8, 40, 14, 18, 14, 50, 40], office: office, sheetTitle: sheetTitle)
    }

    /// A one-sheet workbook: `header` bold and frozen over `rows`, columns `widths`
    /// characters wide.
    static func workbook(
        header: [String], rows: [[UnitTableExport.Cell]], widths: [Int], office: OfficeProfile, sheetTitle: String
    ) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbook(sheetTitle: sheetTitle)),
            ("xl/_rels/workbook.xml.rels", workbookRelationships),
            ("xl/styles.xml", styles),
            ("xl/worksheets/sheet1.xml", sheet(header: header, rows: rows, widths: widths, office: office)),
        ]
        for (path, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: Date(timeIntervalSince1970: 315_532_800),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    static func sheet(header: [String], rows: [[UnitTableExport.Cell]], widths: [Int], office: OfficeProfile) -> String {
        let columns = widths.enumerated().map { "<col min=\"\($0 + 1)\" max=\"\($0 + 1)\" width=\"\($1)\" customWidth=\"1\"/>" }
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>\
            <cols>\(columns.joined())</cols><sheetData>
            """
        xml += row(1, header.map(UnitTableExport.Cell.text), style: 1, timeZone: office.timeZone)
        for (index, cells) in rows.enumerated() {
            xml += row(index + 2, cells, style: 0, timeZone: office.timeZone)
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    static func row(_ number: Int, _ cells: [UnitTableExport.Cell], style: Int, timeZone: TimeZone) -> String {
        var xml = "<row r=\"\(number)\">"
        for (column, cell) in cells.enumerated() {
            let reference = "\(columnName(column))\(number)"
            let styleAttribute = style == 0 ? "" : " s=\"\(style)\""
            switch cell {
            case .text(let text):
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"\(styleAttribute)><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
            case .number(let value):
                xml += "<c r=\"\(reference)\"\(styleAttribute)><v>\(value)</v></c>"
            case .dateTime(let date):
                xml += "<c r=\"\(reference)\" s=\"\(dateStyle)\"><v>\(serial(date, in: timeZone))</v></c>"
            }
        }
        return xml + "</row>"
    }

    /// The cell style of a date and time (`styles`): day/month/year and hours:minutes, as
    /// Vietnamese Excel writes them, so the officer can sort, filter and count by date.
    static let dateStyle = 2

    /// `date` as Excel's serial number in `timeZone`: days since 1899-12-30 (the 1900 date
    /// system, leap-year quirk included), the time of day as the fraction. A workbook has no
    /// time zone; the office's is what the officer expects to read.
    static func serial(_ date: Date, in timeZone: TimeZone) -> String {
        let local = date.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: date))
        // Whole seconds: 25569 is 1970-01-01's serial.
        let value = (local.rounded() / 86_400) + 25_569
        return String(format: "%.10g", value)
    }

    /// A, B, … Z, AA, AB, …
    static func columnName(_ index: Int) -> String {
        var index = index
        var name = ""
        repeat {
            name = String(UnicodeScalar(UInt8(65 + index % 26))) + name
            index = index / 26 - 1
        } while index >= 0
        return name
    }

    /// XML text: the five entities, and no character XML 1.0 forbids (control characters
    /// other than tab and line ends would make Excel refuse the whole file).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func workbook(sheetTitle: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets><sheet name="\(escape(String(sheetTitle.prefix(31))))" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static let workbookRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// Style 0 plain, style 1 bold (the header row), style 2 a date and time (number format
    /// 164, a custom one: the built-in 22 is m/d/yyyy in some locales).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy hh:mm"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}
