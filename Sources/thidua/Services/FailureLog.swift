import Logging

/// Logs a failing operation once per change of state, not once per retry: the first
/// failure, a different failure, and the recovery. A server down for a night is three
/// lines in the log, not a thousand.
struct FailureLog: Sendable {
    var what: String
    private var lastError: String?

    init(what: String) { self.what = what }

    mutating func failed(_ error: String, logger: Logger, retryIn delay: Duration) {
        if error != lastError {
            logger.error("\(what) failed; retrying with backoff", metadata: ["error": "\(error)", "retry_in": "\(delay)"])
        }
        lastError = error
    }

    mutating func succeeded(logger: Logger) {
        if lastError != nil { logger.notice("\(what) works again") }
        lastError = nil
    }
}
