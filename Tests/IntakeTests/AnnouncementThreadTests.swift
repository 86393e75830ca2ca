import Foundation
import MIME
import Testing

@testable import Intake

/// A school answering the office's announcement of a campaign: "Trường em gửi ạ." from a
/// teacher's own address names neither the school nor the campaign, but the thread does.
@Suite struct AnnouncementThreadTests {
    static let announcement = "<thidua.announce.bc-2021.TH02@pgd.example>"
    static let roster = try! Roster(units: [
        SchoolUnit(code: "TH01", name: "Tiểu học Nguyễn Trãi", level: "TH", emails: ["thnguyentrai@schools.example"]),
        SchoolUnit(code: "TH02", name: "Tiểu học Kim Đồng", level: "TH", emails: ["thkimdong@schools.example"]),
    ])
    static let plan = Fixture.campaign()
    static let report = Campaign(
        id: "bc-2021", title: "Báo cáo sơ kết học kỳ I", opens: Fixture.date("2021-02-08T00:00"),
        deadline: Fixture.date("2021-02-25T17:00"), keywords: ["báo cáo", "sơ kết"], reminders: [])
    static let rules = IntakeRules(office: Fixture.office, roster: roster, campaigns: [plan, report])
    static let receivedAt = Fixture.date("2021-02-18T09:12")
    static let threads = [announcement: "TH02"]
    static let announcements = [announcement: "bc-2021"]

    static func reply(
        subject: String = "Re: Gửi phòng", body: String = "Trường em gửi ạ.", threading: String = "In-Reply-To: \(announcement)",
        extraHeaders: String = ""
    ) -> MailMessage {
        var text = "From: Cô Lan <co.lan@personal.example>\nSubject: =?UTF-8?B?\(Data(subject.utf8).base64EncodedString())?=\n"
        text += "Message-ID: <reply1@personal.example>\n\(threading)\n\(extraHeaders)"
        text += "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain; charset=utf-8\n\n\(body)\n"
        text += "--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename=\"scan.pdf\"\n"
        text += "Content-Transfer-Encoding: base64\n\n\(Data(Fixture.scanPDF).base64EncodedString())\n--b--\n"
        return MailMessage.parse(Array(text.utf8))
    }

    @Test func aReplyToAnAnnouncementBelongsToItsUnitAndCampaign() throws {
        let message = Self.reply()
        // The premise: nothing in the mail itself says who or what.
        #expect(UnitMatcher(roster: Self.roster).match(message) == nil)
        #expect(CampaignClassifier(campaigns: [Self.plan, Self.report]).classify(message, receivedAt: Self.receivedAt) == nil)

        let decision = Self.rules.decide(
            message, receivedAt: Self.receivedAt, threads: Self.threads, announcements: Self.announcements)
        let unit = try #require(decision.unit)
        #expect(unit.code == "TH02")
        #expect(unit.reason.contains("trả lời thư thông báo"), "\(unit.reason)")
        #expect(unit.reason.contains("Báo cáo sơ kết học kỳ I") && unit.reason.contains("Tiểu học Kim Đồng"))
        #expect(decision.campaign?.id == "bc-2021")
        #expect(decision.assessment?.status == .received, "a scan sent in answer is recorded")
    }

    @Test func theThreadOutweighsTheWording() {
        // "Kế hoạch" is the other campaign's keyword; the school answered the report's call.
        let decision = Self.rules.decide(
            Self.reply(subject: "Re: Kế hoạch", body: "Trường em gửi kế hoạch ạ."), receivedAt: Self.receivedAt,
            threads: Self.threads, announcements: Self.announcements)
        #expect(decision.unit?.code == "TH02")
        #expect(decision.campaign?.id == "bc-2021")
    }

    @Test func aReplyFoundByItsReferencesCountsToo() {
        // Some mail programs drop In-Reply-To and keep only the chain of References.
        let message = Self.reply(threading: "References: <older@personal.example> \(Self.announcement)")
        #expect(message.inReplyTo == nil)
        let decision = Self.rules.decide(
            message, receivedAt: Self.receivedAt, threads: Self.threads, announcements: Self.announcements)
        #expect(decision.unit?.code == "TH02")
        #expect(decision.campaign?.id == "bc-2021")
    }

    @Test func withoutTheAnnouncementsTheWordingAloneDecidesTheCampaign() {
        let decision = Self.rules.decide(Self.reply(), receivedAt: Self.receivedAt, threads: Self.threads)
        // The thread still names the unit (a reply to any mail thidua sent does)…
        #expect(decision.unit?.code == "TH02")
        #expect(decision.unit?.reason.contains("thông báo") == false)
        // …but nothing names a campaign, so nothing is recorded against one.
        #expect(decision.campaign == nil)
        #expect(decision.assessment == nil)

        let worded = Self.rules.decide(Self.reply(subject: "Re: Kế hoạch thi đua"), receivedAt: Self.receivedAt, threads: Self.threads)
        #expect(worded.campaign?.id == Self.plan.id)
    }

    @Test func anAnnouncementOfACampaignNoLongerKnownAttributesNothingByIt() {
        let decision = Self.rules.decide(
            Self.reply(), receivedAt: Self.receivedAt, threads: Self.threads, announcements: [Self.announcement: "da-xoa-2020"])
        #expect(decision.campaign == nil)
        #expect(decision.unit?.code == "TH02")
    }

    @Test func anAutoReplyToAnAnnouncementIsNoSubmission() {
        // An out-of-office answer arrives in the announcement's thread within minutes.
        let decision = Self.rules.decide(
            Self.reply(subject: "Trả lời tự động: [Thông báo] Báo cáo sơ kết học kỳ I", extraHeaders: "Auto-Submitted: auto-replied\n"),
            receivedAt: Self.receivedAt, threads: Self.threads, announcements: Self.announcements)
        #expect(decision.campaign == nil)
        #expect(decision.assessment == nil)
    }
}
