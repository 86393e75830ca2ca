import Foundation
import Hummingbird
import Office

/// Login and logout. A wrong password and an unknown name get the same answer and take the
/// same time; five failures lock the account and the client address for fifteen minutes.
extension DashboardRoutes {
    static let loginCookie = "thidua_login"

    func registerAuthentication(on router: Router<DashboardContext>) {
        router.get("/login") { request, context in
            if context.session != nil { return Response.redirect(to: "/", type: .found) }
            return try await loginPage(
                next: safeNext(query(request)["next"]), user: "", problem: nil, notice: Notice.from(query(request)),
                reuse: request.cookies[Self.loginCookie]?.value)
        }

        router.post("/login") { request, context in
            let form = try await FormData.readUnchecked(request, context: context)
            let next = safeNext(form["next"])
            let user = form.value("user") ?? ""
            // Login CSRF: the form's token must match the one set in a cookie with the form.
            guard let token = form["csrf"], let expected = request.cookies[Self.loginCookie]?.value,
                PasswordHash.constantTimeEqual(Array(token.utf8), Array(expected.utf8))
            else {
                return try await loginPage(next: next, user: user, problem: "Biểu mẫu đăng nhập đã cũ. Hãy thử lại.", status: .forbidden)
            }
            let keys = ["user:\(user.lowercased())", "ip:\(context.clientAddress)"]
            let now = clock.now()
            if let until = await sessions.lockedUntil(keys, now: now) {
                let minutes = max(1, Int(until.timeIntervalSince(now) / 60 + 0.99))
                logger.warning("dashboard login refused: locked", metadata: ["user": "\(user)", "client": "\(context.clientAddress)"])
                return try await loginPage(
                    next: next, user: user, problem: "Đăng nhập sai quá nhiều lần. Hãy thử lại sau \(minutes) phút.",
                    status: .tooManyRequests)
            }
            let stored = try await state().store.dashboardPasswordHash(user: user)
            // An unknown name is checked against a dummy hash, so it costs the same time.
            let valid = PasswordHash.verify(password: form["password"] ?? "", against: stored ?? Self.dummyHash) && stored != nil
            guard valid else {
                await sessions.loginFailed(keys, now: now)
                logger.warning("dashboard login failed", metadata: ["user": "\(user)", "client": "\(context.clientAddress)"])
                return try await loginPage(next: next, user: user, problem: "Sai tên đăng nhập hoặc mật khẩu.", status: .unauthorized)
            }
            await sessions.loginSucceeded(keys)
            let opened = try await sessions.open(user: user)
            logger.info("dashboard login", metadata: ["user": "\(user)", "client": "\(context.clientAddress)"])
            var response = Response.redirect(to: next, type: .found)
            response.setCookie(sessionCookie(opened.token))
            response.setCookie(
                Cookie(
                    name: Self.loginCookie, value: "", maxAge: 0, path: "/login", secure: settings.secureCookie,
                    httpOnly: true, sameSite: .strict))
            return response
        }

        router.post("/logout") { request, context in
            _ = try await FormData.read(request, context: context)
            if let token = request.cookies[SessionMiddleware.cookieName]?.value { await sessions.close(token: token) }
            var response = Response.redirect(to: "/login?notice=\(Notice.loggedOut.rawValue)", type: .found)
            response.setCookie(
                Cookie(
                    name: SessionMiddleware.cookieName, value: "", maxAge: 0, path: "/", secure: settings.secureCookie,
                    httpOnly: true, sameSite: .strict))
            return response
        }
    }

    func sessionCookie(_ token: String) -> Cookie {
        Cookie(
            name: SessionMiddleware.cookieName, value: token, path: "/", secure: settings.secureCookie, httpOnly: true, sameSite: .strict)
    }

    /// The login form, with a token that must come back both in the form and in a cookie.
    /// A token the browser already holds is kept: a second load of the page (another tab,
    /// the browser fetching its icon through the login redirect) must not void the first.
    func loginPage(
        next: String, user: String, problem: String?, notice: String? = nil,
        status: HTTPResponse.Status = .ok, reuse: String? = nil
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
                name: Self.loginCookie, value: token, path: "/login", secure: settings.secureCookie,
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
