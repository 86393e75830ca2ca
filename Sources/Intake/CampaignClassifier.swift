import MIME
import Foundation

/// Decides which campaign a message belongs to: the campaign must be open when the message
/// arrived and one of its keywords must appear in the subject, a filename or the body.
/// With several candidates, the most keywords wins, then the nearest deadline.
public struct CampaignClassifier: Sendable {
    public var campaigns: [Campaign]

    public init(campaigns: [Campaign]) { self.campaigns = campaigns }

    public func classify(_ message: MailMessage, receivedAt: Date) -> Campaign? {
        let text = FoldedText([message.subject, message.attachments.map(\.filename).joined(separator: " "),
                                     String(message.bodyText.prefix(8000))].joined(separator: " "))
        var best: (campaign: Campaign, score: Int)?
        for campaign in campaigns where campaign.opens <= receivedAt {
            let score = campaign.keywords.count { text.contains(TextFolding.fold($0)) }
            guard score > 0 else { continue }
            if let current = best {
                let closer = abs(campaign.deadline.timeIntervalSince(receivedAt)) < abs(current.campaign.deadline.timeIntervalSince(receivedAt))
                if score > current.score || (score == current.score && closer) { best = (campaign, score) }
            } else {
                best = (campaign, score)
            }
        }
        return best?.campaign
    }
}
