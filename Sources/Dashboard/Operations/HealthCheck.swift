import Foundation
import Store

/// `/healthz`: healthy while the mailbox is being read; degraded once polling has failed
/// for longer than the threshold (a dead server, a lost network) — long enough not to page
/// anyone for a server restart, short enough that a school's deadline-day mail is not
/// silently piling up — and at once when the failure needs a person (a changed password,
/// a revoked OAuth2 grant): retrying will not mend it.
public struct HealthCheck: Sendable, Equatable {
    public var healthy: Bool
    public var lastPoll: Date?
    public var failingSince: Date?
    public var lastError: String?
    public var needsAction: Bool

    public init(intake: IntakeHealth, threshold: TimeInterval, now: Date) {
        lastPoll = intake.lastPoll
        failingSince = intake.failingSince
        lastError = intake.lastError
        needsAction = intake.needsAction
        if let since = intake.failingSince {
            healthy = !intake.needsAction && now.timeIntervalSince(since) < threshold
        } else {
            healthy = true
        }
    }

    /// The `/healthz` body: JSON, for monitoring tools. Anyone may ask whether thidua is
    /// healthy; only the officer (a session) or the monitoring system (the metrics token)
    /// learns why not: a raw error names servers, ports and addresses.
    public func json(detailed: Bool) -> String {
        let iso = ISO8601DateFormatter()
        var fields = ["\"status\":\"\(healthy ? "ok" : "degraded")\""]
        guard detailed else { return "{" + fields.joined(separator: ",") + "}\n" }
        fields.append("\"last_poll\":\(lastPoll.map { "\"\(iso.string(from: $0))\"" } ?? "null")")
        fields.append("\"failing_since\":\(failingSince.map { "\"\(iso.string(from: $0))\"" } ?? "null")")
        fields.append("\"error\":\(lastError.map(Self.jsonString) ?? "null")")
        fields.append("\"needs_action\":\(needsAction)")
        return "{" + fields.joined(separator: ",") + "}\n"
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
