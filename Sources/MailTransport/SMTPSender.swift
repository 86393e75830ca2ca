import Foundation

/// Outgoing mail over SMTP (SMTPS or STARTTLS + AUTH) through libcurl, on one connection
/// reused for a whole batch.
///
/// Each recipient gets its own SMTP transaction of the same message, so a `550` for one
/// address is that address's result alone and the rest of the batch still goes out.
public final class SMTPSender: Sendable {
    public let server: MailServerURL
    private let connection: CurlConnection
    private let heloName: String
    /// Attempts per recipient for transient (4xx) failures, and the first pause between them.
    private let maxAttempts: Int
    private let retryBase: Duration

    public init(
        server: MailServerURL, settings: ConnectionSettings, heloName: String = SMTPSender.localHostName(),
        maxAttempts: Int = 3, retryBase: Duration = .seconds(2)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.retryBase = retryBase
        self.server = server
        var settings = settings
        settings.requireTLS = settings.requireTLS && !server.isImplicitTLS
        self.connection = CurlConnection(settings: settings, label: "smtp")
        self.heloName = heloName
    }

    public struct RecipientResult: Sendable {
        public var recipient: String
        /// nil when the server accepted the message for this recipient.
        public var error: CurlError?
        /// A 5xx: retrying will not help (unknown mailbox, quota exhausted, policy).
        public var isPermanent: Bool { error.map { $0.responseCode >= 500 } ?? false }
        public init(recipient: String, error: CurlError?) {
            self.recipient = recipient
            self.error = error
        }
    }

    /// Sends `message` from `envelopeFrom` to each recipient; never throws for a refused
    /// recipient, only reports it.
    public func send(_ message: [UInt8], from envelopeFrom: String, to recipients: [String]) async -> [RecipientResult] {
        var results: [RecipientResult] = []
        // libcurl's SMTP URL path is the EHLO name.
        let url = server.with(path: heloName)
        for recipient in recipients {
            var backoff = Backoff(base: retryBase, cap: retryBase * 8)
            var attempt = 0
            while true {
                attempt += 1
                do {
                    _ = try await connection.perform(
                        CurlRequest(url: url, upload: message, mailFrom: envelopeFrom, recipients: [recipient]))
                    results.append(RecipientResult(recipient: recipient, error: nil))
                    break
                } catch {
                    // A 4xx ("try again later", greylisting) or a dropped connection is worth
                    // another try after a pause; a 5xx is final for this address.
                    let transient = (400..<500).contains(error.responseCode) || (error.responseCode == 0 && error.isTransient)
                    guard transient, attempt < maxAttempts, !Task.isCancelled else {
                        results.append(RecipientResult(recipient: recipient, error: error))
                        break
                    }
                    try? await Task.sleep(for: backoff.nextDelay(random: Double.random(in: 0..<1)))
                }
            }
        }
        return results
    }

    /// Logs in without sending (for `thidua check --connect`): libcurl with no recipients
    /// and no upload performs EHLO, STARTTLS, AUTH and then a harmless command.
    public func verifyLogin() async throws(CurlError) {
        _ = try await connection.perform(CurlRequest(url: server.with(path: heloName), customRequest: "NOOP"))
    }

    public static func localHostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
