import Foundation
import Testing
import ZIPFoundation

@testable import Office

/// Workbooks built here part by part, as Excel writes them, then read back.
struct XLSXSheetReaderTests {
    // MARK: - What an officer's list looks like

    @Test func vietnameseHeaderAndRowsFromSharedStrings() throws {
        let file = try XLSXFixture.workbook(
            shared: ["Mã đơn vị", "Tên trường", "Cấp học", "Email", "TH01", "Trường Tiểu học Thăng Long", "TH", "th01@example.vn"],
            rows: """
                <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
                <row r="2"><c r="A2" t="s"><v>4</v></c><c r="B2" t="s"><v>5</v></c><c r="C2" t="s"><v>6</v></c><c r="D2" t="s"><v>7</v></c></row>
                """)
        #expect(
            try XLSXSheetReader.firstSheet(of: file) == [
                SheetRow(number: 1, cells: ["Mã đơn vị", "Tên trường", "Cấp học", "Email"]),
                SheetRow(number: 2, cells: ["TH01", "Trường Tiểu học Thăng Long", "TH", "th01@example.vn"]),
            ])
    }

    @Test func titleAboveTheHeaderKeepsExcelRowNumbersAndDropsEmptyRows() throws {
        let file = try XLSXFixture.workbook(
            shared: ["DANH SÁCH CÁC TRƯỜNG", "Mã đơn vị", "Tên trường", "MN01", "Trường Mầm non Hoa Sen", ""],
            rows: """
                <row r="1"><c r="A1" t="s" s="1"><v>0</v></c></row>
                <row r="2" customHeight="1" ht="6"><c r="A2" s="2"/><c r="B2" t="s"><v>5</v></c></row>
                <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c></row>
                <row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="s"><v>4</v></c></row>
                """)
        let rows = try XLSXSheetReader.firstSheet(of: file)
        #expect(rows.map(\.number) == [1, 3, 4])
        #expect(rows.first?.cells == ["DANH SÁCH CÁC TRƯỜNG"])
        #expect(rows.last?.cells == ["MN01", "Trường Mầm non Hoa Sen"])
    }

    @Test func gapsBecomeEmptyCellsAndReferencesMayBeMissing() throws {
        let file = try XLSXFixture.workbook(
            rows: """
                <row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="C2" t="inlineStr"><is><t>c</t></is></c></row>
                <row><c t="inlineStr"><is><t>x</t></is></c><c r="D3"><v>4</v></c><c><v>5</v></c></row>
                <row r="7"><c r="B7" t="inlineStr"><is><t>b</t></is></c></row>
                """)
        #expect(
            try XLSXSheetReader.firstSheet(of: file) == [
                SheetRow(number: 2, cells: ["a", "", "c"]),
                SheetRow(number: 3, cells: ["x", "", "", "4", "5"]),
                SheetRow(number: 7, cells: ["", "b"]),
            ])
    }

    @Test func richTextRunsAreJoinedWithoutThePhoneticGuide() throws {
        let file = try XLSXFixture.workbook(
            sharedItems: [
                #"<si><r><t xml:space="preserve">Trường </t></r><r><rPr><b/><sz val="11"/></rPr><t>Tiểu học</t></r>"#
                    + #"<r><t xml:space="preserve"> Kim Đồng</t></r><rPh sb="0" eb="1"><t>ふりがな</t></rPh><phoneticPr fontId="1"/></si>"#,
                // Without xml:space="preserve" Excel shows a run trimmed, but keeps one that is only a space.
                "<si><r><t>  Hello  </t></r><r><t> </t></r><r><t>world\n</t></r></si>",
            ],
            rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#)
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["Trường Tiểu học Kim Đồng", "Hello world"])])
    }

    @Test func inlineStringsFormulaResultsAndEscapes() throws {
        let file = try XLSXFixture.workbook(
            rows: """
                <row r="1">\
                <c r="A1" t="inlineStr"><is><t xml:space="preserve">  Trường THCS  </t></is></c>\
                <c r="B1" t="inlineStr"><is><r><t>Giảng </t></r><r><rPr><i/></rPr><t xml:space="preserve">Võ</t></r></is></c>\
                <c r="C1" t="str"><f>A1&amp;"x"</f><v>Trường THCSx</v></c>\
                <c r="D1" t="inlineStr"><is><t>dòng 1_x000D_\ndòng 2 _x005F_x0041_</t></is></c>\
                </row>
                """)
        #expect(
            try XLSXSheetReader.firstSheet(of: file) == [
                SheetRow(number: 1, cells: ["  Trường THCS  ", "GiảngVõ", "Trường THCSx", "dòng 1\r\ndòng 2 _x0041_"])
            ])
    }

    @Test func numbersReadAsExcelShowsThemUnformatted() throws {
        let cases: [(stored: String, read: String)] = [
            ("1", "1"), ("2.5", "2.5"), ("1.0", "1"), ("912345678", "912345678"), ("-3", "-3"), ("-0", "0"), ("0.1", "0.1"),
            ("1E+3", "1000"), ("0.30000000000000004", "0.30000000000000004"), ("0.00001", "1e-05"), ("45292", "45292"),
            ("999999999999999", "999999999999999"), ("1000000000000000", "1e+15"), ("1234567890123456", "1.23456789012346e+15"),
            ("1e20", "1e+20"),
        ]
        let cells = cases.enumerated().map { "<c r=\"\(XLSXFixture.column($0.offset + 1))1\"><v>\($0.element.stored)</v></c>" }
        let file = try XLSXFixture.workbook(
            rows: "<row r=\"1\">\(cells.joined())</row><row r=\"2\"><c r=\"A2\" t=\"n\"><v>7.0</v></c></row>")
        let rows = try XLSXSheetReader.firstSheet(of: file)
        #expect(rows.first?.cells == cases.map(\.read))
        #expect(rows.last == SheetRow(number: 2, cells: ["7"]))
    }

    @Test func booleansAndErrors() throws {
        let file = try XLSXFixture.workbook(
            rows: """
                <row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c>\
                <c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1" t="e"><v>#N/A</v></c></row>
                """)
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["TRUE", "FALSE", "#DIV/0!", "#N/A"])])
    }

    @Test func entitiesAndCharacterReferences() throws {
        let file = try XLSXFixture.workbook(
            shared: ["Trường A & B <C>"],  // escaped by the fixture
            rows: #"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr">"#
                + #"<is><t>&quot;Tr&#432;&#x1EDD;ng&quot; &amp; &apos;x&apos;</t></is></c></row>"#)
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["Trường A & B <C>", "\"Trường\" & 'x'"])])
    }

    // MARK: - Finding the first sheet

    @Test(arguments: ["worksheets/sheet3.xml", "/xl/worksheets/sheet3.xml", "./worksheets/../worksheets/sheet3.xml"])
    func firstSheetIsTheFirstTabThroughTheRelationships(target: String) throws {
        let file = try XLSXFixture.zip([
            ("[Content_Types].xml", XLSXFixture.contentTypes),
            ("_rels/.rels", XLSXFixture.rootRelationships),
            ("xl/workbook.xml", XLSXFixture.workbookXML(sheets: [("Danh sách", "rId7", nil), ("Sheet1", "rId1", nil)])),
            (
                "xl/_rels/workbook.xml.rels",
                XLSXFixture.relationships([
                    ("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId7", "worksheet", target),
                    ("rId9", "sharedStrings", "sharedStrings.xml"),
                ])
            ),
            ("xl/sharedStrings.xml", XLSXFixture.sharedStrings(["the first tab"])),
            ("xl/worksheets/sheet1.xml", XLSXFixture.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>sheet1.xml</t></is></c></row>"#)),
            ("xl/worksheets/sheet3.xml", XLSXFixture.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)),
        ])
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["the first tab"])])
    }

    @Test func hiddenTabsAndChartSheetsAreSkipped() throws {
        let file = try XLSXFixture.zip([
            ("_rels/.rels", XLSXFixture.rootRelationships),
            (
                "xl/workbook.xml",
                XLSXFixture.workbookXML(sheets: [("Biểu đồ", "rId1", nil), ("Tra cứu", "rId2", "hidden"), ("Danh sách", "rId3", nil)])
            ),
            (
                "xl/_rels/workbook.xml.rels",
                XLSXFixture.relationships([
                    ("rId1", "chartsheet", "chartsheets/sheet1.xml"), ("rId2", "worksheet", "worksheets/sheet1.xml"),
                    ("rId3", "worksheet", "worksheets/sheet2.xml"),
                ])
            ),
            ("xl/chartsheets/sheet1.xml", "<chartsheet/>"),
            ("xl/worksheets/sheet1.xml", XLSXFixture.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row>"#)),
            ("xl/worksheets/sheet2.xml", XLSXFixture.sheet(#"<row r="1"><c r="A1" t="inlineStr"><is><t>visible</t></is></c></row>"#)),
        ])
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["visible"])])
    }

    @Test func anUndeclaredNamespacePrefixIsTolerated() throws {
        // The `r:` prefix used but never declared, as some writers leave it.
        let workbook =
            #"<workbook xmlns="\#(XLSXFixture.spreadsheetML)"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        let file = try XLSXFixture.zip(
            XLSXFixture.standardParts(shared: ["Trường"], sheet: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)
                .map { $0.0 == "xl/workbook.xml" ? ($0.0, workbook) : $0 })
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["Trường"])])
    }

    @Test func withoutAWorkbookPartSheet1IsRead() throws {
        let file = try XLSXFixture.zip([
            ("xl/sharedStrings.xml", XLSXFixture.sharedStrings(["only"])),
            ("xl/worksheets/sheet1.xml", XLSXFixture.sheet(#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)),
        ])
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["only"])])
    }

    @Test func prefixedSpreadsheetMLAndUTF16AndStoredEntries() throws {
        // As some .NET writers do: every element under an `x:` prefix; the sheet in UTF-16.
        let sheet = """
            <?xml version="1.0" encoding="utf-16"?>
            <x:worksheet xmlns:x="\(XLSXFixture.spreadsheetML)"><x:sheetData>\
            <x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>Trường Mẫu giáo</x:t></x:is></x:c></x:row>\
            </x:sheetData></x:worksheet>
            """
        var utf16 = Data([0xFF, 0xFE])
        for unit in sheet.utf16 { utf16.append(contentsOf: [UInt8(unit & 0xFF), UInt8(unit >> 8)]) }
        var parts = XLSXFixture.standardParts(shared: nil, sheet: "").map { ($0.0, Data($0.1.utf8)) }
        parts.removeAll { $0.0 == "xl/worksheets/sheet1.xml" }
        parts.append(("xl/worksheets/sheet1.xml", utf16))
        let file = try XLSXFixture.zip(data: parts, compression: .none)
        #expect(try XLSXSheetReader.firstSheet(of: file) == [SheetRow(number: 1, cells: ["", "Trường Mẫu giáo"])])
    }

    // MARK: - Files that are not a workbook

    @Test func notAZip() {
        #expect(throws: XLSXError.notAnXLSX) { try XLSXSheetReader.firstSheet(of: Array("Mã đơn vị,Tên trường\nTH01,A\n".utf8)) }
        #expect(throws: XLSXError.notAnXLSX) { try XLSXSheetReader.firstSheet(of: []) }
        // A zip header and nothing after it.
        let header: [UInt8] = [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0, count: 100)
        #expect(throws: XLSXError.notAnXLSX) { try XLSXSheetReader.firstSheet(of: header) }
    }

    @Test func aZipWithoutAWorkbookSuchAsAnODS() throws {
        let file = try XLSXFixture.zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<office/>")])
        #expect(throws: XLSXError.notAnXLSX) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func oleFilesAreOldXLSOrPasswordProtected() {
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        #expect(throws: XLSXError.legacyOrEncrypted) { try XLSXSheetReader.firstSheet(of: ole) }
        #expect(XLSXError.legacyOrEncrypted.description.contains(".xls"))
        #expect(XLSXError.legacyOrEncrypted.description.contains("password"))
    }

    // MARK: - Limits

    @Test func aPartLargerThanTheLimit() throws {
        let rows = (1...200).map { #"<row r="\#($0)"><c r="A\#($0)" t="inlineStr"><is><t>Trường số \#($0)</t></is></c></row>"# }.joined()
        let file = try XLSXFixture.workbook(rows: rows)
        let limits = XLSXSheetReader.Limits(maxPartBytes: 4_000)
        #expect(throws: XLSXError.partTooLarge("xl/worksheets/sheet1.xml")) { try XLSXSheetReader.firstSheet(of: file, limits: limits) }
        #expect(try XLSXSheetReader.firstSheet(of: file).count == 200)
    }

    @Test func aPartWhoseDirectorySaysItIsTooLargeIsNotUnpacked() throws {
        var file = try XLSXFixture.workbook(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        XLSXFixture.patchDirectory(&file, entry: "xl/worksheets/sheet1.xml", at: 24, to: 0xFFFF_FFF0)
        #expect(throws: XLSXError.partTooLarge("xl/worksheets/sheet1.xml")) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func aPartThatUnpacksToMoreThanItsHeaderSays() throws {
        // 120 KB of XML that the directory says is 100 bytes: counted while unpacking, it is
        // over the limit; under the limit, it is not what the header says, so damaged.
        let sheet = XLSXFixture.sheet(String(repeating: "<row/>", count: 20_000))
        var file = try XLSXFixture.zip(
            XLSXFixture.standardParts(shared: nil, sheet: "").filter { $0.0 != "xl/worksheets/sheet1.xml" } + [
                ("xl/worksheets/sheet1.xml", sheet)
            ])
        XLSXFixture.patchDirectory(&file, entry: "xl/worksheets/sheet1.xml", at: 24, to: 100)
        #expect(throws: XLSXError.partTooLarge("xl/worksheets/sheet1.xml")) {
            try XLSXSheetReader.firstSheet(of: file, limits: .init(maxPartBytes: 50_000))
        }
        #expect(throws: XLSXError.malformed(part: "xl/worksheets/sheet1.xml", line: 0)) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func aCellPastTheColumnLimit() throws {
        let file = try XLSXFixture.workbook(rows: #"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1048576"><v>2</v></c></row>"#)
        #expect(throws: XLSXError.tooManyColumns(200)) { try XLSXSheetReader.firstSheet(of: file) }
        let narrow = XLSXSheetReader.Limits(maxColumns: 3)
        let wide = try XLSXFixture.workbook(rows: #"<row r="1"><c r="C1"><v>3</v></c><c r="D1"><v>4</v></c></row>"#)
        #expect(throws: XLSXError.tooManyColumns(3)) { try XLSXSheetReader.firstSheet(of: wide, limits: narrow) }
        // A formatted but empty cell far right holds no text: nothing to refuse.
        let styled = try XLSXFixture.workbook(rows: #"<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="3"/></row>"#)
        #expect(try XLSXSheetReader.firstSheet(of: styled) == [SheetRow(number: 1, cells: ["1"])])
    }

    @Test func tooManyRows() throws {
        let rows = (1...6).map { #"<row r="\#($0)"><c r="A\#($0)"><v>\#($0)</v></c></row>"# }.joined()
        let file = try XLSXFixture.workbook(rows: rows + #"<row r="7"/><row r="8"><c r="A8" s="1"/></row>"#)
        #expect(throws: XLSXError.tooManyRows(5)) { try XLSXSheetReader.firstSheet(of: file, limits: .init(maxRows: 5)) }
        // Rows without text do not count.
        #expect(try XLSXSheetReader.firstSheet(of: file, limits: .init(maxRows: 6)).count == 6)
    }

    // MARK: - Hostile and damaged parts

    /// ZIPFoundation's own `Archive.extract` never returns on this file on Linux: the deflate
    /// stream (a stored block claiming 65,535 bytes) runs on past the entry to the archive's end.
    /// Read on a thread of its own, so that a regression fails here instead of hanging the run.
    @Test func aDeflateStreamThatDoesNotEndWithItsEntry() throws {
        // A stored block (type 00) of 65,535 bytes (LEN FFFF, NLEN 0000), and nothing of them.
        let storedBlock: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00]
        let file = XLSXFixture.rawZip(name: "xl/workbook.xml", method: 8, payload: storedBlock, uncompressedSize: 65_535)
        final class Outcome: @unchecked Sendable {
            var result: Result<[SheetRow], XLSXError>?
            let done = DispatchSemaphore(value: 0)
        }
        let outcome = Outcome()
        Thread {
            outcome.result = Result { () throws(XLSXError) in try XLSXSheetReader.firstSheet(of: file) }
            outcome.done.signal()
        }.start()
        guard outcome.done.wait(timeout: .now() + 30) == .success else {
            Issue.record("still reading after 30 seconds")
            return
        }
        #expect(throws: XLSXError.malformed(part: "xl/workbook.xml", line: 0)) { try #require(outcome.result).get() }
    }

    @Test func aWrongChecksum() throws {
        var file = try XLSXFixture.workbook(rows: #"<row r="1"><c r="A1"><v>1</v></c></row>"#)
        XLSXFixture.patchDirectory(&file, entry: "xl/worksheets/sheet1.xml", at: 16, to: 0xDEAD_BEEF)
        #expect(throws: XLSXError.malformed(part: "xl/worksheets/sheet1.xml", line: 0)) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func aMissingSheetPart() throws {
        let file = try XLSXFixture.zip(XLSXFixture.standardParts(shared: nil, sheet: "").filter { $0.0 != "xl/worksheets/sheet1.xml" })
        #expect(throws: XLSXError.malformed(part: "xl/worksheets/sheet1.xml", line: 0)) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func xmlThatIsNotWellFormed() throws {
        // libxml2 recovers from this and XMLParser.parse() says true: it must still be refused.
        let file = try XLSXFixture.workbook(rows: "<row r=\"1\">\n<c r=\"A1\"><v>1</c></v>\n</row>")
        #expect(throws: XLSXError.malformed(part: "xl/worksheets/sheet1.xml", line: 3)) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test(arguments: [
        #"<!DOCTYPE sst [<!ENTITY e SYSTEM "file:///etc/passwd">]>"#,
        #"<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>"#,
    ])
    func aDTDIsRefusedBeforeParsing(doctype: String) throws {
        let shared = """
            <?xml version="1.0" encoding="UTF-8"?>
            \(doctype)
            <sst xmlns="\(XLSXFixture.spreadsheetML)"><si><t>&e;&b;</t></si></sst>
            """
        var parts = XLSXFixture.standardParts(shared: [], sheet: #"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#)
        parts = parts.map { $0.0 == "xl/sharedStrings.xml" ? ($0.0, shared) : $0 }
        let file = try XLSXFixture.zip(parts)
        #expect(throws: XLSXError.malformed(part: "xl/sharedStrings.xml", line: 2)) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func anEncodingOtherThanUTF8OrUTF16() throws {
        let sheet = #"<?xml version="1.0" encoding="UTF-7"?><worksheet><sheetData>+ADw-row/+AD4-</sheetData></worksheet>"#
        let file = try XLSXFixture.zip(
            XLSXFixture.standardParts(shared: nil, sheet: "").map { $0.0 == "xl/worksheets/sheet1.xml" ? ($0.0, sheet) : $0 })
        #expect(throws: XLSXError.malformed(part: "xl/worksheets/sheet1.xml", line: 1)) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func aSharedStringThatDoesNotExist() throws {
        let file = try XLSXFixture.workbook(shared: ["a"], rows: "<row r=\"1\">\n<c r=\"A1\" t=\"s\"><v>1</v></c></row>")
        #expect(throws: XLSXError.malformed(part: "xl/worksheets/sheet1.xml", line: 3)) { try XLSXSheetReader.firstSheet(of: file) }
    }

    @Test func cellReferences() {
        #expect(XLSXSheetReader.column(of: "A1") == 1)
        #expect(XLSXSheetReader.column(of: "C5") == 3)
        #expect(XLSXSheetReader.column(of: "AA10") == 27)
        #expect(XLSXSheetReader.column(of: "XFD1048576") == 16_384)
        #expect(XLSXSheetReader.column(of: "ZZZZZZZZZZZZZZZZZZZZZ1") == 16_385)
        #expect(XLSXSheetReader.column(of: "1A") == nil)
        #expect(XLSXSheetReader.column(of: "A1B") == nil)
        #expect(XLSXSheetReader.column(of: "") == nil)
    }

    @Test func everyErrorSaysWhatToDo() {
        let errors: [XLSXError] = [
            .notAnXLSX, .legacyOrEncrypted, .partTooLarge("xl/worksheets/sheet1.xml"), .malformed(part: "xl/workbook.xml", line: 0),
            .malformed(part: "xl/sharedStrings.xml", line: 3), .tooManyRows(20_000), .tooManyColumns(200),
        ]
        for error in errors {
            #expect(error.description.contains(": "), "\(error)")
        }
        #expect(XLSXError.malformed(part: "xl/sharedStrings.xml", line: 3).description.contains("line 3"))
        #expect(XLSXError.malformed(part: "xl/workbook.xml", line: 0).description.contains("cannot be unpacked"))
        #expect(XLSXError.tooManyRows(20_000).description.contains("20000"))
    }
}

/// Builds .xlsx files from their XML parts.
enum XLSXFixture {
    static let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relationshipTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
        </Types>
        """

    static let rootRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationshipTypes)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbookXML(sheets: [(name: String, id: String, state: String?)]) -> String {
        let list = sheets.enumerated().map { index, sheet in
            #"<sheet name="\#(escape(sheet.name))" sheetId="\#(index + 1)"\#(sheet.state.map { " state=\"\($0)\"" } ?? "") r:id="\#(sheet.id)"/>"#
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(spreadsheetML)" xmlns:r="\(relationshipTypes)"><bookViews><workbookView/></bookViews>\
            <sheets>\(list.joined())</sheets><calcPr calcId="191029"/></workbook>
            """
    }

    static func relationships(_ list: [(id: String, type: String, target: String)]) -> String {
        let items = list.map { #"<Relationship Id="\#($0.id)" Type="\#(relationshipTypes)/\#($0.type)" Target="\#($0.target)"/>"# }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(items.joined())</Relationships>
            """
    }

    static func sharedStrings(_ strings: [String]) -> String {
        sharedStrings(items: strings.map { #"<si><t xml:space="preserve">\#(escape($0))</t></si>"# })
    }

    static func sharedStrings(items: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(spreadsheetML)" count="\(items.count)" uniqueCount="\(items.count)">\(items.joined())</sst>
        """
    }

    static func sheet(_ rows: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(spreadsheetML)" xmlns:r="\(relationshipTypes)"><dimension ref="A1"/>\
        <sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>\(rows)</sheetData>\
        <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>
        """
    }

    /// A one-sheet workbook as Excel saves it, with the shared string table if `shared` is given.
    static func standardParts(shared: [String]?, sharedItems: [String]? = nil, sheet rows: String) -> [(String, String)] {
        var relationships = [("rId1", "worksheet", "worksheets/sheet1.xml"), ("rId2", "styles", "styles.xml")]
        var parts = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", rootRelationships),
            ("xl/workbook.xml", workbookXML(sheets: [("Danh sách", "rId1", nil)])),
            ("xl/styles.xml", #"<styleSheet xmlns="\#(spreadsheetML)"/>"#),
            ("xl/worksheets/sheet1.xml", sheet(rows)),
        ]
        if let items = sharedItems ?? shared.map({ $0.map { #"<si><t xml:space="preserve">\#(escape($0))</t></si>"# } }) {
            relationships.append(("rId3", "sharedStrings", "sharedStrings.xml"))
            parts.append(("xl/sharedStrings.xml", sharedStrings(items: items)))
        }
        parts.insert(("xl/_rels/workbook.xml.rels", self.relationships(relationships)), at: 3)
        return parts
    }

    static func workbook(shared: [String]? = nil, sharedItems: [String]? = nil, rows: String) throws -> [UInt8] {
        try zip(standardParts(shared: shared, sharedItems: sharedItems, sheet: rows))
    }

    static func zip(_ parts: [(String, String)], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        try zip(data: parts.map { ($0.0, Data($0.1.utf8)) }, compression: compression)
    }

    static func zip(data parts: [(String, Data)], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) {
                position, size in data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](try #require(archive.data))
    }

    /// A one-entry zip written byte by byte, with whatever sizes it is told.
    static func rawZip(name: String, method: UInt16, payload: [UInt8], uncompressedSize: UInt32) -> [UInt8] {
        func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (8 * $0) & 0xFF) } }
        let nameBytes = Array(name.utf8)
        let local =
            le32(0x0403_4B50) + le16(20) + le16(0) + le16(Int(method)) + le16(0) + le16(0) + le32(0) + le32(UInt32(payload.count))
            + le32(uncompressedSize) + le16(nameBytes.count) + le16(0) + nameBytes + payload
        let central =
            le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(Int(method)) + le16(0) + le16(0) + le32(0)
            + le32(UInt32(payload.count)) + le32(uncompressedSize) + le16(nameBytes.count) + le16(0) + le16(0) + le16(0) + le16(0)
            + le32(0) + le32(0) + nameBytes
        let end =
            le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(UInt32(central.count)) + le32(UInt32(local.count)) + le16(0)
        return local + central + end
    }

    /// Overwrites the 32-bit field at `offset` of `entry`'s central directory record.
    static func patchDirectory(_ file: inout [UInt8], entry: String, at offset: Int, to value: UInt32) {
        let name = Array(entry.utf8)
        for start in stride(from: file.count - 46 - name.count, through: 0, by: -1)
        where file[start..<start + 4] == [0x50, 0x4B, 0x01, 0x02] && Array(file[start + 46..<start + 46 + name.count]) == name {
            for byte in 0..<4 { file[start + offset + byte] = UInt8(value >> (8 * UInt32(byte)) & 0xFF) }
            return
        }
        Issue.record("no directory entry \(entry)")
    }

    static func column(_ number: Int) -> String {
        var number = number
        var name = ""
        while number > 0 {
            name = String(UnicodeScalar(UInt8(65 + (number - 1) % 26))) + name
            number = (number - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
