import Foundation
import Intake
import MIME

/// A text as the officer is writing it, rendered for a real unit of her roster and a real
/// campaign, through the same code that will send it: what she sees is what the school
/// will read.
public enum MailTextPreview {
    /// The mail `text` (worded `body`) makes for `unit` in `campaign`: its subject and its
    /// text, the other half of the pair as the office words it now.
    public static func render(
        _ text: MailText, body: String, setup: OfficeSetup, unit: SchoolUnit, campaign: Campaign, now: Date
    ) throws(MailTextProblem) -> (subject: String, text: String) {
        let texts = try setup.texts.replacing(text, with: body)
        let office = setup.profile
        switch text {
        case .reminderSubject, .reminderBody, .reminderReviewSubject, .reminderReviewBody:
            let review = text == .reminderReviewSubject || text == .reminderReviewBody
            return ReminderTemplates(texts: texts).render(
                office: office, officeAddress: setup.from.address, unit: unit, campaign: campaign,
                stage: campaign.reminders.first ?? ReminderStage(dayOffset: -3), status: review ? .needsReview : .pending,
                problems: review ? "bản scan chưa thấy dấu đỏ" : nil)
        case .acknowledgementBody, .acknowledgementCheckingBody:
            let message = sampleSubmission(from: unit, campaign: campaign, now: now)
            let policy = AcknowledgementPolicy(office: office, texts: texts)
            let subject = ReplySubject.make(replyingTo: message.subject, fallback: campaign.title)
            if text == .acknowledgementCheckingBody {
                let conclusion = SealRequirement.Conclusion(
                    needsReview: true, problems: ["Ke hoach.jpg: chưa thấy rõ dấu đỏ"], asksToResend: false)
                return (subject, policy.text(for: message, after: conclusion, campaign: campaign, receivedAt: now))
            }
            // The receipt of a submission that passed the check, as most are.
            let passed = SealRequirement.Conclusion(needsReview: false, problems: [], asksToResend: false)
            return (subject, policy.text(for: message, after: passed, campaign: campaign, receivedAt: now))
        case .replyBody:
            let notice = RejectionNotice(
                office: office, campaign: campaign, originalSubject: campaign.title, receivedAt: now,
                reason: "Bản scan chưa có chữ ký và dấu đỏ của Hiệu trưởng.", now: now, texts: texts)
            return (notice.subject, notice.text)
        case .announcementSubject, .announcementBody:
            return CampaignAnnouncement.render(campaign: campaign, unit: unit, setup: setup, attachmentName: "Ke-hoach.pdf", texts: texts)
        case .digestSubject, .digestBody:
            let digest = OfficerDigest(
                day: now, received: [OfficerDigest.Received(unit: unit, campaignTitle: campaign.title, status: .received, at: now)],
                reviewCount: 1, campaigns: [OfficerDigest.state(of: campaign, roster: setup.roster, statuses: [unit.code: .received])],
                problems: [])
            return DigestTemplates(texts: texts).render(digest, office: office)
        }
    }

    /// A school's mail with one photographed page, as the acknowledgement answers it.
    static func sampleSubmission(from unit: SchoolUnit, campaign: Campaign, now: Date) -> MailMessage {
        let sender = unit.emails.first ?? "truong@example.edu.vn"
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + [UInt8](repeating: 0, count: 60) + [0xFF, 0xD9]).base64EncodedString()
        let raw = """
            From: \(sender)\r
            To: office@example.org\r
            Subject: =?UTF-8?B?\(Data(campaign.title.utf8).base64EncodedString())?=\r
            Message-ID: <preview@example.edu.vn>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b"\r
            \r
            --b\r
            Content-Type: text/plain; charset=utf-8\r
            \r
            .\r
            --b\r
            Content-Type: image/jpeg\r
            Content-Disposition: attachment; filename="Ke hoach.jpg"\r
            Content-Transfer-Encoding: base64\r
            \r
            \(jpeg)\r
            --b--\r

            """
        return MailMessage.parse(Array(raw.utf8))
    }
}
