import DocumentCheck
import Foundation
import MIME
import Testing

@testable import Intake

/// What a check's verdicts mean for a submission to a campaign that asks for the seal.
struct SealRequirementTests {
    func file(_ name: String, _ verdict: CheckVerdict, kind: FileKind = .scanPDF, flags: [QualityFlag] = []) -> CheckedFile {
        CheckedFile(filename: name, kind: kind, verdict: verdict, flags: flags)
    }

    func conclude(_ files: [CheckedFile]) -> SealRequirement.Conclusion {
        SealRequirement.conclude(files, accepted: FileKind.scans)
    }

    @Test func aSealedScanPasses() {
        let conclusion = conclude([file("KH.pdf", .seal)])
        #expect(!conclusion.needsReview && conclusion.problems.isEmpty)
    }

    @Test func aSealNeverHidesAnotherProblem() {
        // Its own quality problem, and a grey second file, are told; the grey one needs a look.
        let blurred = conclude([file("KH.pdf", .seal, flags: [.blurred, .lowDPI])])
        #expect(!blurred.needsReview)
        #expect(blurred.problems == ["KH.pdf: ảnh bị mờ, độ phân giải thấp (dưới 150 dpi)"])
        let grey = conclude([file("KH.pdf", .seal), file("trang2.jpg", .grayscale, kind: .image)])
        #expect(grey.needsReview && grey.asksToResend)
        #expect(grey.problems == ["trang2.jpg: bản scan đen trắng, đề nghị scan màu để thấy dấu đỏ"])
    }

    @Test func anAnnexWithoutASealBesideASealedPlanIsOnlyNoted() {
        let conclusion = conclude([file("KH.pdf", .seal), file("phu-luc.pdf", .noSeal), file("KH.docx", .notAScan, kind: .office)])
        #expect(!conclusion.needsReview)
        #expect(conclusion.problems.count == 2)
    }

    @Test func noSealGreyOrAWordFileGoToReviewAndTheSchoolIsAskedToResend() {
        for verdict in [CheckVerdict.noSeal, .grayscale, .unreadable] {
            let conclusion = conclude([file("KH.pdf", verdict)])
            #expect(conclusion.needsReview && conclusion.asksToResend, "\(verdict)")
        }
        let word = conclude([file("KH.docx", .notAScan, kind: .office)])
        #expect(word.needsReview && word.asksToResend)
        #expect(word.problems.first?.contains("không phải bản scan") == true)
    }

    @Test func aDoubtfulSealWaitsForTheOfficerWithoutAskingTheSchool() {
        let conclusion = conclude([file("KH.jpg", .uncertain, kind: .image)])
        #expect(conclusion.needsReview && !conclusion.asksToResend)
        // A verdict the office chose not to tell schools about is not asked for either.
        let quiet = SealRequirement.conclude([file("KH.pdf", .grayscale)], accepted: FileKind.scans, replyOn: [.noSeal])
        #expect(quiet.needsReview && !quiet.asksToResend)
    }

    @Test func aDigitalSignatureCountsAsTheSeal() {
        #expect(!conclude([file("KH.pdf", .signed)]).needsReview)
    }

    @Test func summaryAndLabelsReadWithoutColour() {
        #expect(CheckVerdict.summary(of: [.noSeal, .seal]) == .seal)
        #expect(CheckVerdict.summary(of: [.noSeal, .grayscale]) == .grayscale)
        #expect(CheckVerdict.summary(of: []) == nil)
        // Every verdict has a symbol as well as words: readable printed in black and white.
        for verdict in CheckVerdict.allCases {
            #expect(verdict.label.unicodeScalars.first.map { !CharacterSet.letters.contains($0) } == true, "\(verdict.label)")
        }
    }
}
