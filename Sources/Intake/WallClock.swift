import Foundation

/// The time, injected: the domain never reads the system clock itself, so a whole campaign
/// can be replayed in a test or with `thidua remind --now`.
public protocol WallClock: Sendable {
    func now() -> Date
}

public struct SystemClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

public struct FixedClock: WallClock {
    public var date: Date
    public init(_ date: Date) { self.date = date }
    public func now() -> Date { date }
}
