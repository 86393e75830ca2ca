import Foundation
import Intake
import Mustache

/// The officer's daily digest texts in `config/templates/` (mustache), checked at start
/// like the reminder templates. Lists are mustache sections: `{{#received}}…{{/received}}`.
public struct DigestTemplates: Sendable {
    var subject: MustacheTemplate
    var text: MustacheTemplate

    static let placeholders: Set<String> = [
        "office_name", "date", "received_count", "received", "time", "unit_code", "unit_name", "campaign_title", "status",
        "has_review", "review_count", "campaigns", "deadline", "missing_count", "total", "missing", "problems_count", "problems",
        "stage", "error",
    ]

    public static func load(directory: String) throws -> DigestTemplates {
        func template(_ name: String) throws -> MustacheTemplate {
            try TemplateFile.load(directory: directory, name: name, placeholders: placeholders, what: "digest template")
        }
        return DigestTemplates(subject: try template("digest.subject.mustache"), text: try template("digest.txt.mustache"))
    }

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
        let subject = self.subject.render(context).split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return (subject, text.render(context))
    }
}
