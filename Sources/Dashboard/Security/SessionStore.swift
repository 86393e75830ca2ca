import Foundation
import Intake
import Office
import Store

/// The dashboard's sessions and login lockouts, in memory: a restart logs the officer out, which is the safe
/// side. Sessions end after `idleTimeout` without a request, and after `maximumAge` in any
/// case; an office computer left open must not stay logged in for days.
actor SessionStore {
    private var sessions: [String: Session] = [:]
    private var throttle = LoginThrottle()
    private nonisolated let clock: any WallClock
    let idleTimeout: TimeInterval
    let maximumAge: TimeInterval

    init(clock: any WallClock, idleTimeout: TimeInterval = 8 * 3600, maximumAge: TimeInterval = 24 * 3600) {
        self.clock = clock
        self.idleTimeout = idleTimeout
        self.maximumAge = maximumAge
    }

    /// Starts a session and returns its token.
    func open(user: String, role: DashboardRole, passwordHash: String) throws -> (token: String, session: Session) {
        expire()
        let now = clock.now()
        let token = try Self.token()
        let session = Session(
            user: user, role: role, csrfToken: try Self.token(), passwordHash: passwordHash, checkedAt: now, createdAt: now,
            lastSeen: now)
        sessions[token] = session
        return (token, session)
    }

    /// The live session for `token`, refreshed; nil when unknown or expired.
    func session(token: String) -> Session? {
        let now = clock.now()
        guard var session = sessions[token] else { return nil }
        guard now.timeIntervalSince(session.lastSeen) < idleTimeout, now.timeIntervalSince(session.createdAt) < maximumAge else {
            sessions[token] = nil
            return nil
        }
        session.lastSeen = now
        sessions[token] = session
        return session
    }

    /// How long a session goes on its last look at the stored login: a password set from
    /// the CLI counts within a second, and a page's burst of requests (its stylesheet, a
    /// table's sort) costs one read of the store, not one each.
    static let recheckInterval: TimeInterval = 1

    /// Whether `session` is due to be held against the stored login again (`reconcile`).
    nonisolated func isDue(_ session: Session) -> Bool {
        clock.now().timeIntervalSince(session.checkedAt) >= Self.recheckInterval
    }

    /// The session for `token` held against its login as stored now (`login`, nil when
    /// removed): ended when the login is gone or has a new password, given the login's
    /// role when that changed. The store is the one truth: `thidua passwd` changes it from
    /// another process.
    func reconcile(token: String, with login: (role: DashboardRole, passwordHash: String)?) -> Session? {
        guard let session = sessions[token] else { return nil }
        guard let login, login.passwordHash == session.passwordHash else {
            sessions[token] = nil
            return nil
        }
        if login.role != session.role { sessions[token]?.role = login.role }
        sessions[token]?.checkedAt = clock.now()
        return sessions[token]
    }

    /// After `user` set a new password in this session: it goes on with the new one, and
    /// the login's other sessions end.
    func renew(token: String, passwordHash: String) {
        guard let user = sessions[token]?.user else { return }
        sessions = sessions.filter { $0.key == token || $0.value.user != user }
        sessions[token]?.passwordHash = passwordHash
    }

    func close(token: String) {
        sessions[token] = nil
    }

    /// Ends every session of `user` (after a password change, or the login's removal).
    func closeAll(user: String) {
        sessions = sessions.filter { $0.value.user != user }
    }

    /// Gives `user`'s open sessions a new role at once: a leader made read-only must not
    /// keep changing things until the next login.
    func setRole(_ role: DashboardRole, user: String) {
        for (token, session) in sessions where session.user == user { sessions[token]?.role = role }
    }

    func loginWait(account: String?, client: String, now: Date) -> LoginThrottle.Wait? {
        throttle.wait(account: account, client: client, now: now)
    }
    func loginFailed(account: String?, client: String, now: Date) { throttle.failed(account: account, client: client, now: now) }
    func loginSucceeded(account: String, client: String) { throttle.succeeded(account: account, client: client) }

    private func expire() {
        let now = clock.now()
        sessions = sessions.filter {
            now.timeIntervalSince($0.value.lastSeen) < idleTimeout && now.timeIntervalSince($0.value.createdAt) < maximumAge
        }
    }

    /// 256 random bits, URL-safe.
    static func token() throws -> String {
        Data(try PasswordHash.randomBytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
