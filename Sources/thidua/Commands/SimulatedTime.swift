import ArgumentParser
import Foundation
import Intake

/// `--now T` of `remind` and `run --once`: the clock they run on, so a campaign can be
/// replayed (or a test can step through one) as if the time were T.
enum SimulatedTime {
    static func clock(_ text: String?) throws -> any WallClock {
        guard let text else { return SystemClock() }
        guard let instant = ISO8601DateFormatter().date(from: text) else {
            throw ValidationError("--now '\(text)' is not an ISO 8601 time like 2021-02-18T08:00:00+07:00")
        }
        return FixedClock(instant)
    }
}
