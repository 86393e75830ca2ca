import Foundation
import Intake

/// The reminder texts: one pair for units that have sent nothing, one for units whose
/// submission needs fixing (`MailText.reminder*`).
public struct ReminderTemplates: Sendable {
    var texts: MailTexts

    public init(texts: MailTexts) { self.texts = texts }

    public func render(
        office: OfficeProfile, officeAddress: String, unit: SchoolUnit, campaign: Campaign, stage: ReminderStage,
        status: ReceiptStatus, problems: String?
    ) -> (subject: String, text: String) {
        let context = Self.context(
            office: office, officeAddress: officeAddress, unit: unit, campaign: campaign, stage: stage, problems: problems)
        return status == .needsReview
            ? (texts.render(.reminderReviewSubject, context), texts.render(.reminderReviewBody, context))
            : (texts.render(.reminderSubject, context), texts.render(.reminderBody, context))
    }

    /// What the reminder texts are filled from: also the editor's preview, for a real unit.
    static func context(
        office: OfficeProfile, officeAddress: String, unit: SchoolUnit, campaign: Campaign, stage: ReminderStage, problems: String?
    ) -> [String: Any] {
        [
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
    }
}
