import Foundation

/// The mail a school gets when the officer rejects its submission from the dashboard: what
/// was rejected, the officer's reason in their own words, and what to do next.
public struct RejectionNotice: Sendable, Equatable {
    public var subject: String
    public var text: String

    /// `now`: when the notice is written; past the campaign's deadline it no longer asks for
    /// the file "before the deadline".
    public init(
        office: OfficeProfile, campaign: Campaign?, originalSubject: String, receivedAt: Date, reason: String, now: Date,
        texts: MailTexts = .builtIn
    ) {
        subject = ReplySubject.make(replyingTo: originalSubject, fallback: campaign?.title ?? office.name)
        let beforeDeadline = campaign.map { now <= $0.deadline } ?? false
        var context: [String: Any] = [
            "office_name": office.name,
            "received_at": office.formatDateTime(receivedAt),
            "reason_lines": reason.split(whereSeparator: \.isNewline).map { ["text": String($0)] },
            "deadline": campaign.map { office.formatDateTime($0.deadline) } ?? "",
            "before_deadline": beforeDeadline,
            "after_deadline": campaign != nil && !beforeDeadline,
            "no_campaign": campaign == nil,
        ]
        // Absent, not empty, without a campaign: Mustache counts "" as true in a section.
        if let campaign { context["campaign_title"] = campaign.title }
        text = texts.render(.replyBody, context)
    }
}
