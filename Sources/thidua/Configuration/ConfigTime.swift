import Foundation
import Intake

/// Dates, times of day and durations as the officer writes them in the config.
enum ConfigTime {
    /// `2021-02-21`, `2021-02-21T23:59` or `2021-02-21 23:59` (`OfficeDate.parse`).
    static func date(_ text: String, zone: TimeZone, endOfDay: Bool) -> Date? {
        OfficeDate.parse(text, zone: zone, endOfDay: endOfDay)
    }

    static func duration(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let number = Int(trimmed.dropLast()), number >= 0 else { return nil }
        switch unit {
        case "s": return .seconds(number)
        case "m": return .seconds(number * 60)
        case "h": return .seconds(number * 3600)
        default: return nil
        }
    }

    /// "08:00" → 480; "24:00" is accepted as the end of the day.
    static func minuteOfDay(_ text: String) -> Int? {
        let parts = text.split(separator: ":").compactMap { Int($0) }
        guard parts.count == 2, (0..<60).contains(parts[1]), (0..<24).contains(parts[0]) || (parts[0] == 24 && parts[1] == 0) else {
            return nil
        }
        return parts[0] * 60 + parts[1]
    }
}
