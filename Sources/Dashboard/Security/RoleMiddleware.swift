import Hummingbird
import Store

/// A leader's login (lãnh đạo) reads, exports and downloads; it changes nothing. Every
/// change is a POST, so one rule here covers every form, present and future, whether or
/// not its page hides it: only logging out is open to both roles.
struct RoleMiddleware: RouterMiddleware {
    typealias Context = DashboardContext
    static let openToEveryRole: Set<String> = ["/login", "/logout"]

    func handle(_ request: Request, context: DashboardContext, next: (Request, DashboardContext) async throws -> Response) async throws
        -> Response
    {
        if request.method != .get, request.method != .head, context.session?.role == .leader,
            !Self.openToEveryRole.contains(request.uri.path)
        {
            throw HTTPError(
                .forbidden,
                message: "Tài khoản lãnh đạo chỉ được xem và tải về, không được thay đổi. Hãy nhờ cán bộ phụ trách thực hiện.")
        }
        return try await next(request, context)
    }
}
