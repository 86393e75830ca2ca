import Hummingbird

/// Works out who sent the request, and whether over HTTPS, before anything else looks at
/// it (`TrustedProxies.client`): the login throttle, the event log and the cookies read it.
struct ClientMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    var trustedProxies: TrustedProxies

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws
        -> Response
    {
        var context = context
        context.client = trustedProxies.client(
            peer: context.remoteAddress?.ipAddress ?? "unknown", forwarded: request.headers[.init("Forwarded")!],
            forwardedFor: request.headers[.init("X-Forwarded-For")!], forwardedProto: request.headers[.init("X-Forwarded-Proto")!])
        var response = try await next(request, context)
        // Served over HTTPS (by the proxy): browsers are to use nothing else from now on.
        if context.client?.https == true { response.headers[.init("Strict-Transport-Security")!] = "max-age=31536000" }
        return response
    }
}
