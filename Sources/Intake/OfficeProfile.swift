import Foundation

/// The office's own settings that the rules depend on.
public struct OfficeProfile: Sendable {
    public var name: String
    public var timeZone: TimeZone
    /// Local time of day at which a reminder stage falls due, in minutes after midnight.
    public var reminderMinuteOfDay: Int
    /// Addresses of the office itself: never treated as a school, never replied to.
    public var ownAddresses: Set<String>

    public init(name: String, timeZone: TimeZone, reminderMinuteOfDay: Int = 8 * 60, ownAddresses: Set<String> = []) {
        self.name = name
        self.timeZone = timeZone
        self.reminderMinuteOfDay = reminderMinuteOfDay
        self.ownAddresses = Set(ownAddresses.map { $0.lowercased() })
    }

    public var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `18/02/2021 09:12` in office time, as Vietnamese readers write it.
    public func formatDateTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return "\(pad(c.day))/\(pad(c.month))/\(c.year ?? 0) \(pad(c.hour)):\(pad(c.minute))"
    }

    public func formatDate(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(pad(c.day))/\(pad(c.month))/\(c.year ?? 0)"
    }

    private func pad(_ value: Int?) -> String {
        let number = value ?? 0
        return number < 10 ? "0\(number)" : "\(number)"
    }
}
