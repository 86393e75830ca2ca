import Foundation
import Testing

@testable import Dashboard

/// Guessing is slowed and stopped per client; the officer is never locked out by someone
/// else's guesses, and guesses at made-up names never touch a real account.
struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }

    @Test func aClientGuessingNamesIsSlowedThenLockedAndTheOfficerIsNot() {
        var throttle = LoginThrottle()
        // Made-up names: no account (nil), from one address, a minute apart.
        for minute in 0..<2 { throttle.failed(account: nil, client: "203.0.113.9", now: at(Double(minute) * 60)) }
        #expect(throttle.wait(account: nil, client: "203.0.113.9", now: at(121)) == nil)
        throttle.failed(account: nil, client: "203.0.113.9", now: at(180))
        // Slowed after three: 1 s, then 2 s, 4 s…
        #expect(throttle.wait(account: nil, client: "203.0.113.9", now: at(180.5)) == .slowed(until: at(181)))
        #expect(throttle.wait(account: nil, client: "203.0.113.9", now: at(181)) == nil)
        throttle.failed(account: nil, client: "203.0.113.9", now: at(240))
        #expect(throttle.wait(account: nil, client: "203.0.113.9", now: at(240.5)) == .slowed(until: at(242)))
        for second in 0..<6 { throttle.failed(account: nil, client: "203.0.113.9", now: at(300 + Double(second) * 60)) }
        // Ten: locked for fifteen minutes after the last.
        #expect(throttle.wait(account: nil, client: "203.0.113.9", now: at(700)) == .locked(until: at(600 + 900)))
        // The officer, from her own address, and her account, are untouched.
        #expect(throttle.wait(account: "canbo", client: "192.0.2.10", now: at(700)) == nil)
    }

    @Test func anAccountIsLockedForTheGuessingClientAndOnlySlowedForOthers() {
        var throttle = LoginThrottle()
        for second in 0..<5 { throttle.failed(account: "canbo", client: "203.0.113.9", now: at(Double(second) * 10)) }
        let guesser = throttle.wait(account: "canbo", client: "203.0.113.9", now: at(41))
        #expect(guesser == .locked(until: at(40 + 900)))
        // From the office, the same account waits a second after the last failure, no more.
        #expect(throttle.wait(account: "canbo", client: "192.0.2.10", now: at(40.5)) == .slowed(until: at(41)))
        #expect(throttle.wait(account: "canbo", client: "192.0.2.10", now: at(41)) == nil)
        // Many clients guessing: the account's pause grows, but never past a minute.
        for second in 0..<20 { throttle.failed(account: "canbo", client: "198.51.100.\(second)", now: at(50 + Double(second))) }
        let wait = throttle.wait(account: "canbo", client: "192.0.2.10", now: at(70))
        #expect(wait == .slowed(until: at(69 + 60)))
    }

    @Test func successClearsTheAccountAndTheClient() {
        var throttle = LoginThrottle()
        for second in 0..<4 { throttle.failed(account: "canbo", client: "192.0.2.10", now: at(Double(second))) }
        throttle.succeeded(account: "canbo", client: "192.0.2.10")
        throttle.failed(account: "canbo", client: "192.0.2.10", now: at(5))
        #expect(throttle.wait(account: "canbo", client: "192.0.2.10", now: at(6)) == nil)
    }

    @Test func failuresOlderThanTheWindowAreForgotten() {
        var throttle = LoginThrottle()
        // Twelve failures, but spread over an hour: never three within fifteen minutes.
        for step in 0..<12 { throttle.failed(account: nil, client: "203.0.113.9", now: at(Double(step) * 451)) }
        #expect(throttle.wait(account: nil, client: "203.0.113.9", now: at(11 * 451 + 1)) == nil)
    }
}
