import Logging
import ServiceLifecycle

/// The dashboard's HTTP server inside the daemon. If it cannot serve (the port is taken,
/// say), that is logged with what to do, and the daemon goes on reading the mailbox and
/// reminding schools: the officer's page is not worth a missed submission.
struct DashboardService<Server: Service>: Service {
    var server: Server
    var listen: String
    var logger: Logger

    func run() async throws {
        do {
            try await server.run()
        } catch is CancellationError {
            return
        } catch {
            logger.error(
                "dashboard stopped; mail intake and reminders go on",
                metadata: [
                    "listen": "\(listen)", "error": "\(error)",
                    "fix": "free the port or set dashboard.listen (THIDUA_DASHBOARD_LISTEN), then restart thidua",
                ])
        }
    }
}
