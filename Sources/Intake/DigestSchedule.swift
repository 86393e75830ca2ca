import Foundation

/// When the officer's daily digest is due: once per working day (not on weekends or
/// holidays), from the configured time of day until that day ends. A day the daemon
/// missed entirely is not caught up the next morning: yesterday's "received today" would
/// only mislead.
public struct DigestSchedule: Sendable {
    public var calendar: OfficeCalendar
    /// Minutes after local midnight.
    public var minuteOfDay: Int

    public init(calendar: OfficeCalendar, minuteOfDay: Int) {
        self.calendar = calendar
        self.minuteOfDay = minuteOfDay
    }

    /// The local day ("YYYY-MM-DD") whose digest is due at `now`, or nil.
    public func dueDay(at now: Date) -> String? {
        guard calendar.isWorkingDay(now) else { return nil }
        var local = Calendar(identifier: .gregorian)
        local.timeZone = calendar.timeZone
        let c = local.dateComponents([.hour, .minute], from: now)
        guard (c.hour ?? 0) * 60 + (c.minute ?? 0) >= minuteOfDay else { return nil }
        return calendar.dayKey(now)
    }

    /// The local day of `now` as [start, end).
    public func bounds(of now: Date) -> (start: Date, end: Date) {
        var local = Calendar(identifier: .gregorian)
        local.timeZone = calendar.timeZone
        let start = local.startOfDay(for: now)
        return (start, local.date(byAdding: .day, value: 1, to: start) ?? start.addingTimeInterval(86_400))
    }
}
