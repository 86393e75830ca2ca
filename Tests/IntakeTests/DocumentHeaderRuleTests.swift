import DocumentCheck
import Testing

@testable import Intake

/// Issue 21, point 3: the issuer a scan names, matched against the roster as senders are.
struct DocumentHeaderRuleTests {
    let matcher = UnitMatcher(
        roster: try! Roster.parseCSV(
            """
            code,name,level,emails
            MNNT,Mầm non Nguyễn Trãi,MN,a@x.vn
            THNT,Tiểu học Nguyễn Trãi,TH,b@x.vn
            THCSNT,THCS Nguyễn Trãi,THCS,c@x.vn
            MNHS,Trường Mầm non Hoa Sen,MN,d@x.vn
            MNHSU,Trường Mầm non Hoa Sữa,MN,e@x.vn
            """))

    @Test(arguments: [
        ("TRƯỜNG THCS NGUYỄN TRÃI", "THCSNT"), ("TRƯỜNG TRUNG HỌC CƠ SỞ NGUYỄN TRÃI", "THCSNT"),
        ("TRƯỜNG TIỂU HỌC NG. TRÃI", "THNT"), ("Trường MN Ng. Trãi", "MNNT"), ("TRƯỜNG MẦM NON HOA SỮA.", "MNHSU"),
        ("TRUONG MAM NON HOA SEN", "MNHS"), ("TRƯỜNG MẦM NON HOA SỨA", "MNHSU"),
    ])
    func namesTheUnit(issuer: String, code: String) {
        #expect(matcher.match(issuer: issuer)?.code == code)
    }

    @Test(arguments: ["TRƯỜNG NGUYỄN TRÃI", "TRƯỜNG THCS LÊ LỢI", "TRƯỜNG MẦM NON HOA", "PHÒNG GD&ĐT QUẬN BA ĐÌNH", ""])
    func refusesWhatNamesNoneOrSeveral(issuer: String) {
        // No level: three units are called Nguyễn Trãi.
        #expect(matcher.match(issuer: issuer) == nil)
    }

    func file(_ issuer: String?, type: String? = nil, date: String? = nil, title: String? = nil) -> CheckedFile {
        CheckedFile(
            filename: "ke-hoach.pdf", kind: .scanPDF, verdict: .seal,
            document: DocumentFacts(issuer: issuer, date: date, type: type, title: title, confidence: 0.9))
    }

    @Test func everyFileMustNameTheSameUnit() {
        #expect(DocumentHeaderRule.namedUnit([file("TRƯỜNG THCS NGUYỄN TRÃI"), file(nil)], matcher: matcher)?.code == "THCSNT")
        #expect(DocumentHeaderRule.namedUnit([file("TRƯỜNG THCS NGUYỄN TRÃI"), file("TRƯỜNG TH NGUYỄN TRÃI")], matcher: matcher) == nil)
    }

    @Test func problemsAreNamedInVietnamese() {
        let unit = matcher.roster.unit(code: "THNT")
        let expects = DocumentExpectation(type: "KẾ HOẠCH", year: 2021, titleKeywords: ["thi đua"])
        let problems = DocumentHeaderRule.problems(
            [file("TRƯỜNG THCS NGUYỄN TRÃI", type: "BÁO CÁO", date: "2020-05-01", title: "Kết quả học kỳ I")], unit: unit,
            matcher: matcher, expects: expects)
        #expect(problems.count == 4)
        #expect(problems[0].contains("THCS Nguyễn Trãi") && problems[0].contains("Tiểu học Nguyễn Trãi"))
        #expect(problems[1].hasSuffix("trường gửi báo cáo thay vì kế hoạch"))
        #expect(problems[2].contains("năm 2020"))
        #expect(problems[3].contains("'thi đua'"))
        // What was not read shows no problem.
        #expect(DocumentHeaderRule.problems([file(nil)], unit: unit, matcher: matcher, expects: expects).isEmpty)
    }
}
