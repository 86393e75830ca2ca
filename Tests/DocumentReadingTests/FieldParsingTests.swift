import Testing

@testable import DocumentReading

@Suite struct DocumentNumberTests {
    @Test(arguments: [
        ("Số: 15/KH-THCSNT", "15/KH-THCSNT"),
        ("Số:15 / KH – THCSNT.", "15/KH-THCSNT"),
        ("S6: 1O5/BC-MNHS", "105/BC-MNHS"),
        ("Số; 07/TTr-THKĐ", "07/TTR-THKĐ"),
        ("Số: l2/QĐ-PGDĐT", "12/QĐ-PGDĐT"),
    ])
    func readsTheNumber(line: String, number: String) {
        #expect(DocumentNumber.parse(line) == number)
    }

    @Test(arguments: ["Số: /KH-THCSNT", "Sở Giáo dục và Đào tạo", "Số lượng: 15 học sinh", "Kế hoạch số 15"])
    func refusesWhatIsNotANumber(line: String) {
        #expect(DocumentNumber.parse(line) == nil)
    }
}

@Suite struct DocumentDateTests {
    @Test(arguments: [
        ("Ba Đình, ngày 18 tháng 02 năm 2021", "2021-02-18"),
        ("Hà Nội, ngày 5 tháng 9 năm 2020", "2020-09-05"),
        ("Ba Dinh, ngay 18 thang O2 nam 2021", "2021-02-18"),
        ("Ba Đình, ngày18 tháng 2 năm 2O21", "2021-02-18"),
    ])
    func readsTheDate(line: String, iso: String) {
        #expect(DocumentDate.parse(line) == iso)
    }

    @Test(arguments: ["Ba Đình, ngày … tháng 02 năm 2021", "ngày 31 tháng 13 năm 2021", "Độc lập - Tự do - Hạnh phúc"])
    func refusesAnIncompleteDate(line: String) {
        #expect(DocumentDate.parse(line) == nil)
    }
}

@Suite struct DocumentTypeTests {
    @Test(arguments: [
        ("KẾ HOẠCH", "KẾ HOẠCH"), ("KE HOACH", "KẾ HOẠCH"), ("KÉ HOẠCH", "KẾ HOẠCH"), ("BÁO CÁO", "BÁO CÁO"),
        ("TỜ TRÌNH", "TỜ TRÌNH"), ("QUYÉT ĐỊNH", "QUYẾT ĐỊNH"),
    ])
    func namesTheTypeOfALine(line: String, type: String) {
        #expect(DocumentType.named(by: line) == type)
    }

    @Test func aTitleIsNotAType() {
        #expect(DocumentType.named(by: "Công tác thi đua khen thưởng năm 2021") == nil)
        #expect(DocumentType.named(by: "Kế hoạch thi đua") == nil)
    }

    @Test func theNumbersSymbolSaysTheType() {
        #expect(DocumentType.named(byNumber: "15/KH-THCSNT") == "KẾ HOẠCH")
        #expect(DocumentType.named(byNumber: "3/BC-MNHS") == "BÁO CÁO")
        #expect(DocumentType.named(byNumber: "3/XYZ-MNHS") == nil)
    }
}

@Suite struct DiacriticRestorerTests {
    let restorer = DiacriticRestorer(names: ["THCS Nguyễn Trãi", "Mầm non Hoa Sen", "Tiểu học Nam Thành"])

    @Test func putsBackMarksOCRDropped() {
        #expect(restorer.restore("TRUONG THCS NGUYEN TRAI") == "TRƯỜNG THCS NGUYỄN TRÃI")
        #expect(restorer.restore("Truong Mam non Hoa Sen") == "Trường Mầm non Hoa Sen")
    }

    @Test func correctsAWrongMarkOnAKnownWord() {
        #expect(restorer.restore("TRƯỜNG THCS NGUYỄN TRÀI") == "TRƯỜNG THCS NGUYỄN TRÃI")
    }

    @Test func leavesAWordWithTwoSpellingsAsRead() {
        // "nam": năm (year) and Nam (a name) are both known.
        #expect(restorer.restore("NAM THANH") == "NAM THÀNH")
        #expect(restorer.restore("Xyz, nam") == "Xyz, nam")
    }
}

@Suite struct LayoutTests {
    /// A line of words at `x` (left edge of the first word) and `y`, 40 px high.
    func line(_ text: String, x: Int, y: Int, confidence: Double = 0.9) -> OCRLine {
        var position = x
        return OCRLine(
            words: text.split(separator: " ").map { (word: Substring) -> OCRWord in
                defer { position += word.count * 24 + 20 }
                return OCRWord(
                    text: String(word[...]), box: PixelBox(left: position, top: y, right: position + word.count * 24, bottom: y + 40),
                    confidence: confidence)
            })
    }

    @Test func readsAPlansHeader() {
        // Tesseract runs the two columns into one line; the layout cuts them apart.
        let lines = [
            OCRLine(
                words: line("PHÒNG GD&ĐT QUẬN BA ĐÌNH", x: 200, y: 100).words
                    + line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x: 1300, y: 100).words),
            OCRLine(
                words: line("TRƯỜNG THCS NGUYỄN TRÃI", x: 220, y: 160).words + line("Độc lập - Tự do - Hạnh phúc", x: 1400, y: 160).words),
            line("Số: 15/KH-THCSNT", x: 300, y: 260),
            line("Ba Đình, ngày 18 tháng 02 năm 2021", x: 1350, y: 260),
            line("KẾ HOẠCH", x: 1140, y: 450),
            line("Công tác thi đua khen thưởng năm 2021", x: 800, y: 510),
            line("Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;", x: 250, y: 700),
        ]
        let fields = HeaderLayout(width: 2480).read(lines)
        #expect(fields.issuer == "TRƯỜNG THCS NGUYỄN TRÃI")
        #expect(fields.number == "15/KH-THCSNT")
        #expect(fields.date == "2021-02-18")
        #expect(fields.type == "KẾ HOẠCH")
        #expect(fields.title == "Công tác thi đua khen thưởng năm 2021")
        #expect(fields.confidence > 0.85)
    }

    @Test func aLetterHasItsSubjectUnderTheNumber() {
        let lines = [
            line("TRƯỜNG MẦM NON HOA SEN", x: 200, y: 100),
            line("Số: 21/MNHS", x: 300, y: 200),
            line("V/v đăng ký danh hiệu thi đua", x: 220, y: 250),
            line("năm học 2020-2021", x: 300, y: 300),
            line("Ba Đình, ngày 3 tháng 3 năm 2021", x: 1350, y: 200),
        ]
        let fields = HeaderLayout(width: 2480).read(lines)
        #expect(fields.issuer == "TRƯỜNG MẦM NON HOA SEN")
        #expect(fields.type == "CÔNG VĂN")
        #expect(fields.title == "đăng ký danh hiệu thi đua năm học 2020-2021")
    }

    @Test func theSignerIsTheNameUnderTheSeal() {
        let lines = [
            line("HIỆU TRƯỞNG", x: 300, y: 0),
            line("Xx ~~ 7", x: 250, y: 100, confidence: 0.2),
            line("Nguyễn Thị Hương", x: 260, y: 300),
        ]
        #expect(SignatureBlock.signer(lines, width: 1200)?.text == "Nguyễn Thị Hương")
        #expect(SignatureBlock.signer(Array(lines.prefix(2)), width: 1200) == nil)
    }
}

@Suite struct TesseractSlipTests {
    @Test(arguments: [
        ("Số: 119/QĐÐ-MNSC", "119/QĐ-MNSC"), ("Số: 89/TIR-THTC", "89/TTR-THTC"), ("Số: 19/TTIR-MNHS", "19/TTR-MNHS"),
        ("Số: 117/CTR--MNGV", "117/CTR-MNGV"), ("Số: 03/QÐ-MNHS", "03/QĐ-MNHS"),
    ])
    func putsTheTypesSymbolRight(line: String, number: String) {
        #expect(DocumentNumber.parse(line) == number)
    }
}

@Suite struct TitleRestorationTests {
    let restorer = DiacriticRestorer(names: [])

    @Test func phrasesSettleWordsAmbiguousAlone() {
        #expect(restorer.restore("Sơ kết học ký I năm học 2020 - 2021") == "Sơ kết học kỳ I năm học 2020 - 2021")
        #expect(restorer.restore("Tổ chức phong trào thỉ đua") == "Tổ chức phong trào thi đua")
        #expect(restorer.restore("khen thưởng nắm 2021") == "khen thưởng năm 2021")
    }
}
