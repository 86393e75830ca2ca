import Foundation
import MIME

/// Decides which campaign a message belongs to: the campaign must be open when the message
/// arrived and one of its keywords must appear in the subject, a filename or the body.
/// With several candidates, the most keywords wins, then the nearest deadline.
public struct CampaignClassifier: Sendable {
    public var campaigns: [Campaign] {
        didSet { foldedKeywords = Self.fold(campaigns) }
    }
    /// Each campaign's keywords, folded once rather than for every message.
    private var foldedKeywords: [[FoldedPhrase]]

    public init(campaigns: [Campaign]) {
        self.campaigns = campaigns
        foldedKeywords = Self.fold(campaigns)
    }

    public func classify(_ message: MailMessage, receivedAt: Date) -> Campaign? {
        classify(message, receivedAt: receivedAt, sources: FoldedSources(message))
    }

    func classify(_ message: MailMessage, receivedAt: Date, sources: FoldedSources) -> Campaign? {
        let text = sources.all
        var best: (campaign: Campaign, score: Int)?
        for (campaign, keywords) in zip(campaigns, foldedKeywords) where campaign.opens <= receivedAt {
            let score = keywords.count { text.contains($0) }
            guard score > 0 else { continue }
            if let current = best {
                let closer =
                    abs(campaign.deadline.timeIntervalSince(receivedAt)) < abs(current.campaign.deadline.timeIntervalSince(receivedAt))
                if score > current.score || (score == current.score && closer) { best = (campaign, score) }
            } else {
                best = (campaign, score)
            }
        }
        return best?.campaign
    }

    private static func fold(_ campaigns: [Campaign]) -> [[FoldedPhrase]] {
        campaigns.map { campaign in campaign.keywords.map { FoldedPhrase(folded: TextFolding.fold($0)) } }
    }
}
