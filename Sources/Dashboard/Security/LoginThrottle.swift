import Foundation

/// How failed logins slow and stop further attempts, so that guessing is slow but nobody
/// can lock the officer out:
/// - a client address is slowed after `clientSlowAfter` failures (1, 2, 4… seconds between
///   attempts) and locked for `window` after `clientLockAfter`, whatever names it tries;
/// - an account is locked for one client after `pairLockAfter` failures from that client;
///   from other clients it is only slowed (after `accountSlowAfter` failures, at most
///   `maxDelay` between attempts), so a stranger cannot keep the officer out;
/// - only a name that is an account counts as one: failures for made-up names count against
///   the client alone.
///
/// Every lock and delay is counted from the last failure; failures older than `window` are
/// forgotten, and a success clears its account and its client.
struct LoginThrottle: Sendable {
    var window: TimeInterval = 15 * 60
    var clientSlowAfter = 3
    var clientLockAfter = 10
    var pairLockAfter = 5
    var accountSlowAfter = 5
    var maxDelay: TimeInterval = 60
    private var failures: [String: [Date]] = [:]

    init() {}

    /// Why an attempt must wait, and until when.
    enum Wait: Equatable, Sendable {
        /// Too many failures: locked.
        case locked(until: Date)
        /// A few failures: the next attempt only after a pause.
        case slowed(until: Date)

        var until: Date {
            switch self {
            case .locked(let until), .slowed(let until): until
            }
        }
    }

    /// Whether a login for `account` (nil when the name is no account) from `client` must
    /// wait, and until when; the longest wait wins.
    func wait(account: String?, client: String, now: Date) -> Wait? {
        var waits: [Wait] = []
        let byClient = recent(Self.clientKey(client), now)
        if byClient.count >= clientLockAfter, let last = byClient.last {
            waits.append(.locked(until: last.addingTimeInterval(window)))
        } else if let delay = delay(byClient.count, after: clientSlowAfter), let last = byClient.last {
            waits.append(.slowed(until: last.addingTimeInterval(delay)))
        }
        if let account {
            let byPair = recent(Self.pairKey(account, client), now)
            if byPair.count >= pairLockAfter, let last = byPair.last {
                waits.append(.locked(until: last.addingTimeInterval(window)))
            }
            let byAccount = recent(Self.accountKey(account), now)
            if let delay = delay(byAccount.count, after: accountSlowAfter), let last = byAccount.last {
                waits.append(.slowed(until: last.addingTimeInterval(delay)))
            }
        }
        return waits.filter { $0.until > now }.max { $0.until < $1.until }
    }

    mutating func failed(account: String?, client: String, now: Date) {
        var keys = [Self.clientKey(client)]
        if let account { keys += [Self.pairKey(account, client), Self.accountKey(account)] }
        for key in keys {
            failures[key] = Array((recent(key, now) + [now]).suffix(max(clientLockAfter, accountSlowAfter + 8)))
        }
        // Forget keys whose failures have all aged out, so the table stays small.
        failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
    }

    mutating func succeeded(account: String, client: String) {
        for key in [Self.clientKey(client), Self.pairKey(account, client), Self.accountKey(account)] { failures[key] = nil }
    }

    /// The pause after `count` failures: none up to `after`, then 1, 2, 4… seconds, at
    /// most `maxDelay`.
    private func delay(_ count: Int, after: Int) -> TimeInterval? {
        guard count >= after else { return nil }
        return min(maxDelay, pow(2, Double(count - after)))
    }

    private func recent(_ key: String, _ now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    private static func clientKey(_ client: String) -> String { "client:\(client)" }
    private static func accountKey(_ account: String) -> String { "account:\(account.lowercased())" }
    private static func pairKey(_ account: String, _ client: String) -> String { "pair:\(account.lowercased())|\(client)" }
}
