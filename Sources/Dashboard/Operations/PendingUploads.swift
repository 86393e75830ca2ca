import Foundation
import Office

/// Uploads read and shown for a look before they are applied (a roster's preview, an
/// announcement's attachment), kept in memory for one login for half an hour. The form
/// that applies one names it by a random token; another login's token finds nothing.
actor PendingUploads<Value: Sendable> {
    private var entries: [String: (user: String, value: Value, expires: Date)] = [:]
    private let lifetime: TimeInterval
    /// Previews kept per login: an upload can be 15 MB, and a preview asked for again and
    /// again must not hold them all.
    private let perUser: Int

    init(lifetime: TimeInterval = 30 * 60, perUser: Int = 3) {
        self.lifetime = lifetime
        self.perUser = perUser
    }

    func put(_ value: Value, user: String, now: Date) throws -> String {
        entries = entries.filter { $0.value.expires > now }
        let older = entries.filter { $0.value.user == user }.sorted { $0.value.expires < $1.value.expires }
        for (token, _) in older.prefix(max(0, older.count - perUser + 1)) { entries[token] = nil }
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
