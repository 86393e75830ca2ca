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
        parseUsual(raw) ?? parseAnyForm(raw)
    }

    /// Every form this parser knows, the obsolete ones included.
    static func parseAnyForm(_ raw: String) -> Date? {
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

    /// The form nearly every client writes — `[Day, ]D Mon YYYY HH:MM[:SS] ±HHMM` in ASCII —
    /// read byte by byte; nil for anything else, left to `parseAnyForm` (which reads this
    /// form to the same date, only slower: it is on every message's path, twice with
    /// INTERNALDATE).
    static func parseUsual(_ raw: String) -> Date? {
        guard raw.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        var utf8 = raw.utf8[...]
        if let comma = utf8.firstIndex(of: UInt8(ascii: ",")) { utf8 = utf8[utf8.index(after: comma)...] }
        if let paren = utf8.firstIndex(of: UInt8(ascii: "(")) { utf8 = utf8[..<paren] }
        var tokens: [Substring.UTF8View] = []
        var rest = Substring(utf8)
        while tokens.count < 6 {
            guard let start = rest.utf8.firstIndex(where: { !isASCIISpace($0) }) else { break }
            let end = rest.utf8[start...].firstIndex(where: isASCIISpace) ?? rest.utf8.endIndex
            tokens.append(rest.utf8[start..<end])
            rest = rest[end...]
        }
        // A two-digit or three-digit year, or a year below 1000, is `parseAnyForm`'s.
        guard tokens.count == 4 || tokens.count == 5,
            let day = digits(tokens[0], count: 1...2), let year = digits(tokens[2], count: 4...4), year >= 1000,
            let month = month(tokens[1])
        else { return nil }
        let clock = tokens[3].split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), let hour = digits(clock[0], count: 2...2), let minute = digits(clock[1], count: 2...2)
        else { return nil }
        var second = 0
        if clock.count == 3 {
            guard let value = digits(clock[2], count: 2...2) else { return nil }
            second = value
        }
        var offset = 0
        if tokens.count >= 5 {
            let zone = Array(tokens[4])
            guard zone.count == 5, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
                let value = digits(zone[1...], count: 4...4)
            else { return nil }
            offset = ((value / 100) * 3600 + (value % 100) * 60) * (zone[0] == UInt8(ascii: "-") ? -1 : 1)
            guard abs(offset) <= 18 * 3600 else { return nil }
        }
        let days = daysSince1970(year: year, month: month + 1, day: day)
        return Date(timeIntervalSince1970: TimeInterval(((days * 24 + hour) * 60 + minute) * 60 + second - offset))
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }

    private static func digits<Bytes: Collection<UInt8>>(_ bytes: Bytes, count: ClosedRange<Int>) -> Int? {
        guard count.contains(bytes.count) else { return nil }
        var value = 0
        for byte in bytes {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// The month's index from its name's first three letters, in any case.
    private static func month(_ token: Substring.UTF8View) -> Int? {
        guard token.count >= 3 else { return nil }
        let name = String(decoding: token.prefix(3).map { $0 | 0x20 }, as: UTF8.self)
        return months.firstIndex(of: name)
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
