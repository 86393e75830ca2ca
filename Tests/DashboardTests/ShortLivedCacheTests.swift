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
    /// A cache whose reads of the store count themselves.
    final class Counted: Sendable {
        let clock = SteppingClock()
        let cache: ShortLivedCache<String, Int>
        let fetches = Mutex(0)

        init() { cache = ShortLivedCache(clock: clock, lifetime: 2) }

        func read() async -> Int {
            await
                (try? cache.value("kh") {
                    self.fetches.withLock {
                        $0 += 1
                        return $0
                    }
                }) ?? -1
        }
    }

    @Test func aValueIsReusedForItsLifetimeAndForgottenAfterAnAction() async {
        let counted = Counted()
        #expect(await counted.read() == 1)
        counted.clock.advance(1.9)
        #expect(await counted.read() == 1, "within its lifetime the store is not read again")
        await counted.cache.forgetAll()
        #expect(await counted.read() == 2, "after the officer acts, the next page reads the store")
        counted.clock.advance(-10)
        #expect(await counted.read() == 3, "a clock that went back does not keep a value alive")
        counted.clock.advance(4.1)
        #expect(await counted.read() == 4, "a value older than twice its lifetime is read again while the page waits")
    }

    @Test func aValuePastItsLifetimeIsServedWhileOneReadRenewsIt() async {
        let counted = Counted()
        #expect(await counted.read() == 1)
        counted.clock.advance(2.5)
        #expect(await counted.read() == 1, "past its lifetime, the page gets the value it had at once")
        // The renewal may or may not have ended by the next page.
        #expect([1, 2].contains(await counted.read()))
        await counted.cache.renewalsDone()
        #expect(counted.fetches.withLock { $0 } == 2, "one read renewed it, however many pages asked")
        #expect(await counted.read() == 2, "and the pages after it get the renewed value")
        counted.clock.advance(1.9)
        #expect(await counted.read() == 2, "which lives from when it was read")
    }

    @Test func aRenewalThatReadTheStoreBeforeAnActionDoesNotBringBackItsValue() async throws {
        let clock = SteppingClock()
        let cache = ShortLivedCache<String, Int>(clock: clock, lifetime: 2)
        let gate = DispatchSemaphore(value: 0)
        #expect(try await cache.value("kh") { 1 } == 1)
        clock.advance(2.5)
        // The renewal reads "2" and is held there (on the cache's own thread) until the
        // officer's action has been taken and the page after it has read the store.
        #expect(
            try await cache.value("kh") {
                gate.wait()
                return 2
            } == 1)
        await cache.forgetAll()
        #expect(try await cache.value("kh") { 3 } == 3, "the page after the action reads the store")
        gate.signal()
        await cache.renewalsDone()
        #expect(try await cache.value("kh") { 4 } == 3, "the renewal read before the action is dropped")
    }

    @Test func aFailedRenewalKeepsTheValueUntilAPageReadsTheStoreItself() async throws {
        struct Unreadable: Error {}
        let clock = SteppingClock()
        let cache = ShortLivedCache<String, Int>(clock: clock, lifetime: 2)
        #expect(try await cache.value("kh") { 1 } == 1)
        clock.advance(2.5)
        #expect(try await cache.value("kh") { throw Unreadable() } == 1)
        await cache.renewalsDone()
        #expect(try await cache.value("kh") { 2 } == 1, "the value stays, and a renewal is tried again")
        await cache.renewalsDone()
        #expect(try await cache.value("kh") { 3 } == 2)
        clock.advance(4.1)
        await #expect(throws: Unreadable.self, "too old to serve: the page shows the store's error") {
            try await cache.value("kh") { throw Unreadable() }
        }
    }
}
