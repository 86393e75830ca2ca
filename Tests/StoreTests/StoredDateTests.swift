import Foundation
import GRDB
import TestSupport
import Testing

@testable import Store

/// The store writes dates by arithmetic in the hot path of recording a message; they must
/// read back as GRDB's own (`Date.databaseValue`), or comparisons in SQL between the two
/// would go wrong.
struct StoredDateTests {
    static func grdb(_ date: Date) -> String? { String.fromDatabaseValue(date.databaseValue) }

    @Test func edgesAreWrittenAsGRDBWritesThem() {
        let edges: [TimeInterval] = [
            0, -0.0005, -1, 0.999, 0.9999, 59.9995, 86_399.999, 86_400, 951_782_400,  // 2000-02-29
            4_107_542_399.999, 1_798_761_599.9995, -62_135_596_800 + 86_400 * 366,  // year 2: Julian in ICU
            -12_219_292_800, -12_219_292_800 - 86_400,  // 1582-10-15, the first Gregorian day, and before
            253_402_300_799.999,  // 9999-12-31 23:59:59.999
            1_765_012_345.678_9, -2_208_988_800.123,
        ]
        for interval in edges {
            let date = Date(timeIntervalSince1970: interval)
            #expect(StoredDate.text(date) == Self.grdb(date), "at \(interval)")
        }
    }

    @Test func randomDatesAreWrittenAsGRDBWritesThem() {
        var generator = SeededGenerator()
        for _ in 0..<20_000 {
            // From 1900 to 2200, at any fraction of a second.
            let interval = Double.random(in: -2_208_988_800...7_258_118_400, using: &generator)
            let date = Date(timeIntervalSince1970: interval)
            #expect(StoredDate.text(date) == Self.grdb(date), "at \(interval); \(generator.replay)")
        }
    }

    @Test func yearAndMonthAreTheGregorianCalendarsInUTC() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var generator = SeededGenerator()
        let edges: [TimeInterval] = [0, -1, 951_868_799, 951_868_800, 4_102_444_799, 4_102_444_800, -12_219_292_801]
        let random = (0..<5_000).map { _ in Double.random(in: -2_208_988_800...7_258_118_400, using: &generator) }
        for interval in edges + random {
            let date = Date(timeIntervalSince1970: interval)
            let parts = calendar.dateComponents([.year, .month], from: date)
            let got = StoredDate.yearAndMonth(date)
            #expect(got.year == parts.year && got.month == parts.month, "at \(interval); \(generator.replay)")
        }
    }

    @Test func readsBackAsTheSameMillisecond() throws {
        let date = Date(timeIntervalSince1970: 1_765_012_345.678)
        let read = try #require(Date.fromDatabaseValue(StoredDate.text(date).databaseValue))
        #expect(abs(read.timeIntervalSince(date)) < 0.001)
    }
}
