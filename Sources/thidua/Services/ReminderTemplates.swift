import Foundation
import Intake
import Mustache

/// The officer-editable reminder texts in `config/templates/` (mustache).
struct ReminderTemplates: Sendable {
    var subject: MustacheTemplate
    var text: MustacheTemplate

    static let files = ["reminder.subject.mustache", "reminder.txt.mustache"]

    static func load(directory: String) throws -> ReminderTemplates {
        func template(_ name: String) throws -> MustacheTemplate {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(file: path, key: nil, message: "the reminder template is missing; copy it from config/templates/")
            }
            do {
                return try MustacheTemplate(string: String(decoding: data, as: UTF8.self))
            } catch {
                throw ConfigError(file: path, key: nil, message: "the template does not parse: \(error)")
            }
        }
        return ReminderTemplates(subject: try template(files[0]), text: try template(files[1]))
    }

    func render(office: Office, officeAddress: String, unit: SchoolUnit, campaign: Campaign, stage: ReminderStage) -> (subject: String, text: String) {
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
        ]
        let subject = subject.render(context).split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        return (subject, text.render(context))
    }
}
