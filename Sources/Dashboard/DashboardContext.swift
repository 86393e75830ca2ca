import Hummingbird
import NIOCore

/// Per-request context: the client's address (for login lockout) and, once the session
/// middleware has run, the logged-in officer's session.
struct DashboardContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?
    var session: Session?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Forms and uploads here are small; refuse anything larger early.
    var maxUploadSize: Int { 64 * 1024 }

    var clientAddress: String { remoteAddress?.ipAddress ?? "unknown" }
}
