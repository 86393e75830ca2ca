import Foundation

/// When the office may send mail to schools: workdays, office hours, not on holidays.
///
/// A reminder at 2 a.m. or during Tết is worse than none: it reads as careless. Anything
/// due outside these times waits for the next opening (and only the latest stage goes).
public struct OfficeCalendar: Sendable {
    public var timeZone: TimeZone
    /// Gregorian weekday numbers (1 = Sunday … 7 = Saturday).
    public var workdays: Set<Int>
    /// Minutes after local midnight: [opens, closes).
    public var opens: Int
    public var closes: Int
    /// Local dates, "YYYY-MM-DD".
    public var holidays: Set<String>

    public init(
        timeZone: TimeZone, workdays: Set<Int> = [2, 3, 4, 5, 6, 7], opens: Int = 7 * 60 + 30,
        closes: Int = 17 * 60, holidays: Set<String> = []
    ) {
        self.timeZone = timeZone
        self.workdays = workdays
        self.opens = opens
        self.closes = closes
        self.holidays = holidays
    }

    public func isOpen(at date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
        guard let weekday = c.weekday, workdays.contains(weekday) else { return false }
        guard !holidays.contains(Self.key(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0)) else { return false }
        let minute = (c.hour ?? 0) * 60 + (c.minute ?? 0)
        return minute >= opens && minute < closes
    }

    /// A workday that is not a holiday, whatever the hour.
    public func isWorkingDay(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        guard let weekday = c.weekday, workdays.contains(weekday) else { return false }
        return !holidays.contains(Self.key(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0))
    }

    /// The local date of `date`, "YYYY-MM-DD".
    public func dayKey(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return Self.key(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0)
    }

    public static func key(year: Int, month: Int, day: Int) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day))"
    }

    /// Expands an inclusive range of local dates into holiday keys (bounded to a year).
    public static func days(from start: DateComponents, to end: DateComponents) -> [String] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard var day = calendar.date(from: start), let last = calendar.date(from: end), day <= last else { return [] }
        var keys: [String] = []
        while day <= last, keys.count <= 366 {
            let c = calendar.dateComponents([.year, .month, .day], from: day)
            keys.append(key(year: c.year ?? 0, month: c.month ?? 0, day: c.day ?? 0))
            guard let next = calendar.date(byAdding: .day, value: 1, to: day) else { break }
            day = next
        }
        return keys
    }
}
