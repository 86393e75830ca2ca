import Foundation
import Office

/// Uploads read and shown for a look before they are applied (a roster's preview, an
/// announcement's attachment), kept in memory for one login for half an hour. The form
/// that applies one names it by a random token; another login's token finds nothing.
actor PendingUploads<Value: Sendable> {
    private var entries: [String: (user: String, value: Value, expires: Date)] = [:]
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval = 30 * 60) { self.lifetime = lifetime }

    func put(_ value: Value, user: String, now: Date) throws -> String {
        entries = entries.filter { $0.value.expires > now }
        let token = try SessionStore.token()
        entries[token] = (user, value, now.addingTimeInterval(lifetime))
        return token
    }

    /// The upload `token` names, if it is `user`'s and still fresh; it stays until taken.
    func value(_ token: String, user: String, now: Date) -> Value? {
        guard let entry = entries[token], entry.user == user, entry.expires > now else { return nil }
        return entry.value
    }

    func remove(_ token: String) { entries[token] = nil }
}
