import Foundation
import Store
import Testing
import ZIPFoundation

@testable import Intake
@testable import Office

/// The officer's own list of schools, as her Excel or her Windows saves it, previewed
/// against the roster in force and then applied: a file with one problem is refused with
/// the row to fix, and a school that leaves the roster keeps what it sent.
struct RosterImportTests {
    let now = TestOffice.date("2021-02-19T14:00:00+07:00")
    let header = ["Mã đơn vị", "Tên trường", "Cấp học", "Email"]

    /// TH03 leaves, TH02 gives a second address, TH04 joins: the list the tests import.
    let nextYear: [[String]] = [
        ["TH01", "Trường Tiểu học Kim Đồng", "Tiểu học", "c1kimdong@bd.edu.vn"],
        ["TH02", "Trường Tiểu học Thành Công", "TH", "c1thanhcong@bd.edu.vn hieutruong.thanhcong@bd.edu.vn"],
        ["TH04", "Trường Tiểu học Thăng Long", "TH", "c1thanglong@bd.edu.vn"],
    ]

    func withStore(_ body: (DataStore) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-roster-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try DataStore(inMemoryWithFilesIn: directory)
        try store.applyRoster(TestOffice.roster.units, source: "config/units.csv", actor: "config", at: now.addingTimeInterval(-86400))
        try await body(store)
    }

    /// What the preview must say of `nextYear` against the test office's roster.
    func expectNextYearChanges(_ preview: RosterImport.Preview, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(preview.problems.isEmpty, "\(preview.problems)", sourceLocation: sourceLocation)
        #expect(preview.isApplicable, sourceLocation: sourceLocation)
        #expect(preview.units.map(\.code) == ["TH01", "TH02", "TH04"], sourceLocation: sourceLocation)
        #expect(preview.changes.added.map(\.code) == ["TH04"], sourceLocation: sourceLocation)
        #expect(preview.changes.removed.map(\.code) == ["TH03"], sourceLocation: sourceLocation)
        #expect(preview.changes.renamed.isEmpty, sourceLocation: sourceLocation)
        #expect(
            preview.changes.addressesAdded.map { "\($0.code) \($0.address)" } == [
                "TH02 hieutruong.thanhcong@bd.edu.vn", "TH04 c1thanglong@bd.edu.vn",
            ], sourceLocation: sourceLocation)
        // TH03's address goes with it, as TH04's comes with it.
        #expect(
            preview.changes.addressesRemoved.map { "\($0.code) \($0.address)" } == ["TH03 c1nguyentrai@bd.edu.vn"],
            sourceLocation: sourceLocation)
    }

    // MARK: - CSV

    @Test func aUTF8CSVWithABOMPreviewsWhatWouldChange() throws {
        let csv = ([header] + nextYear).map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        let preview = RosterImport.preview([0xEF, 0xBB, 0xBF] + Array(csv.utf8), filename: "truong.csv", current: TestOffice.roster)
        expectNextYearChanges(preview)
        #expect(preview.filename == "truong.csv")
        // "Tiểu học" written out is the level TH, as the roster writes it.
        #expect(preview.units.first?.level == "TH")
        #expect(preview.units.first?.code == "TH01", "the BOM is not part of the first header cell")
    }

    /// A Vietnamese Windows's Excel saves "CSV" in Windows-1258, with `;` between fields and
    /// the tone marks as separate combining bytes.
    @Test func aWindows1258CSVReadsBackInVietnamese() throws {
        let csv = ([header] + nextYear).map { $0.joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        let bytes = try Self.windows1258(csv)
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the bytes are not UTF-8 by accident")
        let preview = RosterImport.preview(bytes, filename: "truong.csv", current: TestOffice.roster)
        expectNextYearChanges(preview)
        let thangLong = try #require(preview.units.last)
        // Compared scalar by scalar: == on Strings would accept the decomposed form.
        #expect(
            Array(thangLong.name.unicodeScalars) == Array("Trường Tiểu học Thăng Long".precomposedStringWithCanonicalMapping.unicodeScalars)
        )
        #expect(preview.units.map(\.name) == nextYear.map { $0[1] })
    }

    @Test func oneBadAddressRefusesTheFileNamingItsLine() throws {
        var rows = nextYear
        rows[2][3] = "c1thanglong@bd"
        let csv = ([header] + rows).map { $0.joined(separator: ",") }.joined(separator: "\n")
        let preview = RosterImport.preview(Array(csv.utf8), filename: "truong.csv", current: TestOffice.roster)
        #expect(!preview.isApplicable)
        #expect(preview.units.isEmpty && preview.changes.isEmpty)
        #expect(preview.problems.map(\.line) == [4])
        #expect(preview.problems.first?.vietnamese == "'c1thanglong@bd' không phải địa chỉ thư điện tử")
    }

    @Test func aFileWithAHeaderAndNoUnitIsRefused() throws {
        let preview = RosterImport.preview(Array(header.joined(separator: ",").utf8), filename: "trong.csv", current: TestOffice.roster)
        #expect(!preview.isApplicable)
        #expect(preview.problems.map(\.vietnamese) == ["Tệp không có đơn vị nào dưới dòng tiêu đề"])
    }

    // MARK: - Excel

    /// The unit table thidua exports is a list the officer may edit and import again.
    @Test func aWorkbookOfOurOwnWriterReadsBack() throws {
        var rows = nextYear
        rows[0][1] = "Trường Tiểu học Kim Đồng (cơ sở 2)"
        let workbook = try UnitTableXLSX.workbook(
            header: header, rows: rows.map { $0.map(UnitTableExport.Cell.text) }, widths: [12, 40, 14, 40], office: TestOffice.profile,
            sheetTitle: "Danh sách trường")
        let preview = RosterImport.preview([UInt8](workbook), filename: "don-vi.xlsx", current: TestOffice.roster)
        #expect(preview.isApplicable, "\(preview.problems)")
        #expect(preview.units.map(\.name) == rows.map { $0[1] })
        #expect(preview.units[1].emails == ["c1thanhcong@bd.edu.vn", "hieutruong.thanhcong@bd.edu.vn"])
        #expect(
            preview.changes.renamed == [
                RosterChanges.Renamed(code: "TH01", from: "Trường Tiểu học Kim Đồng", to: "Trường Tiểu học Kim Đồng (cơ sở 2)")
            ])
        #expect(preview.changes.added.map(\.code) == ["TH04"] && preview.changes.removed.map(\.code) == ["TH03"])
    }

    /// As offices keep it: a title over the table, a blank row, the header on row 3, and
    /// one address typed wrong on row 6 (Excel's numbering, which is what she sees).
    @Test func aWorkbookWithATitleRowIsRefusedAtTheRowExcelShows() throws {
        var rows = nextYear
        rows[2][3] = "c1thanglong@bd"
        let bad = try RosterWorkbook.make(title: "DANH SÁCH CÁC TRƯỜNG TIỂU HỌC NĂM HỌC 2021–2022", header: header, rows: rows)
        let refused = RosterImport.preview(bad, filename: "danh-sach.xlsx", current: TestOffice.roster)
        #expect(!refused.isApplicable)
        #expect(refused.units.isEmpty)
        #expect(refused.problems.map(\.line) == [6])
        #expect(refused.problems.first?.vietnamese == "'c1thanglong@bd' không phải địa chỉ thư điện tử")

        let fixed = try RosterWorkbook.make(title: "DANH SÁCH CÁC TRƯỜNG TIỂU HỌC NĂM HỌC 2021–2022", header: header, rows: nextYear)
        expectNextYearChanges(RosterImport.preview(fixed, filename: "danh-sach.xlsx", current: TestOffice.roster))
    }

    @Test func anOldExcelFileGetsOneProblemSayingToSaveAsXLSX() throws {
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        let preview = RosterImport.preview(xls, filename: "danh-sach.xls", current: TestOffice.roster)
        #expect(!preview.isApplicable)
        #expect(preview.problems.count == 1)
        let problem = try #require(preview.problems.first)
        #expect(problem.vietnamese.contains("Excel đời cũ (.xls)") && problem.vietnamese.contains("lưu thành .xlsx"))
    }

    /// A picture or a PDF chosen by mistake: not mistaken for a list, and one line says so.
    @Test func aBinaryFileGetsOneProblem() throws {
        let noise = ZipNoise.bytes(4096, seed: 7)
        let preview = RosterImport.preview([0x89, 0x50, 0x4E, 0x47] + noise, filename: "anh.png", current: TestOffice.roster)
        #expect(!preview.isApplicable)
        #expect(preview.units.isEmpty)
        #expect(preview.problems.count == 1)
        #expect(preview.problems.first?.vietnamese == "Không tìm thấy dòng tiêu đề có cột 'Mã đơn vị' và 'Tên trường' trong 10 dòng đầu")

        // A zip that is no workbook (a Word file saved under the wrong name).
        let docx = try XLSXFixture.zip([("word/document.xml", "<w:document/>"), ("[Content_Types].xml", "<Types/>")])
        let wrong = RosterImport.preview(docx, filename: "danh-sach.xlsx", current: TestOffice.roster)
        #expect(wrong.problems.count == 1)
        #expect(wrong.problems.first?.vietnamese.hasPrefix("Tệp không phải bảng tính Excel (.xlsx)") == true)
    }

    // MARK: - Apply

    /// A school that left the district (merged, closed) still sent its plan this year: the
    /// receipt must stay in the ledger, whatever the list says now.
    @Test func applyingWritesTheRosterAndARemovedUnitKeepsItsReceipt() async throws {
        try await withStore { store in
            try store.record(
                IncomingMessage(
                    mailbox: "INBOX", uidValidity: 1, uid: 1, messageID: "<nt1@bd.edu.vn>", sha256: String(repeating: "c", count: 64),
                    rawPath: "raw/1.eml", size: 10, fromAddress: "c1nguyentrai@bd.edu.vn", fromName: nil, subject: "Kế hoạch thi đua",
                    sentAt: nil, receivedAt: now, unit: UnitMatch(code: "TH03", confidence: 1, reason: "địa chỉ"),
                    campaignID: TestOffice.campaign.id, assessment: SubmissionAssessment(status: .received, problems: []),
                    parseError: nil, attachments: []), at: now)
            let csv = ([header] + nextYear).map { $0.joined(separator: ",") }.joined(separator: "\n")
            let preview = RosterImport.preview(Array(csv.utf8), filename: "truong.csv", current: try #require(try store.roster()))
            let changes = try RosterImport.apply(preview, store: store, actor: "officer:canbo", at: now)
            #expect(changes == preview.changes)

            let roster = try #require(try store.roster())
            #expect(roster.units.map(\.code) == ["TH01", "TH02", "TH04"])
            #expect(roster.unit(email: "hieutruong.thanhcong@bd.edu.vn")?.code == "TH02")
            #expect(try store.rosterSource() == "truong.csv")
            let former = try #require(try store.storedUnits().first { $0.unit.code == "TH03" })
            #expect(former.removedAt == now && former.unit.name == "Trường Tiểu học Nguyễn Trãi")

            let receipt = try #require(try store.ledger(campaign: TestOffice.campaign.id)["TH03"])
            #expect(receipt.status == .received && receipt.receivedAt == now)
            #expect(try store.messages(unit: "TH03").count == 1)
            // Each change is logged against its unit, naming the officer.
            let log = try store.auditTrail(kinds: ["unit.", "roster."]).filter { $0.at == now }
            #expect(log.allSatisfy { $0.actor == "officer:canbo" })
            #expect(
                Set(log.map(\.kind)) == ["unit.added", "unit.removed", "unit.address_added", "unit.address_removed", "roster.imported"])

            // Back on the list next year: the same unit, its receipt still its own.
            let again = RosterImport.preview(
                Array((csv + "\nTH03,Trường Tiểu học Nguyễn Trãi,TH,c1nguyentrai@bd.edu.vn").utf8), filename: "truong.csv",
                current: roster)
            #expect(again.changes.added.map(\.code) == ["TH03"])
            try RosterImport.apply(again, store: store, actor: "officer:canbo", at: now.addingTimeInterval(60))
            #expect(try store.roster()?.unit(code: "TH03") != nil)
            #expect(try store.ledger(campaign: TestOffice.campaign.id)["TH03"]?.status == .received)
        }
    }

    // MARK: - Helpers

    /// `text` as Windows-1258 bytes, written out here rather than by the decoder under test:
    /// letters with a circumflex, breve or horn (and đ) have a byte of their own, tone marks
    /// follow their letter as combining bytes.
    static func windows1258(_ text: String) throws -> [UInt8] {
        let letters: [Unicode.Scalar: UInt8] = [
            "Â": 0xC2, "Ă": 0xC3, "Ê": 0xCA, "Ô": 0xD4, "Ơ": 0xD5, "Ư": 0xDD, "Đ": 0xD0,
            "â": 0xE2, "ă": 0xE3, "ê": 0xEA, "ô": 0xF4, "ơ": 0xF5, "ư": 0xFD, "đ": 0xF0,
        ]
        let tones: [Unicode.Scalar: UInt8] = ["\u{0300}": 0xCC, "\u{0301}": 0xEC, "\u{0303}": 0xDE, "\u{0309}": 0xD2, "\u{0323}": 0xF2]
        let shapes: Set<Unicode.Scalar> = ["\u{0302}", "\u{0306}", "\u{031B}"]
        var bytes: [UInt8] = []
        for character in text.decomposedStringWithCanonicalMapping {
            if character.isASCII {
                bytes += character.utf8  // "\r\n" is one Character
                continue
            }
            let scalars = Array(String(character).unicodeScalars)
            // The letter with its shape marks recomposed; the tone marks after it.
            let letter = String(String.UnicodeScalarView([scalars[0]] + scalars.dropFirst().filter { shapes.contains($0) }))
                .precomposedStringWithCanonicalMapping.unicodeScalars
            guard letter.count == 1, let base = letter.first else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
            if base.isASCII {
                bytes.append(UInt8(base.value))
            } else if let byte = letters[base] {
                bytes.append(byte)
            } else {
                throw CocoaError(.fileWriteInapplicableStringEncoding)
            }
            for mark in scalars.dropFirst() where !shapes.contains(mark) {
                guard let byte = tones[mark] else { throw CocoaError(.fileWriteInapplicableStringEncoding) }
                bytes.append(byte)
            }
        }
        return bytes
    }
}

/// A workbook as Excel saves a typed list: shared strings, a title in A1, the table lower.
enum RosterWorkbook {
    /// A roster as an office keeps it: its title merged across the first row, a thin row,
    /// then the header and the units; every text in the shared string table.
    static func make(title: String, header: [String], rows: [[String]]) throws -> [UInt8] {
        var strings: [String] = []
        func cell(_ text: String, _ reference: String) -> String {
            let index = strings.firstIndex(of: text) ?? strings.count
            if index == strings.count { strings.append(text) }
            return #"<c r="\#(reference)" t="s"><v>\#(index)</v></c>"#
        }
        func row(_ number: Int, _ cells: [String]) -> String {
            #"<row r="\#(number)">"# + cells.enumerated().map { cell($1, "\(XLSXFixture.column($0 + 1))\(number)") }.joined() + "</row>"
        }
        var sheet = row(1, [title]) + #"<row r="2" customHeight="1" ht="6"/>"# + row(3, header)
        for (offset, cells) in rows.enumerated() { sheet += row(4 + offset, cells) }
        let parts = XLSXFixture.standardParts(shared: strings, sheet: sheet).map { path, text in
            guard path == "xl/worksheets/sheet1.xml" else { return (path, text) }
            return (
                path,
                text.replacingOccurrences(
                    of: "</sheetData>", with: #"</sheetData><mergeCells count="1"><mergeCell ref="A1:D1"/></mergeCells>"#)
            )
        }
        return try XLSXFixture.zip(parts)
    }
}

/// Reproducible bytes that are no text and no known file.
enum ZipNoise {
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        return (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state)
        }
    }
}
