import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the config, roster, campaigns and templates on SIGHUP (`systemctl reload`), and
/// when the office's records change in the store (every few seconds it looks): a campaign
/// or roster changed by the CLI reaches the running daemon without a signal.
struct ReloadService: Service {
    var holder: WiringHolder
    var logger: Logger
    var watchInterval: Duration = .seconds(3)

    func run() async throws {
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        // From here a SIGHUP reloads instead of ending the process: tests wait for this line.
        logger.info("reload on SIGHUP ready")
        await withDiscardingTaskGroup { group in
            group.addTask {
                for await _ in hangups.cancelOnGracefulShutdown() { await holder.reload(reason: "SIGHUP") }
            }
            group.addTask {
                while (try? await Task.sleep(for: watchInterval)) != nil {
                    await holder.reloadIfOfficeChanged()
                }
            }
            try? await gracefulShutdown()
            group.cancelAll()
        }
    }
}
