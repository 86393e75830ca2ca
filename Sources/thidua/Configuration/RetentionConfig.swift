import Foundation
import Intake
import Store

extension AppConfig {
    /// The shortest retention accepted: a typo such as `4d` must not wipe the evidence a
    /// school may need while a complaint about a campaign's result is still open.
    static let minimumRetentionDays = 90

    /// `raw_mail_retention`: `off` (or absent: raw mail is kept forever), `400d`, or `5y`
    /// (a year counts 365 days).
    static func retentionDays(_ text: String?, fail: (String, String) -> ConfigError) throws -> Int? {
        guard let text = text?.trimmingCharacters(in: .whitespaces).lowercased(), !["off", "false", "never", ""].contains(text) else {
            return nil
        }
        let unit = text.last
        guard let number = Int(text.dropLast()), number > 0, unit == "d" || unit == "y" else {
            throw fail("raw_mail_retention", "'\(text)' is not a retention like 400d or 5y (or off to keep raw mail forever)")
        }
        let days = unit == "y" ? number * 365 : number
        guard days >= minimumRetentionDays else {
            throw fail(
                "raw_mail_retention",
                "\(text) is shorter than the \(minimumRetentionDays) days a complaint about a campaign may take; use at least \(minimumRetentionDays)d, or off"
            )
        }
        return days
    }

    /// The retention in force for the configured campaigns, or nil when raw mail is kept forever.
    var rawMailRetention: RawMailRetention? {
        rawMailRetentionDays.map { RawMailRetention(days: $0, campaigns: campaigns) }
    }
}
