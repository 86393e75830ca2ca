import Foundation

/// One step of a campaign's reminder schedule, as an offset in days from the deadline day:
/// `-7d` a week before, `0d` the deadline day itself, `+1d` the day after.
public struct ReminderStage: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var dayOffset: Int

    public init(dayOffset: Int) { self.dayOffset = dayOffset }

    /// Parses `-7d`, `+1d`, `0d` (also `-7`, `7d before` is not accepted: the schedule is
    /// written by the officer and a typo must be reported, not guessed).
    public init?(_ text: String) {
        var body = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard body.hasSuffix("d") else { return nil }
        body.removeLast()
        // Int accepts one leading sign, "+" included; stripping "+" first would let "+-1d" through.
        guard let days = Int(body), abs(days) <= 366 else { return nil }
        dayOffset = days
    }

    /// The stored name of the stage, e.g. `-7d`, `0d`, `+1d`.
    public var description: String { dayOffset > 0 ? "+\(dayOffset)d" : "\(dayOffset)d" }

    public static func < (lhs: ReminderStage, rhs: ReminderStage) -> Bool { lhs.dayOffset < rhs.dayOffset }

    /// How the stage reads to a school, in Vietnamese.
    public var vietnameseLabel: String {
        switch dayOffset {
        case ..<0: "còn \(-dayOffset) ngày đến hạn nộp"
        case 0: "hôm nay là hạn cuối"
        default: "đã quá hạn \(dayOffset) ngày"
        }
    }
}
