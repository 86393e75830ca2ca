import Foundation
import Intake
import Yams

/// `config/holidays.yaml`: the days the office is closed (Tết and the public holidays),
/// as single days or inclusive ranges, edited by the officer every year.
enum HolidaysFile {
    struct Entry: Decodable {
        var date: String?
        var from: String?
        var to: String?
        var name: String?
    }

    struct File: Decodable {
        var holidays: [Entry]
    }

    static func load(path: String) throws -> Set<String> {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: nil, message: "cannot read the holidays file (office.holidays points here)")
        }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: String(decoding: data, as: UTF8.self))
        } catch {
            throw ConfigError(file: path, key: "holidays", message: "not a list of {date: YYYY-MM-DD} or {from:, to:} entries: \(error)")
        }
        var days: Set<String> = []
        for (index, entry) in file.holidays.enumerated() {
            let key = "holidays[\(index)]"
            if let date = entry.date {
                guard let day = components(date) else {
                    throw ConfigError(file: path, key: key, message: "'\(date)' is not a date like 2021-02-12")
                }
                days.formUnion(OfficeCalendar.days(from: day, to: day))
            } else if let from = entry.from, let to = entry.to {
                guard let start = components(from), let end = components(to) else {
                    throw ConfigError(
                        file: path, key: key, message: "'\(from)'–'\(to)' is not a range of dates like 2021-02-10 to 2021-02-16")
                }
                let range = OfficeCalendar.days(from: start, to: end)
                guard !range.isEmpty else { throw ConfigError(file: path, key: key, message: "the range ends before it starts") }
                days.formUnion(range)
            } else {
                throw ConfigError(file: path, key: key, message: "give either date: or from: and to:")
            }
        }
        return days
    }

    private static func components(_ text: String) -> DateComponents? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        return DateComponents(year: parts[0], month: parts[1], day: parts[2])
    }
}
