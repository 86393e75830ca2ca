import Foundation

/// A calendar day as IMAP's SEARCH SINCE takes it (`1-Feb-2021`, RFC 3501 `date`): the
/// server compares it with each message's internal date, ignoring the time of day.
public struct IMAPDay: Sendable, Equatable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `date` falls on in `zone` (the office's).
    public init(_ date: Date, in zone: TimeZone) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1)
    }

    /// English month names, whatever the locale: the protocol's, not the reader's.
    public var text: String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return "\(day)-\(months[max(0, min(11, month - 1))])-\(year)"
    }

    /// `2021-01-09`: how the day is kept.
    public var iso: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public init?(iso: String) {
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    public static func < (a: IMAPDay, b: IMAPDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
