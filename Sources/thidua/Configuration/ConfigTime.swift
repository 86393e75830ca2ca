import Foundation

/// Dates, times of day and durations as the officer writes them in the config.
enum ConfigTime {
    /// `2021-02-21`, `2021-02-21T23:59` or `2021-02-21 23:59`. A bare date means the start
    /// of the day, or its last minute when `endOfDay` (a deadline "21/02" includes the 21st).
    /// In the office's `zone`.
    static func date(_ text: String, zone: TimeZone, endOfDay: Bool) -> Date? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "T" || $0 == " " })
        guard let datePart = parts.first else { return nil }
        let ymd = datePart.split(separator: "-").compactMap { Int($0) }
        guard ymd.count == 3 else { return nil }
        var components = DateComponents(year: ymd[0], month: ymd[1], day: ymd[2])
        if parts.count > 1 {
            let hm = parts[1].split(separator: ":").compactMap { Int($0) }
            guard hm.count >= 2 else { return nil }
            components.hour = hm[0]
            components.minute = hm[1]
            components.second = hm.count > 2 ? hm[2] : (endOfDay ? 59 : 0)
        } else if endOfDay {
            (components.hour, components.minute, components.second) = (23, 59, 59)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == ymd[2]
        else { return nil }
        return date
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
