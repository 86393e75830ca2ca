import Foundation
import GRDB

/// The text a `Date` is stored as, "yyyy-MM-dd HH:mm:ss.SSS" in UTC, exactly as GRDB writes it
/// (its `Date.databaseValue`), made by arithmetic: GRDB's `DateFormatter` costs a trip
/// through ICU for each date, several per message recorded.
enum StoredDate {
    static func text(_ date: Date) -> String {
        // Milliseconds as Foundation's formatter counts them (CFDateFormatter): from 1970,
        // plus half a millisecond, then rounded down by ICU.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + Date.timeIntervalBetween1970AndReferenceDate) * 1000 + 0.5)
            .rounded(.down)
        guard milliseconds.magnitude < 2.5e14 else { return String.fromDatabaseValue(date.databaseValue) ?? "" }
        let total = Int(milliseconds)
        let (seconds, millisecond) = floorDivision(total, 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civil(days: days)
        // ICU counts days before 1583 in the Julian calendar: those go through GRDB.
        guard (1583...9999).contains(year) else { return String.fromDatabaseValue(date.databaseValue) ?? "" }
        var text = [UInt8]()
        text.reserveCapacity(23)
        append(year, width: 4, to: &text)
        text.append(UInt8(ascii: "-"))
        append(month, width: 2, to: &text)
        text.append(UInt8(ascii: "-"))
        append(day, width: 2, to: &text)
        text.append(UInt8(ascii: " "))
        append(secondOfDay / 3600, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(secondOfDay / 60 % 60, width: 2, to: &text)
        text.append(UInt8(ascii: ":"))
        append(secondOfDay % 60, width: 2, to: &text)
        text.append(UInt8(ascii: "."))
        append(millisecond, width: 3, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// The year and month of `date` in UTC, as a Gregorian calendar gives them, by arithmetic.
    static func yearAndMonth(_ date: Date) -> (year: Int, month: Int) {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        if seconds.magnitude < 2.5e11 {
            let (year, month, _) = civil(days: floorDivision(Int(seconds), 86_400).quotient)
            if (1583...9999).contains(year) { return (year, month) }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month], from: date)
        return (parts.year ?? 1970, parts.month ?? 1)
    }

    private static func floorDivision(_ value: Int, _ divisor: Int) -> (quotient: Int, remainder: Int) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's `civil_from_days`).
    private static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func append(_ value: Int, width: Int, to text: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }
}
