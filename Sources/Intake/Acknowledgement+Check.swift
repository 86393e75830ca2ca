import Foundation
import MIME

extension AcknowledgementPolicy {
    /// The held acknowledgement's text once the document check has spoken: the receipt as
    /// at intake, with any quality note; or what is wrong and what to send again; or, when
    /// only a person can tell (a doubtful seal), that the officer is looking at it.
    public func text(
        for message: MailMessage, after conclusion: SealRequirement.Conclusion, campaign: Campaign, receivedAt: Date
    ) -> String {
        if !conclusion.needsReview {
            var text = text(
                for: message, assessment: SubmissionAssessment(status: campaign.status(receivedAt: receivedAt), problems: []),
                campaign: campaign,
                receivedAt: receivedAt)
            if !conclusion.problems.isEmpty, let end = text.range(of: "\n\nTrân trọng,") {
                let notes = conclusion.problems.map { "  - \($0)" }.joined(separator: "\n")
                text.insert(contentsOf: "\n\nLưu ý về bản scan:\n\(notes)", at: end.lowerBound)
            }
            return text
        }
        if conclusion.asksToResend {
            return text(
                for: message, assessment: SubmissionAssessment(status: .needsReview, problems: conclusion.problems),
                campaign: campaign, receivedAt: receivedAt)
        }
        let when = office.formatDateTime(receivedAt)
        var lines = [
            "Kính gửi đơn vị,", "",
            "\(office.name) đã nhận thư của đơn vị lúc \(when) về \(campaign.title). Bản scan đang được cán bộ kiểm tra:",
        ]
        lines += conclusion.problems.map { "  - \($0)" }
        lines += [
            "", "Đơn vị sẽ nhận được thư báo nếu cần gửi lại.", "", "Trân trọng,", office.name, "",
            "(Thư trả lời tự động; xin không trả lời thư này.)",
        ]
        return lines.joined(separator: "\n")
    }
}
