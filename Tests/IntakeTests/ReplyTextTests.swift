import Foundation
import MIME
import Testing

@testable import Intake

/// What the school reads in a reply: a subject that can always be sent, and a rejection
/// that does not ask for the file "before" a deadline that has passed.
struct ReplyTextTests {
    static let office = AcknowledgementTests.office
    static let campaign = AcknowledgementTests.campaign  // deadline 21/02/2021 23:59:59 +07:00

    /// A subject whose encoded word decodes to a line break, as some mail programs write it.
    static let brokenSubject = "=?UTF-8?Q?K=E1=BA=BF_ho=E1=BA=A1ch_thi_=C4=91ua=0D=0A_2021?=\r\n\t=?UTF-8?Q?_b=E1=BA=A3n_scan?="

    static func message(subject: String) -> MailMessage {
        MailMessage.parse(
            Array(
                """
                From: TH <th@schools.example>\r
                Subject: \(subject)\r
                Message-ID: <s@schools.example>\r
                Content-Type: multipart/mixed; boundary=b\r
                \r
                --b\r
                Content-Type: application/pdf\r
                Content-Disposition: attachment; filename="KH.pdf"\r
                Content-Transfer-Encoding: base64\r
                \r
                \(Data(Fixture.scanPDF).base64EncodedString())\r
                --b--\r

                """.utf8))
    }

    /// Renders `subject` as the composer would for sending; throws if it could not be sent.
    static func render(subject: String) throws -> [UInt8] {
        try OutgoingMessage(
            from: MailAddress(address: "thidua.gdbd@gmail.com"), to: [MailAddress(address: "th@schools.example")], subject: subject,
            textBody: "x", date: Date(timeIntervalSince1970: 0), timeZone: office.timeZone, messageID: "<r@pgd>"
        ).render()
    }

    @Test func aSubjectWithLineBreaksStillGetsItsAcknowledgement() throws {
        let message = Self.message(subject: Self.brokenSubject)
        #expect(
            message.subject.contains("\n") || message.subject.contains("\r"),
            "the parsed subject keeps the break: \(message.subject.debugDescription)")
        let assessment = SubmissionAssessment.assess(message, for: Self.campaign, receivedAt: AcknowledgementTests.receivedAt)
        let ack = try #require(
            AcknowledgementPolicy(office: Self.office).acknowledgement(
                for: message, assessment: assessment, campaign: Self.campaign, receivedAt: AcknowledgementTests.receivedAt,
                isBacklog: false, repliesToSenderLastDay: 0))
        #expect(ack.subject == "Re: Kế hoạch thi đua 2021 bản scan")
        #expect(throws: Never.self) { try Self.render(subject: ack.subject) }
        #expect(throws: OutgoingMessage.RenderError.self) { try Self.render(subject: "Re: \(message.subject)") }
    }

    @Test(arguments: [
        ("Kế hoạch", "Re: Kế hoạch"), ("RE: Kế hoạch", "RE: Kế hoạch"), ("  \r\n\t ", "Re: Kế hoạch thi đua khen thưởng năm 2021"),
        ("a\u{0}b\u{7F}c", "Re: a b c"), ("Re:\r\n x", "Re: x"),
    ])
    func replySubjectsAreOneCleanLine(original: String, expected: String) throws {
        let subject = ReplySubject.make(replyingTo: original, fallback: Self.campaign.title)
        #expect(subject == expected)
        #expect(throws: Never.self) { try Self.render(subject: subject) }
    }

    @Test func aRejectionAsksForTheFileBeforeTheDeadlineOnlyWhileItIsAhead() {
        let before = RejectionNotice(
            office: Self.office, campaign: Self.campaign, originalSubject: Self.brokenSubject, receivedAt: AcknowledgementTests.receivedAt,
            reason: "Thiếu dấu đỏ.", now: Self.campaign.deadline.addingTimeInterval(-3600))
        #expect(before.text.contains("trước hạn nộp 21/02/2021"), "\(before.text)")
        #expect(!before.text.contains("đã qua"))
        #expect(!before.subject.contains("\n") && !before.subject.contains("\r"))

        let after = RejectionNotice(
            office: Self.office, campaign: Self.campaign, originalSubject: "Kế hoạch", receivedAt: AcknowledgementTests.receivedAt,
            reason: "Thiếu dấu đỏ.", now: Self.campaign.deadline.addingTimeInterval(3600))
        #expect(!after.text.contains("trước hạn nộp"), "\(after.text)")
        #expect(after.text.contains("Hạn nộp (21/02/2021 23:59) đã qua"), "\(after.text)")
        #expect(after.text.contains("nộp muộn"))
        #expect(after.subject == "Re: Kế hoạch")
    }
}

/// Issue 19: a file that arrived empty is named to the school, and the ledger says so.
struct EmptyFileTests {
    @Test func anEmptyFileIsNamedAndTheSchoolIsAskedToSendItAgain() throws {
        let raw = try Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../MIMETests/Corpus/handwritten/empty-attachment.eml").standardizedFileURL)
        let message = MailMessage.parse(Array(raw))
        #expect(message.attachments.map(\.size) == [0])
        let campaign = AcknowledgementTests.campaign
        let assessment = SubmissionAssessment.assess(message, for: campaign, receivedAt: AcknowledgementTests.receivedAt)
        #expect(assessment.status == .needsReview)
        #expect(assessment.problems == ["tệp đính kèm rỗng (0 byte): KH_TH_DongDa.pdf — đề nghị gửi lại tệp này"])
        let ack = try #require(
            AcknowledgementPolicy(office: AcknowledgementTests.office).acknowledgement(
                for: message, assessment: assessment, campaign: campaign, receivedAt: AcknowledgementTests.receivedAt,
                isBacklog: false, repliesToSenderLastDay: 0))
        #expect(ack.text.contains("tệp đính kèm rỗng (0 byte): KH_TH_DongDa.pdf"))
        #expect(!ack.text.contains("không có tệp đính kèm"))
    }
}
