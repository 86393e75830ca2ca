import Foundation
import Hummingbird
import Office

/// Login and logout. A wrong password and an unknown name get the same answer and take the
/// same time; repeated failures slow and then stop the client, never the officer elsewhere
/// (`LoginThrottle`). A login goes to the event log with who and from where; a failed one
/// to the log.
extension DashboardRoutes {
    static let loginCookie = "thidua_login"

    func registerAuthentication(on router: Router<DashboardContext>) {
        router.get("/login") { request, context in
            if context.session != nil { return Response.redirect(to: "/", type: .found) }
            return try await loginPage(
                next: safeNext(query(request)["next"]), user: "", problem: nil, notice: Notice.from(query(request)),
                reuse: request.cookies[Self.loginCookie]?.value, secure: secure(context))
        }

        router.post("/login") { request, context in
            let form = try await FormData.readUnchecked(request, context: context)
            let next = safeNext(form["next"])
            let user = form.value("user") ?? ""
            // Login CSRF: the form's token must match the one set in a cookie with the form.
            guard let token = form["csrf"], let expected = request.cookies[Self.loginCookie]?.value,
                PasswordHash.constantTimeEqual(Array(token.utf8), Array(expected.utf8))
            else {
                return try await loginPage(
                    next: next, user: user, problem: "Biểu mẫu đăng nhập đã cũ. Hãy thử lại.", status: .forbidden, secure: secure(context))
            }
            let client = context.clientAddress
            let now = clock.now()
            // Read first, answered alike: only a name that is an account counts as one in
            // the throttle, so guesses at made-up names never lock a real account.
            let login = try await state().store.dashboardLogin(user: user)
            let stored = login?.passwordHash
            let account = stored == nil ? nil : user
            if let wait = await sessions.loginWait(account: account, client: client, now: now) {
                let seconds = max(1, Int(wait.until.timeIntervalSince(now).rounded(.up)))
                logger.warning(
                    "dashboard login refused: too many failures",
                    metadata: ["user": "\(user)", "client": "\(client)", "wait_s": "\(seconds)"])
                let problem =
                    switch wait {
                    case .locked: "Đăng nhập sai quá nhiều lần. Hãy thử lại sau \((seconds + 59) / 60) phút."
                    case .slowed: "Đăng nhập sai nhiều lần. Hãy chờ \(seconds) giây rồi thử lại."
                    }
                var response = try await loginPage(
                    next: next, user: user, problem: problem, status: .tooManyRequests, secure: secure(context))
                response.headers[.retryAfter] = "\(seconds)"
                return response
            }
            // An unknown name is checked against a dummy hash, so it costs the same time.
            let valid = PasswordHash.verify(password: form["password"] ?? "", against: stored ?? Self.dummyHash) && stored != nil
            guard valid, let account, let login else {
                await sessions.loginFailed(account: account, client: client, now: now)
                // To the log only: the event log is append-only, and strangers' guesses must not grow it.
                logger.warning("dashboard login failed", metadata: ["user": "\(user)", "client": "\(client)"])
                return try await loginPage(
                    next: next, user: user, problem: "Sai tên đăng nhập hoặc mật khẩu.", status: .unauthorized, secure: secure(context))
            }
            await sessions.loginSucceeded(account: account, client: client)
            let opened = try await sessions.open(user: account, role: login.role, passwordHash: login.passwordHash)
            logger.notice("dashboard login", metadata: ["user": "\(account)", "client": "\(client)"])
            try await state().store.logOfficerEvent(
                actor: Self.actor(user: account, client: client), kind: "officer.login", detail: nil, at: now)
            var response = Response.redirect(to: next, type: .found)
            response.setCookie(sessionCookie(opened.token, context: context))
            response.setCookie(
                Cookie(
                    name: Self.loginCookie, value: "", maxAge: 0, path: "/login", secure: secure(context),
                    httpOnly: true, sameSite: .strict))
            return response
        }

        router.post("/logout") { request, context in
            _ = try await FormData.read(request, context: context)
            if let token = request.cookies[SessionMiddleware.cookieName]?.value { await sessions.close(token: token) }
            var response = Response.redirect(to: "/login?notice=\(Notice.loggedOut.rawValue)", type: .found)
            response.setCookie(
                Cookie(
                    name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: secure(context),
                    httpOnly: true, sameSite: .strict))
            return response
        }
    }

    func sessionCookie(_ token: String, context: DashboardContext) -> Cookie {
        Cookie(name: SessionMiddleware.cookieName, value: token, path: "/", secure: secure(context), httpOnly: true, sameSite: .strict)
    }

    /// Cookies are `Secure` when configured so, or when the request came over HTTPS.
    func secure(_ context: DashboardContext) -> Bool { settings.secureCookie || context.https }

    /// The login form, with a token that must come back both in the form and in a cookie.
    /// A token the browser already holds is kept: a second load of the page (another tab,
    /// the browser fetching its icon through the login redirect) must not void the first.
    func loginPage(
        next: String, user: String, problem: String?, notice: String? = nil,
        status: HTTPResponse.Status = .ok, reuse: String? = nil, secure: Bool
    ) async throws -> Response {
        let token =
            try reuse.flatMap { $0.count == 43 && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } ? $0 : nil }
            ?? SessionStore.token()
        let noUsers = (try? await state().store.dashboardUsers().isEmpty) ?? false
        var chrome = PageChrome(title: "Đăng nhập")
        chrome.problem = problem
        chrome.notice = notice
        var response = renderer.response(
            .login, LoginPage(page: chrome, next: next, loginToken: token, user: user, noUsers: noUsers),
            status: status)
        response.setCookie(
            Cookie(
                name: Self.loginCookie, value: token, path: "/login", secure: secure,
                httpOnly: true, sameSite: .strict))
        return response
    }

    /// Only a path on this server: never an open redirect to another site.
    func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.contains("\r"), !next.contains("\n")
        else {
            return "/"
        }
        return next
    }

    /// A valid hash of a random password nobody knows, computed once.
    static let dummyHash: String = (try? PasswordHash.make(password: (try? SessionStore.token()) ?? "unused-dummy-password")) ?? ""
}
