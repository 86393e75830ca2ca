import Foundation

/// Where and how to get OAuth2 access tokens for the mailbox (Google or Microsoft 365).
public struct OAuth2Settings: Sendable {
    public var tokenURL: String
    public var clientID: String
    public var clientSecret: String?
    public var refreshToken: String
    /// Space-separated scopes to ask for; Microsoft requires them on refresh, Google not.
    public var scope: String?
    /// An extra CA for the token endpoint (tests); verification stays on.
    public var caFile: String?

    public static let googleTokenURL = "https://oauth2.googleapis.com/token"
    public static func microsoftTokenURL(tenant: String) -> String {
        "https://login.microsoftonline.com/\(tenant)/oauth2/v2.0/token"
    }

    public static let microsoftScope =
        "https://outlook.office.com/IMAP.AccessAsUser.All https://outlook.office.com/SMTP.Send offline_access"

    public init(
        tokenURL: String, clientID: String, clientSecret: String?, refreshToken: String, scope: String? = nil,
        caFile: String? = nil
    ) {
        self.scope = scope
        self.tokenURL = tokenURL
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.caFile = caFile
    }
}

/// A refresh failure, worded for the operator: what the provider said and what to do.
public struct OAuth2Error: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Access tokens for XOAUTH2 logins, from the refresh-token grant (RFC 6749 §6).
///
/// The token is cached and refreshed a few minutes before it expires, so a login never
/// carries a token about to lapse. One refresh at a time: concurrent callers wait for the
/// same answer. A refused refresh is reported with the provider's reason and not retried
/// in a tight loop — the daemon's backoff paces it, and `thidua status` shows it.
public actor OAuth2TokenProvider {
    private var settings: OAuth2Settings
    private let connection: CurlConnection
    private var cached: (token: String, expires: Date)?
    private var refreshing: Task<(String, Date), any Error>?
    /// When the current token expires (for the health page).
    public var expiry: Date? { cached?.expires }

    static let margin: TimeInterval = 5 * 60

    public init(settings: OAuth2Settings) {
        self.settings = settings
        self.connection = CurlConnection(
            settings: ConnectionSettings(user: "", password: "", caFile: settings.caFile, requireTLS: false), label: "oauth2")
    }

    public func accessToken(now: Date = Date()) async throws -> String {
        if let cached, cached.expires.timeIntervalSince(now) > Self.margin { return cached.token }
        if let refreshing { return try await refreshing.value.0 }
        let task = Task { try await self.refresh(now: now) }
        refreshing = task
        defer { refreshing = nil }
        let (token, expires) = try await task.value
        cached = (token, expires)
        return token
    }

    struct TokenResponse: Decodable {
        var access_token: String?
        var expires_in: Double?
        var refresh_token: String?
        var error: String?
        var error_description: String?
    }

    private func refresh(now: Date) async throws -> (String, Date) {
        var form = [("grant_type", "refresh_token"), ("refresh_token", settings.refreshToken), ("client_id", settings.clientID)]
        if let secret = settings.clientSecret { form.append(("client_secret", secret)) }
        if let scope = settings.scope { form.append(("scope", scope)) }
        let body = form.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let response: CurlResponse
        do {
            response = try await connection.perform(
                CurlRequest(
                    url: settings.tokenURL, postFields: Array(body.utf8),
                    httpHeaders: ["Content-Type: application/x-www-form-urlencoded", "Accept: application/json"]))
        } catch {
            throw OAuth2Error(message: "could not reach the OAuth2 token endpoint \(settings.tokenURL): \(error)")
        }
        let decoded = try? JSONDecoder().decode(TokenResponse.self, from: Data(response.body))
        guard response.responseCode == 200, let token = decoded?.access_token, !token.isEmpty else {
            let reason = [decoded?.error, decoded?.error_description].compactMap { $0 }.joined(separator: ": ")
            let hint =
                decoded?.error == "invalid_grant"
                ? " — the refresh token was revoked or has expired; authorise thidua again to get a new one (see docs/)"
                : " — check the client id, client secret and refresh token"
            throw OAuth2Error(
                message:
                    "the OAuth2 token endpoint refused to refresh the token (HTTP \(response.responseCode)\(reason.isEmpty ? "" : ", \(reason)"))\(hint)"
            )
        }
        // Microsoft rotates refresh tokens: the newest one is used from now on (in memory;
        // the credential file keeps working until its own lifetime ends).
        if let rotated = decoded?.refresh_token, !rotated.isEmpty { settings.refreshToken = rotated }
        return (token, now.addingTimeInterval(decoded?.expires_in ?? 3600))
    }

    static func formEncode(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")) ?? text
    }
}
