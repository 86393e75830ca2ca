import Foundation
import Intake
import Mustache

/// The officer-editable reminder texts in `config/templates/` (mustache): one pair for
/// units that have sent nothing, one for units whose submission needs fixing.
///
/// Checked at start: a template that does not parse, or that uses a placeholder thidua
/// does not fill (a typo such as {{ten_don_vi}}), is refused with its file and name,
/// instead of mailing sixty schools a blank.
public struct ReminderTemplates: Sendable {
    public struct Pair: Sendable {
        var subject: MustacheTemplate
        var text: MustacheTemplate
    }

    var pending: Pair
    var review: Pair

    static let placeholders: Set<String> = [
        "office_name", "office_email", "unit_name", "unit_code", "campaign_title", "deadline", "deadline_date",
        "stage_label", "overdue", "problems",
    ]

    public static func load(directory: String) throws -> ReminderTemplates {
        func template(_ name: String) throws -> MustacheTemplate {
            try TemplateFile.load(directory: directory, name: name, placeholders: placeholders, what: "reminder template")
        }
        return ReminderTemplates(
            pending: Pair(subject: try template("reminder.subject.mustache"), text: try template("reminder.txt.mustache")),
            review: Pair(subject: try template("reminder-review.subject.mustache"), text: try template("reminder-review.txt.mustache")))
    }

    public func render(
        office: OfficeProfile, officeAddress: String, unit: SchoolUnit, campaign: Campaign, stage: ReminderStage,
        status: ReceiptStatus, problems: String?
    ) -> (subject: String, text: String) {
        let context: [String: Any] = [
            "office_name": office.name,
            "office_email": officeAddress,
            "unit_name": unit.name,
            "unit_code": unit.code,
            "campaign_title": campaign.title,
            "deadline": office.formatDateTime(campaign.deadline),
            "deadline_date": office.formatDate(campaign.deadline),
            "stage_label": stage.vietnameseLabel,
            "overdue": stage.dayOffset > 0,
            "problems": problems ?? "hồ sơ chưa phải bản scan có dấu đỏ",
        ]
        let pair = status == .needsReview ? review : pending
        let subject = pair.subject.render(context).split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return (subject, pair.text.render(context))
    }
}
