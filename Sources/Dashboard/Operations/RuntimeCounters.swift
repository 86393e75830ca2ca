import Synchronization

/// Counts the store cannot answer because they are events, not records: polls that
/// failed. Shared by the poller (which counts) and `/metrics` (which reads).
public final class RuntimeCounters: Sendable {
    private let pollErrors = Atomic<Int>(0)
    private let polls = Atomic<Int>(0)

    public init() {}

    public func pollFinished(failed: Bool) {
        polls.add(1, ordering: .relaxed)
        if failed { pollErrors.add(1, ordering: .relaxed) }
    }

    public var pollCount: Int { polls.load(ordering: .relaxed) }
    public var pollErrorCount: Int { pollErrors.load(ordering: .relaxed) }
}
