import Foundation
import Intake

/// The officer's daily digest texts (`MailText.digest*`). Lists are mustache sections:
/// `{{#received}}…{{/received}}`.
public struct DigestTemplates: Sendable {
    var texts: MailTexts

    public init(texts: MailTexts) { self.texts = texts }

    public func render(_ digest: OfficerDigest, office: OfficeProfile) -> (subject: String, text: String) {
        let received: [[String: Any]] = digest.received.map {
            [
                "time": office.formatDateTime($0.at).split(separator: " ").last.map(String.init) ?? "",
                "unit_code": $0.unit.code, "unit_name": $0.unit.name, "campaign_title": $0.campaignTitle, "status": $0.status.label,
            ]
        }
        let campaigns: [[String: Any]] = digest.campaigns.map { campaign in
            [
                "campaign_title": campaign.title, "deadline": office.formatDateTime(campaign.deadline),
                "missing_count": campaign.missing.count, "total": campaign.total,
                "missing": campaign.missing.map {
                    ["unit_code": $0.unit.code, "unit_name": $0.unit.name, "status": $0.status.label] as [String: Any]
                },
            ]
        }
        let problems: [[String: Any]] = digest.problems.map {
            [
                "unit_code": $0.unitCode, "unit_name": $0.unitName, "campaign_title": $0.campaignTitle, "stage": $0.stage,
                "error": $0.error,
            ]
        }
        let context: [String: Any] = [
            "office_name": office.name,
            "date": office.formatDate(digest.day),
            "received_count": digest.received.count,
            "received": received,
            "has_review": digest.reviewCount > 0,
            "review_count": digest.reviewCount,
            "campaigns": campaigns,
            "missing_count": digest.campaigns.reduce(0) { $0 + $1.missing.count },
            "problems_count": digest.problems.count,
            "problems": problems,
        ]
        return (texts.render(.digestSubject, context), texts.render(.digestBody, context))
    }
}
