import Foundation
import Hummingbird
import Intake
import Logging
import ServiceLifecycle

/// The officer's web dashboard, served by `thidua run` as one of its services.
public enum DashboardServer {
    public struct Settings: Sendable {
        /// `host:port`; loopback by default, so nothing is exposed without a decision.
        public var listen: String
        /// A bearer token that lets a monitoring system read `/metrics` without a login.
        public var metricsToken: String?
        /// Mark the session cookie `Secure` always; it is marked so anyway for a request a
        /// trusted proxy says came over HTTPS.
        public var secureCookie: Bool
        /// The proxies whose forwarding headers are believed.
        public var trustedProxies: TrustedProxies

        public init(listen: String, metricsToken: String?, secureCookie: Bool, trustedProxies: TrustedProxies = .none) {
            self.listen = listen
            self.metricsToken = metricsToken
            self.secureCookie = secureCookie
            self.trustedProxies = trustedProxies
        }
    }

    public enum Failure: Error, CustomStringConvertible {
        case badListen(String)
        public var description: String {
            switch self {
            case .badListen(let value):
                "dashboard.listen '\(value)' is not host:port (e.g. 127.0.0.1:8080); set it in the config or THIDUA_DASHBOARD_LISTEN"
            }
        }
    }

    /// The HTTP application, a lifecycle `Service` for the daemon's `ServiceGroup`.
    public static func application(
        settings: Settings, state: @escaping DashboardStateProvider,
        officeChanged: @escaping @Sendable () async -> Void = {}, counters: RuntimeCounters,
        clock: any WallClock, logger: Logger
    ) throws -> some Service {
        let (host, port) = try parseListen(settings.listen)
        let routes = DashboardRoutes(
            state: state, officeChanged: officeChanged, sessions: SessionStore(clock: clock),
            reviewCount: ShortLivedCache(clock: clock, lifetime: 5), ledgers: ShortLivedCache(clock: clock, lifetime: 2),
            renderer: try PageRenderer(),
            counters: counters, clock: clock, settings: settings, logger: logger)
        let router = Router(context: DashboardContext.self)
        routes.register(on: router)
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: nil),
            logger: logger)
    }

    /// `host:port` or `[v6]:port`, as the config's dashboard.listen.
    public static func parseListen(_ value: String) throws -> (String, Int) {
        guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]), (0...65535).contains(port) else {
            throw Failure.badListen(value)
        }
        var host = String(value[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw Failure.badListen(value) }
        return (host, port)
    }
}
