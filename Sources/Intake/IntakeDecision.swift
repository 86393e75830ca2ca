import Foundation
import MIME

/// Everything the rules conclude about one received message. Pure: the caller stores it.
public struct IntakeDecision: Sendable {
    public var unit: UnitMatch?
    public var campaign: Campaign?
    /// Present when both the unit and the campaign are known: the ledger entry to record.
    public var assessment: SubmissionAssessment?

    public init(unit: UnitMatch?, campaign: Campaign?, assessment: SubmissionAssessment?) {
        self.unit = unit
        self.campaign = campaign
        self.assessment = assessment
    }

    /// Nothing concluded: a duplicate, or a message kept unparsed.
    public static let none = IntakeDecision(unit: nil, campaign: nil, assessment: nil)
}

/// The rules applied to each message the intake stores.
public struct IntakeRules: Sendable {
    public var office: OfficeProfile
    public var matcher: UnitMatcher
    public var classifier: CampaignClassifier

    public init(office: OfficeProfile, roster: Roster, campaigns: [Campaign], aliases: [String: String] = [:]) {
        self.office = office
        self.matcher = UnitMatcher(roster: roster, aliases: aliases)
        self.classifier = CampaignClassifier(campaigns: campaigns)
    }

    /// `threads`: Message-IDs thidua knows → their unit; `announcements`: those that are a
    /// campaign's announcement → its campaign.
    public func decide(
        _ message: MailMessage, receivedAt: Date, threads: [String: String] = [:], announcements: [String: String] = [:]
    ) -> IntakeDecision {
        // The office's own mail (a sent copy, a reminder that bounced back) is no submission.
        if let sender = message.from?.address, office.ownAddresses.contains(sender) || Self.isBounceSender(sender) {
            return .none
        }
        let sources = FoldedSources(message)
        let answered = answeredAnnouncement(message, threads: threads, announcements: announcements)
        let unit = answered?.unit ?? matcher.match(message, threads: threads, sources: sources)
        // An auto-reply to a reminder names the campaign in its subject but is no
        // submission: counting it would turn a missing unit into one "under review".
        if message.isAutomated { return IntakeDecision(unit: unit, campaign: nil, assessment: nil) }
        let campaign = answered?.campaign ?? classifier.classify(message, receivedAt: receivedAt, sources: sources)
        let assessment = campaign.flatMap { campaign in
            unit.map { _ in SubmissionAssessment.assess(message, for: campaign, receivedAt: receivedAt) }
        }
        return IntakeDecision(unit: unit, campaign: campaign, assessment: assessment)
    }

    /// A reply in the thread of a campaign's announcement to a unit belongs to that unit
    /// and that campaign, whatever its wording: the school answered the office's call.
    func answeredAnnouncement(
        _ message: MailMessage, threads: [String: String], announcements: [String: String]
    ) -> (unit: UnitMatch, campaign: Campaign)? {
        guard !announcements.isEmpty else { return nil }
        for id in [message.inReplyTo].compactMap({ $0 }) + message.references.reversed() {
            guard let campaignID = announcements[id], let campaign = classifier.campaigns.first(where: { $0.id == campaignID }),
                let code = threads[id], let unit = matcher.roster.unit(code: code)
            else { continue }
            let reason = "trả lời thư thông báo \(campaign.title) gửi \(unit.name)"
            return (UnitMatch(code: unit.code, confidence: 1, reason: reason), campaign)
        }
        return nil
    }

    static func isBounceSender(_ address: String) -> Bool {
        let local = address.split(separator: "@").first.map { $0.lowercased() } ?? ""
        return local == "mailer-daemon" || local == "postmaster"
    }
}
