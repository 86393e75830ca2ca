import Logging
import ServiceLifecycle

/// The daemon's long-running loop as a lifecycle `Service`: a cycle every poll interval
/// until shutdown. On SIGTERM the cycle in hand is cancelled between messages — each
/// message is committed whole or not at all — and the process exits cleanly.
struct PollService: Service {
    var daemon: Daemon
    var interval: Duration

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await daemon.cycle() }
            } catch is CancellationError {
                return
            }
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
        }
    }
}
