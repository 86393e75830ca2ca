import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the config, roster, campaigns and templates on SIGHUP (`systemctl reload`).
///
/// A broken file does not stop the office's intake: the error is logged, with the file
/// and key to fix, and the running configuration stays in force.
struct ReloadService: Service {
    var holder: WiringHolder
    var logger: Logger
    var make: @Sendable () throws -> Wiring

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        // From here a SIGHUP reloads instead of ending the process: tests wait for this line.
        logger.info("reload on SIGHUP ready")
        for await _ in hangups.cancelOnGracefulShutdown() {
            do {
                await holder.replace(with: try make())
                logger.notice("configuration reloaded")
            } catch {
                logger.error("configuration not reloaded; the running one stays in force", metadata: ["error": "\(error)"])
            }
        }
    }
}
