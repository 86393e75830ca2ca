import Foundation

/// RFC 5322 date-time parsing, tolerant of the obsolete forms (two-digit years, named
/// zones, missing seconds or weekday) that old mail clients and scanners still write.
public enum MailDate {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
        "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "ict": 7,
    ]

    public static func parse(_ raw: String) -> Date? {
        var text = raw
        if let comma = text.firstIndex(of: ",") { text = String(text[text.index(after: comma)...]) }
        if let paren = text.firstIndex(of: "(") { text = String(text[..<paren]) }
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard tokens.count >= 4, let day = Int(tokens[0]),
            let month = months.firstIndex(of: String(tokens[1].lowercased().prefix(3))),
            var year = Int(tokens[2])
        else { return nil }
        if year < 50 { year += 2000 } else if year < 1000 { year += 1900 }
        let clock = tokens[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count >= 2 else { return nil }
        var offsetSeconds = 0
        if tokens.count >= 5 {
            let zone = tokens[4]
            if let sign = zone.first, sign == "+" || sign == "-", zone.count >= 5, let value = Int(zone.dropFirst().prefix(4)) {
                offsetSeconds = ((value / 100) * 3600 + (value % 100) * 60) * (sign == "-" ? -1 : 1)
            } else if let hours = zones[zone.lowercased()] {
                offsetSeconds = hours * 3600
            }
        }
        if abs(offsetSeconds) > 18 * 3600 { offsetSeconds = 0 }  // no such zone: read as UTC
        let days = daysSince1970(year: year, month: month + 1, day: day)
        let seconds = ((days * 24 + clock[0]) * 60 + clock[1]) * 60 + (clock.count > 2 ? clock[2] : 0) - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's
    /// `days_from_civil`). Arithmetic, where `Calendar.date(from:)` costs a trip through ICU for
    /// every message's Date header and INTERNALDATE; out-of-range days roll over as there.
    static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * ((month + 9) % 12) + 2) / 5 + day - 1  // from March 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// RFC 5322 form of `date` in `zone`, e.g. `Thu, 18 Feb 2021 09:12:00 +0700`.
    public static func format(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = zone.secondsFromGMT(for: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let zoneText = (offset < 0 ? "-" : "+") + two(abs(offset) / 3600) + two((abs(offset) % 3600) / 60)
        return "\(weekdays[(c.weekday ?? 1) - 1]), \(two(c.day)) \(monthNames[(c.month ?? 1) - 1]) \(c.year ?? 1970) "
            + "\(two(c.hour)):\(two(c.minute)):\(two(c.second)) \(zoneText)"
    }
}
