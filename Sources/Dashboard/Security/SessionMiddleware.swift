import Foundation
import Hummingbird

/// Nothing is served without a login except the login page itself, `/healthz`, `/metrics`
/// (which checks its own bearer token), the stylesheet and the (empty) icon. A page asked for without a
/// session redirects to the login page and back; any other request is refused.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    static let cookieName = "thidua_session"
    static let publicPaths: Set<String> = ["/login", "/healthz", "/metrics", "/static/app.css", "/favicon.ico"]

    var sessions: SessionStore
    var state: DashboardStateProvider

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let token = request.cookies[Self.cookieName]?.value, let session = await sessions.session(token: token) {
            // A password or role changed elsewhere (`thidua passwd`) counts within a second.
            if sessions.isDue(session) {
                let login = try await state().store.dashboardLogin(user: session.user)
                context.session = await sessions.reconcile(token: token, with: login)
            } else {
                context.session = session
            }
        }
        if context.session != nil || Self.publicPaths.contains(request.uri.path) {
            return try await next(request, context)
        }
        guard request.method == .get || request.method == .head else {
            throw HTTPError(.unauthorized, message: "Phiên đăng nhập đã hết hạn. Hãy đăng nhập lại.")
        }
        let back = request.uri.path + (request.uri.query.map { "?\($0)" } ?? "")
        return Response.redirect(to: "/login?next=\(FormData.percentEncode(back))", type: .found)
    }
}
