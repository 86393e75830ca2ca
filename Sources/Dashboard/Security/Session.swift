import Foundation

/// A logged-in officer. The token travels only in an `HttpOnly`, `SameSite=Strict` cookie;
/// the CSRF token is echoed in every form and checked on every POST.
public struct Session: Sendable {
    public var user: String
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeen: Date
}
