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
            return texts.render(
                .acknowledgementBody,
                context(
                    for: message, assessment: SubmissionAssessment(status: campaign.status(receivedAt: receivedAt), problems: []),
                    campaign: campaign, receivedAt: receivedAt, notes: conclusion.problems))
        }
        if conclusion.asksToResend {
            return text(
                for: message, assessment: SubmissionAssessment(status: .needsReview, problems: conclusion.problems),
                campaign: campaign, receivedAt: receivedAt)
        }
        let context: [String: Any] = [
            "office_name": office.name, "campaign_title": campaign.title, "received_at": receivedTime(receivedAt),
            "problems": conclusion.problems.map { ["text": $0] },
        ]
        return texts.render(.acknowledgementCheckingBody, context)
    }
}
