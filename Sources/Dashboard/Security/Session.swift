import Foundation
import Store

/// A logged-in officer. The token travels only in an `HttpOnly`, `SameSite=Strict` cookie;
/// the CSRF token is echoed in every form and checked on every POST.
public struct Session: Sendable {
    public var user: String
    /// What the login may do: read only (lãnh đạo), or everything (cán bộ).
    public var role: DashboardRole
    public var csrfToken: String
    /// The login's password hash when the session opened: a new password, set on the
    /// accounts page or with `thidua passwd`, ends the session at its next request.
    var passwordHash: String
    /// When the session was last held against the stored login (`SessionStore.isDue`).
    var checkedAt: Date
    public var createdAt: Date
    public var lastSeen: Date
}
