import Foundation
import Testing

@testable import Intake

struct OfficeCalendarTests {
    let calendar = OfficeCalendar(
        timeZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!,
        holidays: Set(
            OfficeCalendar.days(
                from: DateComponents(year: 2021, month: 2, day: 10),
                to: DateComponents(year: 2021, month: 2, day: 16))))

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "+07:00")! }

    @Test(arguments: [
        ("2021-02-18T08:00:00", true),  // Thursday morning
        ("2021-02-18T07:29:00", false),  // before opening
        ("2021-02-18T17:00:00", false),  // closing time
        ("2021-02-18T02:00:00", false),  // the middle of the night
        ("2021-02-20T09:00:00", true),  // Saturday is a workday here
        ("2021-02-21T09:00:00", false),  // Sunday
        ("2021-02-12T09:00:00", false),  // mùng 1 Tết
        ("2021-02-16T16:59:00", false),  // last day of the Tết break
        ("2021-02-17T07:30:00", true),  // back at work
    ])
    func opening(_ text: String, open: Bool) {
        #expect(calendar.isOpen(at: Self.at(text)) == open)
    }

    @Test func holidayRangesExpandInclusively() {
        let days = OfficeCalendar.days(
            from: DateComponents(year: 2021, month: 2, day: 27), to: DateComponents(year: 2021, month: 3, day: 2))
        #expect(days == ["2021-02-27", "2021-02-28", "2021-03-01", "2021-03-02"])
    }
}
