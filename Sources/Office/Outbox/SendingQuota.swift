import Foundation
import Store

/// The caps on outgoing mail (Gmail allows about 500 a day and answers 550 5.4.5 past it;
/// Microsoft 365 about 30 a minute). Counted from what the store recorded as sent or
/// attempted, so the caps hold across restarts.
public struct SendingQuota: Sendable {
    public var store: DataStore
    public var limits: SendLimits

    public init(store: DataStore, limits: SendLimits) {
        self.store = store
        self.limits = limits
    }

    public func allows(at now: Date) throws -> Bool {
        try store.outgoingCount(since: now.addingTimeInterval(-60)) < limits.perMinute
            && store.outgoingCount(since: now.addingTimeInterval(-86_400)) < limits.perDay
    }
}
