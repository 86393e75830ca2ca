import Dashboard
import Foundation
import Logging
import MailTransport
import Office
import ServiceLifecycle

/// The daemon's long-running loop as a lifecycle `Service`: a cycle every poll interval
/// until shutdown, backing off exponentially while the mailbox cannot be read. On SIGTERM
/// the cycle in hand is cancelled between messages — each message is committed whole or
/// not at all — and the process exits cleanly.
struct PollService: Service {
    var holder: WiringHolder
    var counters: RuntimeCounters

    func run() async throws {
        var failures = FailureLog(what: "reading the mailbox")
        var backoff = Backoff(base: .seconds(30), cap: .seconds(15 * 60))
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let daemon = await holder.current.daemon
            let interval = daemon.pollInterval
            backoff.base = min(interval, .seconds(30))
            let pollError: String?
            do {
                pollError = try await cancelWhenGracefulShutdown { try await daemon.cycle() }
            } catch {
                return  // cancelled by shutdown
            }
            counters.pollFinished(failed: pollError != nil)
            var delay = interval
            if let pollError {
                delay = max(interval, backoff.nextDelay(random: Double.random(in: 0..<1)))
                failures.failed(pollError, logger: daemon.logger, retryIn: delay)
            } else {
                backoff.reset()
                failures.succeeded(logger: daemon.logger)
            }
            let wait = delay
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
            } catch {
                return
            }
        }
    }
}
