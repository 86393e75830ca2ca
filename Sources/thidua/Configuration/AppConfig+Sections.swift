import DocumentCheck
import Foundation
import Intake
import MIME

/// The office and campaign sections of the config, made into the domain's values.
extension AppConfig {
    static func campaign(
        _ section: ConfigFile.CampaignSection, index: Int, zone: TimeZone,
        fail: (String, String) -> ConfigError
    ) throws -> Campaign {
        var draft = CampaignDraft(id: section.id, title: section.title, opens: section.opens, deadline: section.deadline)
        draft.keywords = section.keywords ?? []
        draft.reminders = section.reminders
        draft.accept = section.accept
        draft.requireSeal = section.require_seal ?? true
        draft.expectType = section.expect_type
        draft.expectYear = section.expect_year.map(String.init)
        draft.expectTitle = section.expect_title ?? []
        if let levels = section.levels { draft.audience = .levels(Set(levels.map { $0.uppercased() })) }
        if let units = section.units { draft.audience = .units(Set(units.map { $0.uppercased() })) }
        do {
            return try draft.resolve(zone: zone)
        } catch {
            let first = error.problems[0]
            throw fail("campaigns[\(index)].\(first.field)", first.message)
        }
    }

    /// Workdays, office hours and holidays (from the holidays file), for sending mail.
    static func officeCalendar(
        _ office: ConfigFile.OfficeSection, zone: TimeZone, absolute: (String) -> String,
        fail: (String, String) -> ConfigError
    ) throws -> OfficeCalendar {
        let names = ["sun": 1, "mon": 2, "tue": 3, "wed": 4, "thu": 5, "fri": 6, "sat": 7]
        var workdays: Set<Int> = [2, 3, 4, 5, 6, 7]
        if let days = office.workdays {
            workdays = []
            for day in days {
                guard let number = names[String(day.lowercased().prefix(3))] else {
                    throw fail("office.workdays", "'\(day)' is not a day; write mon, tue, wed, thu, fri, sat, sun")
                }
                workdays.insert(number)
            }
        }
        var opens = 7 * 60 + 30
        var closes = 17 * 60
        if let hours = office.office_hours {
            let parts = hours.split(separator: "-").map { ConfigTime.minuteOfDay(String($0).trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let start = parts[0], let end = parts[1], start < end else {
                throw fail("office.office_hours", "'\(hours)' is not a range like 07:30-17:00")
            }
            (opens, closes) = (start, end)
        }
        var holidays: Set<String> = []
        if let file = office.holidays {
            holidays = try HolidaysFile.load(path: absolute(file))
        }
        return OfficeCalendar(timeZone: zone, workdays: workdays, opens: opens, closes: closes, holidays: holidays)
    }
}

extension AppConfig {
    /// The document check's settings; nil when `document_check.enabled` is false.
    static func documentCheck(_ section: ConfigFile.DocumentCheckSection?, fail: (String, String) -> ConfigError) throws -> CheckLimits? {
        guard section?.enabled != false else { return nil }
        var limits = CheckLimits()
        if let pages = section?.max_pages {
            guard pages > 0 else { throw fail("document_check.max_pages", "must be a positive number of pages") }
            limits.pagesPerFile = pages
        }
        if let seconds = section?.max_seconds {
            guard seconds > 0 else { throw fail("document_check.max_seconds", "must be a positive number of seconds") }
            limits.secondsPerFile = Double(seconds)
        }
        if let megapixels = section?.max_megapixels {
            guard megapixels > 0, megapixels <= 500 else {
                throw fail("document_check.max_megapixels", "must be between 1 and 500 (a phone photo has 12)")
            }
            limits.pixelsPerPage = megapixels * 1_000_000
        }
        return limits
    }

    /// The verdicts the school is told of and asked to put right (`acknowledgements.reply_on`).
    static func replyOn(_ texts: [String]?, fail: (String, String) -> ConfigError) throws -> Set<CheckVerdict> {
        guard let texts else { return SealRequirement.defaultReplyOn }
        var verdicts: Set<CheckVerdict> = []
        for text in texts {
            guard let verdict = CheckVerdict(rawValue: text) else {
                let known = CheckVerdict.allCases.map(\.rawValue).joined(separator: ", ")
                throw fail("acknowledgements.reply_on", "unknown verdict '\(text)'; use \(known)")
            }
            verdicts.insert(verdict)
        }
        return verdicts
    }
}
