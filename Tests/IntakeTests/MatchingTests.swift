import Foundation
import MIME
import Testing

@testable import Intake

/// Which unit sent a message: exact when the address is known, by name otherwise, never a guess.
@Suite struct UnitMatcherTests {
    static let roster: Roster = {
        do {
            return try Roster.parseCSV(
                """
                code,name,level,emails
                TH01,Tiểu học Nguyễn Trãi,TH,th.nguyentrai@hanoiedu.vn
                TH02,Tiểu học Thành Công A,TH,thanhconga@hanoiedu.vn
                TH03,Tiểu học Thành Công B,TH,thanhcongb@hanoiedu.vn
                THCS04,THCS Thành Công,THCS,thcs.thanhcong@hanoiedu.vn
                MN05,Mầm non Thành Công,MN,mn.thanhcong@hanoiedu.vn
                MN06,Trường Mầm non Hoa Sen,MN,
                """)
        } catch {
            fatalError("test roster: \(error)")
        }
    }()

    let matcher = UnitMatcher(roster: roster, aliases: ["HieuPho.TC@Gmail.com": "TH02", "old@gmail.com": "GONE99"])

    @Test func exactSenderAddress() throws {
        let message = Fixture.message(from: "Trường TH Nguyễn Trãi <TH.NguyenTrai@HanoiEdu.vn>", subject: "Kế hoạch THCS Thành Công")
        let match = try #require(matcher.match(message))
        #expect(match.code == "TH01", "the address beats a name in the subject")
        #expect(match.confidence == 1)
        #expect(match.reason.contains("th.nguyentrai@hanoiedu.vn"))
    }

    @Test func learnedAlias() throws {
        let match = try #require(matcher.match(Fixture.message(from: "hieupho.tc@gmail.com", subject: "Gửi kế hoạch")))
        #expect(match.code == "TH02")
        #expect(match.confidence == 1)
    }

    @Test func aliasToAUnitNoLongerInTheRosterIsIgnored() {
        #expect(matcher.match(Fixture.message(from: "old@gmail.com", subject: "Gửi kế hoạch")) == nil)
        #expect(matcher.match(Fixture.message(from: "old@gmail.com", subject: "Gửi kế hoạch TH Nguyễn Trãi"))?.code == "TH01")
    }

    @Test func nameInSubjectWithoutDiacritics() throws {
        let match = try #require(matcher.match(Fixture.message(subject: "tieu hoc nguyen trai gui ke hoach thi dua")))
        #expect(match.code == "TH01")
        #expect(match.confidence < 1)
        #expect(match.reason.contains("tiêu đề"))
    }

    @Test func nameInFilenameWithUnderscores() throws {
        let message = Fixture.message(subject: "Gửi kế hoạch", files: [Fixture.scan("KH_TD_TH_Nguyen_Trai.pdf")])
        let match = try #require(matcher.match(message))
        #expect(match.code == "TH01")
        #expect(match.reason.contains("tên tệp"))
    }

    @Test func nameInBody() throws {
        let message = Fixture.message(subject: "Kế hoạch", body: "Trường Mầm non Hoa Sen kính gửi Phòng GDĐT bản kế hoạch.")
        #expect(try #require(matcher.match(message)).code == "MN06")
    }

    @Test(arguments: [
        ("Kế hoạch TĐKT - Trường Tiểu học Thành Công A", "TH02"),
        ("ke hoach th thanh cong b", "TH03"),
        ("KH thi đua TRƯỜNG TH THÀNH CÔNG B năm 2021", "TH03"),
        ("Kế hoạch THCS Thành Công", "THCS04"),
        ("Kế hoạch Trung học cơ sở Thành Công", "THCS04"),
        ("Kế hoạch trường Mầm non Thành Công", "MN05"),
        ("KH_MN_Thanh_Cong", "MN05"),
    ])
    func confusableNamesPickTheRightUnit(subject: String, code: String) {
        #expect(matcher.match(Fixture.message(subject: subject))?.code == code)
    }

    @Test(arguments: [
        "Kế hoạch trường Thành Công",
        "Kế hoạch Tiểu học Thành Công",
        "Kế hoạch TH Thành Công",
        "Thành Công A",
        "Kế hoạch thi đua năm 2021",
    ])
    func incompleteNamesMatchNoUnit(subject: String) {
        #expect(matcher.match(Fixture.message(subject: subject)) == nil)
    }

    @Test func subjectNamingTwoUnitsIsAmbiguous() {
        let message = Fixture.message(
            subject: "Kế hoạch TH Nguyễn Trãi và THCS Thành Công",
            files: [Fixture.scan("KH_TH_Nguyen_Trai.pdf")])
        #expect(matcher.match(message) == nil)
        #expect(matcher.match(Fixture.message(subject: "TH Thành Công A, TH Thành Công B")) == nil)
    }

    @Test func nameForms() {
        let forms = UnitMatcher.nameForms(SchoolUnit(code: "TH01", name: "Tiểu học Nguyễn Trãi", level: "TH", emails: []))
        #expect(Set(forms).isSuperset(of: ["tieu hoc nguyen trai", "th nguyen trai", "truong tieu hoc nguyen trai", "th01"]))
    }
}

/// Which campaign a message belongs to.
@Suite struct CampaignClassifierTests {
    let plan = Fixture.campaign()
    let report = Fixture.campaign(id: "baocao-2021", keywords: ["báo cáo", "tổng kết"], deadline: "2021-03-31T17:00")

    @Test func keywordInSubjectInsideTheWindow() {
        let classifier = CampaignClassifier(campaigns: [plan, report])
        let message = Fixture.message(subject: "Ke hoach thi dua TH Nguyen Trai")
        #expect(classifier.classify(message, receivedAt: Fixture.date("2021-02-10T09:00"))?.id == "khtdkt-2021")
        #expect(
            classifier.classify(Fixture.message(subject: "Báo cáo tổng kết học kỳ"), receivedAt: Fixture.date("2021-02-10T09:00"))?.id
                == "baocao-2021")
    }

    @Test func beforeTheCampaignOpensNothingMatches() {
        let classifier = CampaignClassifier(campaigns: [plan])
        let message = Fixture.message(subject: "Kế hoạch thi đua")
        #expect(classifier.classify(message, receivedAt: Fixture.date("2021-02-07T23:59")) == nil)
        #expect(classifier.classify(message, receivedAt: Fixture.date("2021-02-08T00:00"))?.id == "khtdkt-2021")
        #expect(classifier.classify(message, receivedAt: Fixture.date("2021-02-25T10:00"))?.id == "khtdkt-2021", "late mail still belongs")
    }

    @Test func keywordInFilenameOrBody() {
        let classifier = CampaignClassifier(campaigns: [plan])
        let at = Fixture.date("2021-02-15T10:00")
        #expect(
            classifier.classify(Fixture.message(subject: "Gửi Phòng", files: [Fixture.scan("ke_hoach_TDKT.pdf")]), receivedAt: at) != nil)
        #expect(classifier.classify(Fixture.message(subject: "Gửi Phòng", body: "Trường gửi kế hoạch ạ."), receivedAt: at) != nil)
        #expect(classifier.classify(Fixture.message(subject: "Lịch họp giao ban", body: "Hoạch định"), receivedAt: at) == nil)
    }

    @Test func moreKeywordsWinThenNearestDeadline() {
        let at = Fixture.date("2021-02-15T10:00")
        let overlapping = Fixture.campaign(id: "khac", keywords: ["kế hoạch"], deadline: "2021-02-16T17:00")
        let classifier = CampaignClassifier(campaigns: [plan, overlapping])
        #expect(classifier.classify(Fixture.message(subject: "Kế hoạch thi đua"), receivedAt: at)?.id == "khtdkt-2021")
        #expect(classifier.classify(Fixture.message(subject: "Kế hoạch"), receivedAt: at)?.id == "khac", "tie: nearer deadline")
    }
}

/// The status a submission earns.
@Suite struct SubmissionAssessmentTests {
    let campaign = Fixture.campaign()
    let onTime = Fixture.date("2021-02-18T09:00")

    @Test func scanBeforeDeadlineIsReceived() {
        let assessment = SubmissionAssessment.assess(
            Fixture.message(subject: "KH", files: [Fixture.scan()]), for: campaign, receivedAt: onTime)
        #expect(assessment == SubmissionAssessment(status: .received, problems: []))
        let atDeadline = SubmissionAssessment.assess(
            Fixture.message(subject: "KH", files: [Fixture.scan()]), for: campaign, receivedAt: campaign.deadline)
        #expect(atDeadline.status == .received)
    }

    @Test func scanAfterDeadlineIsLate() {
        let assessment = SubmissionAssessment.assess(
            Fixture.message(subject: "KH", files: [Fixture.scan()]),
            for: campaign, receivedAt: Fixture.date("2021-02-22T00:00"))
        #expect(assessment.status == .late)
        #expect(assessment.problems.isEmpty)
    }

    @Test func photoOfThePageCounts() {
        let photo = Fixture.File(name: "IMG_2031.JPG", type: "image/jpeg", bytes: [0xFF, 0xD8, 0xFF, 0xE1, 0, 0, 0, 0])
        #expect(
            SubmissionAssessment.assess(Fixture.message(subject: "KH", files: [photo]), for: campaign, receivedAt: onTime).status
                == .received)
    }

    @Test func wordDocumentOnlyNeedsReview() {
        let docx = Fixture.File(
            name: "KH.docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bytes: Fixture.docx)
        let assessment = SubmissionAssessment.assess(Fixture.message(subject: "KH", files: [docx]), for: campaign, receivedAt: onTime)
        #expect(assessment.status == .needsReview)
        #expect(assessment.problems == ["tệp Word/Excel không phải bản scan có dấu đỏ"])
    }

    @Test func textPDFOnlyNeedsReview() {
        let pdf = Fixture.File(name: "KH.pdf", type: "application/pdf", bytes: Fixture.textPDF)
        let assessment = SubmissionAssessment.assess(Fixture.message(subject: "KH", files: [pdf]), for: campaign, receivedAt: onTime)
        #expect(assessment.status == .needsReview)
        #expect(assessment.problems.count == 1)
        #expect(assessment.problems.first?.contains("không phải bản scan") == true)
    }

    @Test func scanAlongsideAWordFileIsReceived() {
        let docx = Fixture.File(name: "KH.docx", type: "application/octet-stream", bytes: Fixture.docx)
        let message = Fixture.message(subject: "KH", files: [docx, Fixture.scan()])
        #expect(SubmissionAssessment.assess(message, for: campaign, receivedAt: onTime).status == .received)
    }

    @Test func driveLinkInsteadOfAttachmentNeedsReview() {
        let message = Fixture.message(subject: "KH", body: "Link bản scan: https://drive.google.com/file/d/1xYz/view?usp=sharing")
        #expect(message.attachments.isEmpty)
        let assessment = SubmissionAssessment.assess(message, for: campaign, receivedAt: onTime)
        #expect(assessment.status == .needsReview)
        #expect(assessment.problems == ["thư gửi đường liên kết thay vì đính kèm tệp"])
    }

    @Test func noAttachmentAtAllNeedsReview() {
        let assessment = SubmissionAssessment.assess(Fixture.message(subject: "KH"), for: campaign, receivedAt: onTime)
        #expect(assessment.status == .needsReview)
        #expect(assessment.problems == ["thư không có tệp đính kèm"])
    }

    @Test func campaignMayAcceptTextPDFs() {
        var lenient = campaign
        lenient.acceptedKinds = FileKind.pdfs
        let pdf = Fixture.File(name: "KH.pdf", type: "application/pdf", bytes: Fixture.textPDF)
        #expect(
            SubmissionAssessment.assess(Fixture.message(subject: "KH", files: [pdf]), for: lenient, receivedAt: onTime).status == .received)
    }
}

/// The whole decision for one message.
@Suite struct IntakeRulesTests {
    let rules = IntakeRules(office: Fixture.office, roster: UnitMatcherTests.roster, campaigns: [Fixture.campaign()])
    let at = Fixture.date("2021-02-18T09:00")

    @Test func schoolSubmissionIsAssessed() throws {
        let decision = rules.decide(
            Fixture.message(from: "th.nguyentrai@hanoiedu.vn", subject: "Kế hoạch thi đua", files: [Fixture.scan()]), receivedAt: at)
        #expect(decision.unit?.code == "TH01")
        #expect(decision.campaign?.id == "khtdkt-2021")
        #expect(try #require(decision.assessment).status == .received)
    }

    @Test func unknownUnitGetsNoAssessment() {
        let decision = rules.decide(
            Fixture.message(from: "someone@gmail.com", subject: "Kế hoạch thi đua", files: [Fixture.scan()]), receivedAt: at)
        #expect(decision.unit == nil)
        #expect(decision.campaign != nil)
        #expect(decision.assessment == nil)
    }

    @Test func officeOwnMailAndBouncesAreNoSubmission() {
        for sender in ["ThiDua.GDBD@gmail.com", "MAILER-DAEMON@hanoiedu.vn", "postmaster@gmail.com"] {
            let decision = rules.decide(
                Fixture.message(from: sender, subject: "Nhắc nộp Kế hoạch thi đua TH Nguyễn Trãi", files: [Fixture.scan()]), receivedAt: at)
            #expect(decision.unit == nil && decision.campaign == nil && decision.assessment == nil, "\(sender)")
        }
    }
}
