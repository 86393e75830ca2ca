import Foundation
import Store
import Testing

@testable import Dashboard

struct HealthCheckTests {
    let now = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func healthyUntilPollingHasFailedLongerThanTheThreshold() {
        var intake = IntakeHealth(lastPoll: now.addingTimeInterval(-3600), lastError: nil, lastErrorAt: nil, failingSince: nil)
        #expect(HealthCheck(intake: intake, threshold: 900, now: now).healthy)
        intake.failingSince = now.addingTimeInterval(-899)
        intake.lastError = "login refused"
        #expect(HealthCheck(intake: intake, threshold: 900, now: now).healthy)
        intake.failingSince = now.addingTimeInterval(-900)
        let degraded = HealthCheck(intake: intake, threshold: 900, now: now)
        #expect(!degraded.healthy)
        #expect(degraded.json(detailed: true).hasPrefix("{\"status\":\"degraded\",\"last_poll\":\"2023-11-14T21:13:20Z\""))
        #expect(degraded.json(detailed: true).contains("\"error\":\"login refused\""))
        #expect(degraded.json(detailed: false) == "{\"status\":\"degraded\"}\n", "the state alone, for anyone")
    }

    /// A refused login or a revoked grant will not mend by waiting: degraded at once.
    @Test func aFailureThatNeedsAPersonIsDegradedAtOnce() {
        let intake = IntakeHealth(
            lastPoll: now.addingTimeInterval(-60), lastError: "login refused", lastErrorAt: now,
            failingSince: now.addingTimeInterval(-1), needsAction: true)
        let check = HealthCheck(intake: intake, threshold: 900, now: now)
        #expect(!check.healthy)
        #expect(check.json(detailed: true).hasSuffix("\"needs_action\":true}\n"))
    }

    @Test func theJSONEscapesTheErrorText() throws {
        let intake = IntakeHealth(lastPoll: nil, lastError: "server said \"NO\"\n", lastErrorAt: now, failingSince: now)
        let json = HealthCheck(intake: intake, threshold: 60, now: now).json(detailed: true)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(decoded?["error"] as? String == "server said \"NO\"\n")
        #expect(decoded?["last_poll"] is NSNull)
    }
}

struct MetricsExpositionTests {
    @Test func everySeriesIsPrefixedTypedAndParsable() {
        var totals = StoreTotals()
        totals.messages = 12
        totals.remindersFailed = 2
        let counters = RuntimeCounters()
        counters.pollFinished(failed: false)
        counters.pollFinished(failed: true)
        let text = MetricsExposition.render(
            totals: totals, health: IntakeHealth(lastPoll: Date(timeIntervalSince1970: 1_700_000_000.5)),
            counters: counters, reviewWaiting: 3)
        let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(samples.allSatisfy { $0.hasPrefix("thidua_") })
        // Every sample line is "name{labels} number".
        #expect(
            samples.allSatisfy { line in
                let parts = line.split(separator: " ")
                return parts.count == 2 && Double(parts[1]) != nil
            })
        #expect(samples.contains("thidua_messages_ingested_total 12"))
        #expect(samples.contains("thidua_reminders_total{result=\"failed\"} 2"))
        #expect(samples.contains("thidua_polls_total 2"))
        #expect(samples.contains("thidua_poll_errors_total 1"))
        #expect(samples.contains("thidua_review_waiting 3"))
        #expect(samples.contains("thidua_last_successful_poll_timestamp_seconds 1700000000.500"))
        #expect(text.contains("# TYPE thidua_poll_errors_total counter\n"))
    }
}
