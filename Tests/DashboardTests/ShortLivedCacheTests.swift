import Foundation
import Intake
import Synchronization
import Testing

@testable import Dashboard

final class SteppingClock: WallClock, Sendable {
    private let seconds = Mutex<Double>(1_700_000_000)
    func now() -> Date { Date(timeIntervalSince1970: seconds.withLock { $0 }) }
    func advance(_ by: Double) { seconds.withLock { $0 += by } }
}

struct ShortLivedCacheTests {
    @Test func aValueIsReusedForItsLifetimeAndForgottenAfterAnAction() async {
        let clock = SteppingClock()
        let cache = ShortLivedCache<String, Int>(clock: clock, lifetime: 2)
        let fetches = Mutex(0)
        func read() async -> Int {
            await cache.value("kh") {
                fetches.withLock {
                    $0 += 1
                    return $0
                }
            }
        }
        #expect(await read() == 1)
        clock.advance(1.9)
        #expect(await read() == 1, "within its lifetime the store is not read again")
        clock.advance(0.2)
        #expect(await read() == 2, "past its lifetime it is")
        await cache.forgetAll()
        #expect(await read() == 3, "after the officer acts, the next page reads the store")
        clock.advance(-10)
        #expect(await read() == 4, "a clock that went back does not keep a value alive")
    }
}
