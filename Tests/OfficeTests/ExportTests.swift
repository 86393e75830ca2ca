import DocumentCheck
import Foundation
import Intake
import Store
import Testing
import ZIPFoundation

@testable import Office

#if canImport(FoundationXML)
    import FoundationXML
#endif

struct ExportTests {
    let office = OfficeProfile(name: "Phòng GDĐT quận Ba Đình", timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
    let roster = try! Roster(units: [
        SchoolUnit(code: "TH01", name: "Trường Tiểu học Thăng Long", level: "TH", emails: ["th01@example.vn"]),
        SchoolUnit(code: "TH02", name: "=HYPERLINK(\"http://x\"), \"Đống Đa\"", level: "TH", emails: ["th02@example.vn"]),
    ])
    /// 2021-02-19 09:12 in Hanoi.
    let received = Date(timeIntervalSince1970: 1_613_700_720)

    var table: UnitTable {
        UnitTable(
            roster: roster,
            ledger: [
                "TH01": LedgerRow(
                    unit: "TH01", status: .received, receivedAt: received, note: "dòng 1\ndòng 2", attachmentCount: 2,
                    checks: [.seal, .noSeal],
                    document: DocumentFacts(
                        number: "15/KH-THTL", date: "2021-02-18", type: "KẾ HOẠCH", title: "Công tác thi đua năm 2021", confidence: 0.9))
            ], query: .init())
    }

    @Test func csvOpensInExcelWithDiacriticsAndNoFormulas() {
        let csv = UnitTableCSV.render(table, office: office)
        #expect(csv.hasPrefix("\u{FEFF}Mã đơn vị,Tên đơn vị,"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n")
        // The document check as words and as a code: the seal shown on one file speaks for both.
        // The scan's number, date and abstract as read off its header.
        #expect(
            lines[1]
                == "TH01,Trường Tiểu học Thăng Long,TH,Đã nộp,received,19/02/2021 09:12,2,✔ Có dấu đỏ,seal,15/KH-THTL,18/02/2021,"
                + "Kế hoạch công tác thi đua năm 2021,\"dòng 1\ndòng 2\"")
        // The name that starts with '=' is quoted text, never a formula.
        #expect(lines[2].hasPrefix("TH02,\"'=HYPERLINK(\"\"http://x\"\"), \"\"Đống Đa\"\"\",TH,Chưa nộp,pending,,0,,,,,,"))
        #expect(csv.hasSuffix("\r\n"))
    }

    @Test func xlsxIsAWorkbookWithOneSheetOfTheTable() throws {
        let data = try UnitTableXLSX.render(table, office: office)
        let archive = try Archive(data: data, accessMode: .read)
        let names = Set(archive.map(\.path))
        #expect(
            names == [
                "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                "xl/worksheets/sheet1.xml",
            ])
        func part(_ path: String) throws -> String {
            var bytes = Data()
            _ = try archive.extract(try #require(archive[path])) { bytes.append($0) }
            return String(decoding: bytes, as: UTF8.self)
        }
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<c r=\"B2\" t=\"inlineStr\"><is><t xml:space=\"preserve\">Trường Tiểu học Thăng Long</t></is></c>"))
        #expect(sheet.contains("<c r=\"G2\"><v>2</v></c>"))
        // A real date, in office time, shown as Vietnamese Excel writes one: 19/02/2021 09:12
        // is serial 44246 + 9:12/24h.
        #expect(sheet.contains("<c r=\"F2\" s=\"2\"><v>44246.38333</v></c>"), "\(sheet)")
        #expect(try part("xl/styles.xml").contains("<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/>"))
        #expect(sheet.contains("<c r=\"F3\" t=\"inlineStr\"><is><t xml:space=\"preserve\"></t></is></c>"), "no date: an empty cell")
        #expect(sheet.contains("<c r=\"A1\" t=\"inlineStr\" s=\"1\"><is><t xml:space=\"preserve\">Mã đơn vị</t></is></c>"))
        // Markup in a name is escaped text; a formula-looking name stays a string cell.
        #expect(sheet.contains("=HYPERLINK(&quot;http://x&quot;), &quot;Đống Đa&quot;"))
        #expect(!sheet.contains("<f>"))
        #expect(try part("xl/workbook.xml").contains("<sheet name=\"Đơn vị\" sheetId=\"1\" r:id=\"rId1\"/>"))
        // Well-formed XML, every part.
        for path in names {
            #expect(XMLParser(data: Data(try part(path).utf8)).parse(), "\(path) is not well-formed XML")
        }
    }

    /// Issue 21, point 3: the register of incoming documents, from what each scan says.
    @Test func theRegisterListsEachDocumentAsTheOfficeBookDoes() throws {
        let entries = [
            RegisterEntry(
                message: 7, receivedAt: received, unitCode: "TH01", status: .received, subject: "Kế hoạch",
                filename: "ke-hoach.pdf",
                document: DocumentFacts(
                    number: "15/KH-THTL", date: "2021-02-18", type: "KẾ HOẠCH", title: "Công tác thi đua năm 2021", signer: "Lê Văn An",
                    confidence: 0.9)),
            RegisterEntry(message: 8, receivedAt: received, unitCode: "TH02", status: .needsReview, subject: "Gửi báo cáo", filename: nil),
        ]
        #expect(
            RegisterExport.cells(entries[0], index: 0, roster: roster) == [
                .number(1), .dateTime(received), .text("15/KH-THTL"), .text("18/02/2021"), .text("Trường Tiểu học Thăng Long"),
                .text("Kế hoạch công tác thi đua năm 2021"), .text("Lê Văn An"), .text("ke-hoach.pdf"), .text("Đã nộp"),
            ])
        // Not read: the subject stands in for the abstract, the rest is left for the officer.
        #expect(
            RegisterExport.cells(entries[1], index: 1, roster: roster)[2...5] == [
                .text(""), .text(""), .text(roster.units[1].name), .text("Gửi báo cáo"),
            ])
        let archive = try Archive(data: try RegisterExport.xlsx(entries, roster: roster, office: office), accessMode: .read)
        var sheet = Data()
        _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
        let xml = String(decoding: sheet, as: UTF8.self)
        #expect(xml.contains("Số, ký hiệu văn bản") && xml.contains("15/KH-THTL") && XMLParser(data: sheet).parse())
    }

    @Test func xmlEscapingDropsCharactersExcelRefuses() {
        #expect(UnitTableXLSX.escape("a\u{1}b<c>&\"d\"\te") == "ab&lt;c&gt;&amp;&quot;d&quot;\te")
        #expect(UnitTableXLSX.columnName(0) == "A")
        #expect(UnitTableXLSX.columnName(25) == "Z")
        #expect(UnitTableXLSX.columnName(26) == "AA")
    }
}
