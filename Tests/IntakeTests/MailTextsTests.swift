import Foundation
import MIME
import Testing

@testable import Intake

/// The texts the office mails, built in and as the officer rewords them: a wording that
/// would mail sixty schools a blank or a broken template is refused before it is kept.
@Suite struct MailTextsTests {
    /// A value for every placeholder of `text`: sections filled once (or left empty), each
    /// variable its own name in guillemets, so a leftover or a blank shows.
    static func context(for text: MailText, sectionsFilled: Bool) -> [String: Any] {
        var item: [String: Any] = [:]
        for placeholder in text.placeholders { item[placeholder.name] = "«\(placeholder.name)»" }
        var context = item
        for placeholder in text.placeholders
        where text.defaultText.contains("{{#\(placeholder.name)}}") || text.defaultText.contains("{{^\(placeholder.name)}}") {
            context[placeholder.name] = sectionsFilled ? [item] : []
        }
        return context
    }

    @Test(arguments: MailText.allCases)
    func everyDefaultIsValidAndLeavesNothingUnfilled(text: MailText) throws {
        // The defaults obey the rules the officer's wording is held to.
        _ = try MailTexts.check(text.defaultText, for: text)
        for filled in [true, false] {
            let rendered = MailTexts.builtIn.render(text, Self.context(for: text, sectionsFilled: filled))
            #expect(!rendered.contains("{{") && !rendered.contains("}}"), "\(text.rawValue): \(rendered)")
            #expect(!rendered.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
            if text.placeholders.contains(where: { $0.name == "office_name" }) && !text.isSubject {
                #expect(rendered.contains("«office_name»"), "\(text.rawValue) signs with the office's name")
            }
        }
    }

    @Test(arguments: MailText.allCases.filter(\.isSubject))
    func aSubjectIsOneLine(text: MailText) {
        var context = Self.context(for: text, sectionsFilled: true)
        context["campaign_title"] = "Kế hoạch thi đua\r\nnăm học 2026–2027\n"
        let subject = MailTexts.builtIn.render(text, context)
        #expect(!subject.contains("\n") && !subject.contains("\r"), "\(subject.debugDescription)")
        #expect(subject == subject.trimmingCharacters(in: .whitespaces))
    }

    @Test func aRewordedSubjectIsFoldedIntoOneLine() throws {
        let texts = try MailTexts(replacements: [.reminderSubject: "  [Nhắc nộp]\n{{campaign_title}}\n— {{stage_label}}\n"])
        let subject = texts.render(.reminderSubject, ["campaign_title": "Kế hoạch thi đua", "stage_label": "còn 3 ngày đến hạn nộp"])
        #expect(subject == "[Nhắc nộp] Kế hoạch thi đua — còn 3 ngày đến hạn nộp")
    }

    @Test func anUnknownPlaceholderIsRefusedByName() {
        // A typo, or a placeholder of another text that this one is never given.
        for (body, unknown) in [
            ("Kính gửi: {{ten_don_vi}},", "{{ten_don_vi}}"), ("Kính gửi: {{#files}}{{filename}}{{/files}}", "{{files}}"),
            ("Kính gửi: {{{ unit_nam }}}", "{{unit_nam}}"),
        ] {
            do throws(MailTextProblem) {
                _ = try MailTexts.check(body, for: .reminderBody)
                Issue.record("\(body) was accepted")
            } catch {
                #expect(error.text == .reminderBody)
                #expect(error.vietnamese.hasPrefix("Không có ô \(unknown)."), "\(error.vietnamese)")
                #expect(error.vietnamese.contains("{{unit_name}}"), "the officer is shown what she may use")
            }
        }
        // The other texts' own placeholders are fine where they belong.
        #expect(throws: Never.self) { try MailTexts.check("{{#files}}- {{filename}}\n{{/files}}", for: .acknowledgementBody) }
        #expect(throws: Never.self) { try MailTexts.check("{{! ghi chú }}Kính gửi: {{{unit_name}}}", for: .reminderBody) }
    }

    @Test func anUnclosedSectionIsRefused() {
        do throws(MailTextProblem) {
            _ = try MailTexts.check("{{#accepted}}\nĐã nhận {{campaign_title}}.\n", for: .acknowledgementBody)
            Issue.record("an unclosed section was accepted")
        } catch {
            #expect(error.text == .acknowledgementBody)
            #expect(error.vietnamese.contains("sai cú pháp"), "\(error.vietnamese)")
        }
        #expect(throws: MailTextProblem.self) {
            try MailTexts(replacements: [.acknowledgementBody: "{{#accepted}}Đã nhận.{{/late}}"])
        }
    }

    @Test func aReplacementIsWhatRenders() throws {
        let texts = try MailTexts(replacements: [.reminderSubject: "Nhắc: {{campaign_title}} ({{unit_code}})"])
        let context: [String: Any] = ["campaign_title": "Kế hoạch thi đua", "unit_code": "TH01", "stage_label": "hôm nay là hạn cuối"]
        #expect(texts.render(.reminderSubject, context) == "Nhắc: Kế hoạch thi đua (TH01)")
        #expect(MailTexts.builtIn.render(.reminderSubject, context) == "[Nhắc nộp hồ sơ] Kế hoạch thi đua — hôm nay là hạn cuối")
    }

    @Test func replacingOneTextLeavesTheOthers() throws {
        let context: [String: Any] = [
            "unit_name": "Trường Tiểu học Kim Đồng", "office_name": "Phòng GDĐT quận Ba Đình", "campaign_title": "Kế hoạch thi đua",
            "deadline": "20/12/2026 17:00", "stage_label": "còn 3 ngày đến hạn nộp", "unit_code": "TH02",
        ]
        let edited = try MailTexts.builtIn.replacing(.reminderBody, with: "Kính gửi {{unit_name}}: xin gửi {{campaign_title}}.")
        #expect(edited.render(.reminderBody, context) == "Kính gửi Trường Tiểu học Kim Đồng: xin gửi Kế hoạch thi đua.")
        for other in MailText.allCases where other != .reminderBody {
            #expect(edited.render(other, context) == MailTexts.builtIn.render(other, context), "\(other.rawValue)")
        }
        // The preview's copy does not change the texts it was made from.
        #expect(MailTexts.builtIn.render(.reminderBody, context).contains("chưa nhận được Kế hoạch thi đua của đơn vị"))
    }

    @Test func aTemplateFilesPragmaIsDroppedAndNothingIsEscaped() throws {
        let file = "{{%CONTENT_TYPE: TEXT}}Kính gửi: {{unit_name}}"
        #expect(MailTexts.withoutPragma(file) == "Kính gửi: {{unit_name}}")
        #expect(MailTexts.withoutPragma("Kính gửi: {{unit_name}}") == "Kính gửi: {{unit_name}}")
        let texts = try MailTexts(replacements: [.reminderBody: file])
        // Mail is plain text: a school named with '&' must not read "&amp;".
        #expect(
            texts.render(.reminderBody, ["unit_name": "Trường Liên cấp A & B <cơ sở 2>"]) == "Kính gửi: Trường Liên cấp A & B <cơ sở 2>")
    }
}

/// The acknowledgement as the built-in wording says it, for each way a submission can go.
@Suite struct AcknowledgementWordingTests {
    static let campaign = AcknowledgementTests.campaign  // deadline 21/02/2021 23:59:59 +07:00

    func ack(
        _ message: MailMessage, receivedAt: Date = AcknowledgementTests.receivedAt, unitAddresses: [String] = [],
        texts: MailTexts = .builtIn
    ) throws -> Acknowledgement {
        let assessment = SubmissionAssessment.assess(message, for: Self.campaign, receivedAt: receivedAt)
        return try #require(
            AcknowledgementPolicy(office: AcknowledgementTests.office, texts: texts).acknowledgement(
                for: message, assessment: assessment, campaign: Self.campaign, receivedAt: receivedAt, isBacklog: false,
                repliesToSenderLastDay: 0, unitAddresses: unitAddresses))
    }

    @Test func aReceivedSubmissionListsItsFilesAndAsksNothingMore() throws {
        let text = try ack(AcknowledgementTests.message(filename: "Kế hoạch TĐKT 2021.pdf")).text
        #expect(
            text.hasPrefix(
                "Kính gửi đơn vị,\n\nPhòng GDĐT quận Ba Đình đã nhận Kế hoạch thi đua khen thưởng năm 2021 của đơn vị: 1 tệp PDF"))
        #expect(text.contains("nhận lúc 09:12 ngày 18/02/2021."))
        #expect(text.contains("\n  - Kế hoạch TĐKT 2021.pdf\n"))
        #expect(text.contains("Đơn vị không cần gửi lại."))
        #expect(!text.contains("sau hạn nộp"))
        #expect(!text.contains("chưa thể ghi nhận"))
        #expect(!text.contains("\n\n\n"), "an empty section leaves no gap")
    }

    @Test func aLateSubmissionIsRecordedAsLateAndSaysSo() throws {
        let text = try ack(AcknowledgementTests.message(), receivedAt: Self.campaign.deadline.addingTimeInterval(3600)).text
        #expect(text.contains("Thư đến sau hạn nộp (21/02/2021 23:59); hồ sơ được ghi nhận là nộp muộn."))
        #expect(text.contains("Đơn vị không cần gửi lại."))
    }

    @Test func aSubmissionNeedingReviewListsItsProblems() throws {
        let text = try ack(AcknowledgementTests.message(file: ArchiveLikeFixture.docx, filename: "KH.docx")).text
        #expect(
            text.contains("chưa thể ghi nhận Kế hoạch thi đua khen thưởng năm 2021:\n  - tệp Word/Excel không phải bản scan có dấu đỏ\n"))
        #expect(text.contains("Đề nghị đơn vị gửi lại bản scan có dấu đỏ"))
        #expect(!text.contains("không cần gửi lại"))
        #expect(!text.contains("KH.docx"), "a refused file is not listed as received")

        let empty = try ack(AcknowledgementTests.message(file: nil)).text
        #expect(empty.contains("  - thư không có tệp đính kèm\n"))
    }

    @Test func theUnitsAddressesAreCopiedOnlyWhenTheSenderIsNotOneOfThem() throws {
        let fromSchool = try ack(AcknowledgementTests.message(), unitAddresses: ["THNguyenTrai@schools.example"])
        #expect(fromSchool.copies.isEmpty)
        #expect(!fromSchool.text.contains("chưa có trong danh sách"))

        // A teacher sends from her own mail: the school learns of it, the office is not copied.
        let fromTeacher = try ack(
            AcknowledgementTests.message(from: "co.lan@personal.example"),
            unitAddresses: ["thnguyentrai@schools.example", "thidua.gdbd@gmail.com"])
        #expect(fromTeacher.recipient == "co.lan@personal.example")
        #expect(fromTeacher.copies == ["thnguyentrai@schools.example"])
        #expect(
            fromTeacher.text.contains(
                "Địa chỉ co.lan@personal.example chưa có trong danh sách địa chỉ thư của đơn vị, nên thư này cũng được gửi tới thnguyentrai@schools.example"
            ))
    }

    @Test func theOfficersWordingIsUsedForTheAcknowledgement() throws {
        let texts = try MailTexts(replacements: [
            .acknowledgementBody: "{{#accepted}}Đã nhận {{files_summary}}.{{/accepted}}{{^accepted}}Chưa đạt.{{/accepted}}"
        ])
        #expect(try ack(AcknowledgementTests.message(), texts: texts).text.hasPrefix("Đã nhận 1 tệp PDF"))
        #expect(try ack(AcknowledgementTests.message(file: nil), texts: texts).text == "Chưa đạt.")
    }
}

/// The officer's rejection, as the school reads it.
@Suite struct RejectionWordingTests {
    static let campaign = AcknowledgementTests.campaign  // deadline 21/02/2021 23:59:59 +07:00

    static func notice(now: Date, campaign: Campaign? = campaign, texts: MailTexts = .builtIn) -> RejectionNotice {
        RejectionNotice(
            office: AcknowledgementTests.office, campaign: campaign, originalSubject: "Kế hoạch thi đua 2021",
            receivedAt: AcknowledgementTests.receivedAt, reason: "Bản scan chưa có dấu đỏ.\nThiếu chữ ký của Hiệu trưởng.", now: now,
            texts: texts)
    }

    @Test func beforeTheDeadlineTheFileIsAskedForBeforeIt() {
        for now in [Self.campaign.deadline.addingTimeInterval(-86_400), Self.campaign.deadline] {
            let text = Self.notice(now: now).text
            #expect(text.contains("trước hạn nộp 21/02/2021 23:59"), "\(text)")
            #expect(!text.contains("đã qua"))
            #expect(text.contains("  Bản scan chưa có dấu đỏ.\n  Thiếu chữ ký của Hiệu trưởng.\n"), "each line of the reason")
            #expect(text.contains("chưa thể ghi nhận hồ sơ Kế hoạch thi đua khen thưởng năm 2021, vì:"))
        }
    }

    @Test func afterTheDeadlineItSaysTheDeadlineHasPassed() {
        let text = Self.notice(now: Self.campaign.deadline.addingTimeInterval(1)).text
        #expect(text.contains("Hạn nộp (21/02/2021 23:59) đã qua."), "\(text)")
        #expect(!text.contains("trước hạn nộp"))
        #expect(text.contains("nộp muộn"))
    }

    @Test func mailOfNoCampaignIsAskedForAgainWithoutADeadline() {
        let text = Self.notice(now: Self.campaign.deadline, campaign: nil).text
        #expect(text.contains("Đề nghị đơn vị gửi lại hồ sơ đúng yêu cầu, bằng cách trả lời thư này."))
        #expect(!text.contains("hạn nộp") && !text.contains("Hạn nộp"))
        #expect(text.contains("chưa thể ghi nhận hồ sơ, vì:"), "\(text)")
    }

    @Test func theOfficersWordingIsUsedForTheRejection() throws {
        let texts = try MailTexts.builtIn.replacing(
            .replyBody,
            with:
                "{{office_name}} trả lại hồ sơ:\n{{#reason_lines}}* {{text}}\n{{/reason_lines}}{{#after_deadline}}Đã quá hạn {{deadline}}.\n{{/after_deadline}}"
        )
        let notice = Self.notice(now: Self.campaign.deadline.addingTimeInterval(3600), texts: texts)
        #expect(
            notice.text
                == "Phòng GDĐT quận Ba Đình trả lại hồ sơ:\n* Bản scan chưa có dấu đỏ.\n* Thiếu chữ ký của Hiệu trưởng.\nĐã quá hạn 21/02/2021 23:59.\n"
        )
        #expect(notice.subject == "Re: Kế hoạch thi đua 2021")
    }
}
