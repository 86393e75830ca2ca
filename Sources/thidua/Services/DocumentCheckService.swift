import Foundation
import Logging
import Office
import ServiceLifecycle

/// The document check as a lifecycle `Service`, beside the poll: it checks what intake has
/// recorded, a few files at a time, and rests while nothing waits. On SIGTERM the check in
/// hand is abandoned (nothing of it was recorded) and done again at the next start.
struct DocumentCheckService: Service {
    var holder: WiringHolder
    /// How long it rests when nothing waits; intake's commits are seen within this.
    var idle: Duration = .seconds(5)

    func run() async throws {
        var failures = FailureLog(what: "the document check")
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let wiring = await holder.current
            var checked = 0
            var rest = idle
            if let checks = wiring.checks {
                do {
                    checked = try await cancelWhenGracefulShutdown { try await checks.runOnce() }
                    failures.succeeded(logger: wiring.daemon.logger)
                } catch is CancellationError {
                    return
                } catch {
                    if Task.isShuttingDownGracefully { return }
                    rest = .seconds(60)
                    failures.failed("\(error)", logger: wiring.daemon.logger, retryIn: rest)
                }
            }
            guard checked == 0 else { continue }
            let pause = rest
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            } catch {
                return
            }
        }
    }
}
