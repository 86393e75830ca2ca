import Hummingbird

/// Headers every dashboard response carries: no sniffing, no framing, no referrer leaking
/// a unit's page to another site, and a policy that lets pages load only thidua's own
/// stylesheet, script, images and frames (a scan's preview). A handler that sets its own
/// policy (attachments) keeps it, and may be framed by the dashboard's own pages.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    static var pagePolicy: String {
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        // An attachment (its own policy says `frame-ancestors 'self'`) is previewed in the
        // unit's page; nothing else is ever framed.
        let framedByUs = response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'self'") == true
        response.headers[.init("X-Frame-Options")!] = framedByUs ? "SAMEORIGIN" : "DENY"
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        if response.headers[.contentSecurityPolicy] == nil {
            response.headers[.contentSecurityPolicy] = Self.pagePolicy
        }
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
