import Foundation

/// Dates as the officer writes them, in the config or in a form: `2021-02-21`,
/// `2021-02-21T23:59` or `2021-02-21 23:59`.
public enum OfficeDate {
    /// A bare date means the start of the day, or its last minute when `endOfDay` (a
    /// deadline "21/02" includes the 21st). In the office's `zone`.
    public static func parse(_ text: String, zone: TimeZone, endOfDay: Bool) -> Date? {
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
        // Calendar rolls 2026-13-01 over to 2027-01-01: a date that does not come back as
        // written was not a date.
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: ymd[0], month: ymd[1], day: ymd[2])
        else { return nil }
        return date
    }

    /// `date` as a form shows it back: `2021-02-21`, with ` 17:00` when not at a day's
    /// start (or, for a deadline, its last minute).
    public static func format(_ date: Date, zone: TimeZone, endOfDay: Bool) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        let bare = endOfDay ? (c.hour == 23 && c.minute == 59) : (c.hour == 0 && c.minute == 0)
        return bare ? day : day + String(format: " %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
