import Hummingbird
import NIOCore

/// Per-request context: the client (for the login throttle, the event log and cookies)
/// and, once the session middleware has run, the logged-in officer's session.
struct DashboardContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    var session: Session?
    /// Who sent the request, set first by `ClientMiddleware` (the connection's peer, or the
    /// client a trusted proxy names).
    var client: ClientInfo?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Forms and uploads here are small; refuse anything larger early.
    var maxUploadSize: Int { 64 * 1024 }

    var clientAddress: String { client?.address ?? remoteAddress?.ipAddress ?? "unknown" }

    /// Whether the client reached the dashboard over HTTPS (through a trusted proxy).
    var https: Bool { client?.https ?? false }
}
