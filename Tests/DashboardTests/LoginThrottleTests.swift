import Foundation
import Testing

@testable import Dashboard

struct LoginThrottleTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func fiveFailuresLockForFifteenMinutesAfterTheLast() {
        var throttle = LoginThrottle()
        let keys = ["user:canbo", "ip:127.0.0.1"]
        for minute in 0..<4 { throttle.failed(keys, now: start.addingTimeInterval(Double(minute) * 60)) }
        #expect(throttle.lockedUntil(keys, now: start.addingTimeInterval(240)) == nil)
        throttle.failed(keys, now: start.addingTimeInterval(240))
        let until = throttle.lockedUntil(keys, now: start.addingTimeInterval(241))
        #expect(until == start.addingTimeInterval(240 + 900))
        #expect(throttle.lockedUntil(keys, now: start.addingTimeInterval(240 + 899)) != nil)
        #expect(throttle.lockedUntil(keys, now: start.addingTimeInterval(240 + 900)) == nil)
    }

    @Test func theLockCoversTheAccountFromAnyAddress() {
        var throttle = LoginThrottle()
        for second in 0..<5 { throttle.failed(["user:canbo", "ip:10.0.0.\(second)"], now: start.addingTimeInterval(Double(second))) }
        #expect(throttle.lockedUntil(["user:canbo", "ip:10.0.0.99"], now: start.addingTimeInterval(10)) != nil)
        #expect(throttle.lockedUntil(["user:khac", "ip:10.0.0.99"], now: start.addingTimeInterval(10)) == nil)
    }

    @Test func successClearsEarlierFailures() {
        var throttle = LoginThrottle()
        for second in 0..<4 { throttle.failed(["user:canbo"], now: start.addingTimeInterval(Double(second))) }
        throttle.succeeded(["user:canbo"])
        throttle.failed(["user:canbo"], now: start.addingTimeInterval(5))
        #expect(throttle.lockedUntil(["user:canbo"], now: start.addingTimeInterval(6)) == nil)
    }

    @Test func failuresOlderThanTheWindowAreForgotten() {
        var throttle = LoginThrottle()
        for minute in 0..<5 { throttle.failed(["ip:1"], now: start.addingTimeInterval(Double(minute) * 300)) }
        // Spread over 20 minutes: never five within fifteen.
        #expect(throttle.lockedUntil(["ip:1"], now: start.addingTimeInterval(1201)) == nil)
    }
}
