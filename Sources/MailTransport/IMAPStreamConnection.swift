import CCurl
import Dispatch
import Foundation
import MIME
import Synchronization

/// An IMAP session that thidua speaks itself over a connection libcurl opened and logged
/// in (`CURLOPT_CONNECT_ONLY`): how a poll learns what is new and fetches it whole.
///
/// Through libcurl's own IMAP transfer, the answer to a custom `UID FETCH … BODY.PEEK[]`
/// reaches thidua one line at a time through the header callback and counts against
/// libcurl's 300 KB limit for response headers, so a 1 MB scan took five partial fetches
/// and some 14,000 callbacks. Here libcurl still does the parts that must be right — TLS
/// with verification, STARTTLS, LOGIN / PLAIN / XOAUTH2 — and thidua reads the answer in
/// large blocks, the literal going to its file as it arrives, hashed on the way. The folder
/// is opened with EXAMINE (read-only), so nothing on this connection can set `\Seen`.
///
/// Every blocking call runs on the connection's own serial queue, never on the Swift
/// concurrency pool; cancelling the awaiting task wakes the `poll` it waits in (`CurlStream`).
final class IMAPStreamConnection: @unchecked Sendable {
    private let server: MailServerURL
    private let settings: ConnectionSettings
    private let queue: DispatchQueue
    /// Where the session's bytes go and come from, once logged in.
    let stream: CurlStream

    // Touched only on `queue`; the fetch protocol (`IMAPStreamConnection+Fetch.swift`)
    // shares the reader, the folder examined and the pipelined fetch.
    private var handle: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// The connection's OpenSSL object, noted at the handshake (see `thidua_tls_read_ahead`).
    private let tlsObject: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    var reader: IMAPResponseReader
    private var nextTag = 1
    /// The folder EXAMINEd on this connection and the UIDVALIDITY it had then.
    var examined: (mailbox: String, uidValidity: UInt32)?
    /// The fetch running on the queue.
    private var active: Request?
    /// The `UID FETCH`es sent ahead of their turn, in order, their answers not read yet (or
    /// read early).
    var pipelined: [Pipelined] = []
    /// Pipelined fetches' messages that came before an earlier fetch completed (Dovecot,
    /// about once in a hundred), by UID, each in a file of its own until asked for.
    var arrivedEarly: [UInt32: FetchedFile] = [:]
    /// Why the login ahead of time (`logIn`) failed: the next request's answer, once.
    private var loginFailure: (any Error)?

    init(server: MailServerURL, settings: ConnectionSettings, label: String) {
        self.server = server
        self.settings = settings
        self.queue = DispatchQueue(label: "thidua.imap-stream.\(label)")
        self.stream = CurlStream(stallTimeout: settings.stallTimeout)
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.tlsObject = .allocate(capacity: 1)
        self.tlsObject.initialize(to: nil)
        self.reader = IMAPResponseReader(capacity: Self.bufferSize)
        stream.isCancelled = { [unowned self] in self.isCancelled }
    }

    deinit {
        disconnect()
        errorBuffer.deallocate()
        tlsObject.deallocate()
        reader.deallocate()
    }

    /// Read buffer: large writes of the literal to its file, and a small fixed footprint.
    static let bufferSize = 256 * 1024

    /// OpenSSL's read-ahead buffer: a few of the server's TLS records per recv. Larger ones
    /// measured slower against Dovecot (`make bench`): each recv then holds the socket
    /// longer while the server is writing to it.
    static let tlsReadAhead = 16 * 1024

    /// EXAMINEs `mailbox` afresh and tells what STATUS would: its UIDVALIDITY, UIDNEXT and
    /// message count. The folder stays open for the search and the fetches that follow, so
    /// a poll's first message is asked for two round trips after the login.
    func status(mailbox: String) async throws -> MailboxStatus {
        try await onQueue { try $0.examine(mailbox, uidValidity: nil) }
    }

    /// `UID SEARCH criteria` in `mailbox` (which must still have `uidValidity`): the UIDs found.
    func search(mailbox: String, uidValidity: UInt32, criteria: String) async throws -> [UInt32] {
        try await onQueue { session in
            if session.examined?.mailbox != mailbox || session.examined?.uidValidity != uidValidity {
                try session.examine(mailbox, uidValidity: uidValidity)
            }
            var uids: [UInt32] = []
            try session.command("UID SEARCH \(criteria)") { line in uids += IMAPResponse.searched(line) }
            return uids
        }
    }

    /// Fetches message `uid` of `mailbox` (which must still have `uidValidity`) into the
    /// file at `path` (created or truncated), with its SHA-256; fsynced unless not `durable`.
    /// `next`, the UIDs the caller will ask for next, are asked for at once (pipelined), so
    /// the server sends them while this one is still being read.
    /// Several fetches may wait on the connection at once; they run one after another, each
    /// cancellable on its own.
    func fetch(
        mailbox: String, uidValidity: UInt32, uid: UInt32, toFile path: String, durable: Bool = true,
        next: [UInt32] = []
    ) async throws -> FetchedFile {
        try await onQueue { session in
            try session.fetchExamined(mailbox: mailbox, uidValidity: uidValidity, uid: uid, path: path, durable: durable, next: next)
        }
    }

    /// Connects and logs in ahead of the first request, which then starts on a session
    /// already open (see `IMAPClient.prepare()`). A failure leaves it closed; when
    /// `reportsFailure`, it is the next request's answer, without a second try at once.
    func logIn(bearer: String?, reportsFailure: Bool) {
        queue.async {
            guard self.handle == nil else { return }
            self.stream.drainWakeup()
            do {
                try self.connect(bearer: bearer)
            } catch {
                self.disconnect()
                if reportsFailure { self.loginFailure = error }
            }
        }
    }

    /// Runs `body` on the connection's queue with the session logged in, after the requests
    /// before it; cancelling the awaiting task stops it, wherever it waits.
    private func onQueue<Value: Sendable>(
        _ body: @escaping @Sendable (IMAPStreamConnection) throws -> Value
    ) async throws -> Value {
        if Task.isCancelled { throw CurlStream.cancelled }
        let bearer: String?
        do {
            bearer = try await settings.tokenProvider?.accessToken()
        } catch {
            throw CurlError(code: Int(CURLE_LOGIN_DENIED.rawValue), detail: "\(error)", responseCode: 0, isOAuth2: true)
        }
        let request = Request()
        let result: Result<Value, any Error> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    self.active = request
                    defer { self.active = nil }
                    continuation.resume(
                        returning: Result {
                            if request.cancelled.load(ordering: .relaxed) { throw CurlStream.cancelled }
                            return try self.withSession(bearer: bearer) { try body(self) }
                        })
                }
            }
        } onCancel: {
            request.cancelled.store(true, ordering: .relaxed)
            stream.wake()
        }
        return try result.get()
    }

    /// One fetch's cancellation, set by its task's cancellation handler and read on the queue
    /// while that fetch runs.
    private final class Request: Sendable {
        let cancelled = Atomic<Bool>(false)
    }

    private var isCancelled: Bool { active?.cancelled.load(ordering: .relaxed) ?? false }

    // MARK: - On the queue

    private func withSession<Value>(bearer: String?, _ body: () throws -> Value) throws -> Value {
        stream.drainWakeup()
        if let failure = loginFailure {
            loginFailure = nil
            throw failure
        }
        let reused = handle != nil
        do {
            return try onSession(bearer: bearer, body)
        } catch let error as CurlError where reused && error.isTransient {
            // A connection kept since the last poll may have been closed by the server
            // meanwhile (idle logout, a restart): one fresh login, then the error stands.
            return try onSession(bearer: bearer, body)
        }
    }

    private func onSession<Value>(bearer: String?, _ body: () throws -> Value) throws -> Value {
        do {
            if handle == nil { try connect(bearer: bearer) }
            return try body()
        } catch let error as IMAPProtocolError {
            throw error  // a refusal inside a well-formed exchange: the session is still in step
        } catch {
            disconnect()  // mid-response or worse: nothing more can be read from it in step
            throw error
        }
    }

    private func connect(bearer: String?) throws {
        guard let handle = thidua_curl_easy_init() else { fatalError("libcurl could not create a handle (out of memory)") }
        self.handle = handle
        errorBuffer[0] = 0
        // The server URL without a folder: CONNECT_ONLY stops after the login.
        curlSetString(handle, CURLOPT_URL, server.serverURL)
        settings.applyLogin(to: handle, bearer: bearer)
        curlSetLong(handle, CURLOPT_CONNECT_ONLY, 1)
        _ = thidua_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        tlsObject.pointee = nil
        _ = thidua_easy_note_tls_object(handle, tlsObject)  // OpenSSL only; otherwise reads stay as they are
        let context = TransferContext { [unowned self] in self.isCancelled }
        curlSetLong(handle, CURLOPT_NOPROGRESS, 0)
        _ = thidua_easy_setopt_xferinfo_function(handle, curlProgressCallback)
        _ = thidua_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, Unmanaged.passUnretained(context).toOpaque())
        let code = withExtendedLifetime(context) { thidua_curl_easy_perform(handle) }
        _ = thidua_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, nil)
        guard code == CURLE_OK else {
            let summary = String(cString: thidua_curl_easy_strerror(code))
            let extra = String(cString: errorBuffer)
            throw CurlError(
                code: Int(code.rawValue), detail: extra.isEmpty || extra == summary ? summary : "\(summary): \(extra)",
                responseCode: 0)
        }
        var socket: curl_socket_t = -1
        guard thidua_easy_getinfo_socket(handle, &socket) == CURLE_OK, socket >= 0 else {
            throw CurlError(code: Int(CURLE_COULDNT_CONNECT.rawValue), detail: "libcurl kept no connection to use", responseCode: 0)
        }
        stream.attach(handle, socket: socket)
        if let tls = tlsObject.pointee { thidua_tls_read_ahead(tls, Self.tlsReadAhead) }
        reader.reset()
    }

    private func disconnect() {
        if let handle { thidua_curl_easy_cleanup(handle) }
        handle = nil
        pipelined = []
        dropArrivedEarly()
        tlsObject.pointee = nil
        stream.detach()
        examined = nil
        reader.reset()
    }

    /// Opens `mailbox` read-only; with `uidValidity`, only if it still has it. Its answer
    /// holds what STATUS would say (RFC 3501 requires UIDVALIDITY and UIDNEXT in it); a
    /// server that leaves UIDNEXT out is asked with STATUS.
    @discardableResult
    func examine(_ mailbox: String, uidValidity: UInt32?) throws -> MailboxStatus {
        examined = nil
        let quoted = IMAPClient.quoted(ModifiedUTF7.encode(mailbox))
        var opened = IMAPResponse.Examined()
        do {
            try command("EXAMINE \(quoted)") { opened.read($0) }
        } catch let error as IMAPProtocolError {
            throw CurlError(
                code: Int(CURLE_REMOTE_FILE_NOT_FOUND.rawValue),
                detail:
                    "the server has no folder '\(mailbox)' (or refuses to open it): \(error.detail); check the folder in mailbox.url or mailbox.folders",
                responseCode: 0)
        }
        guard let found = opened.uidValidity else {
            throw IMAPProtocolError(.missingStatus, "the server told no UIDVALIDITY for mailbox \(mailbox)")
        }
        if let uidValidity, found != uidValidity {
            throw CurlError(
                code: Int(CURLE_REMOTE_FILE_NOT_FOUND.rawValue),
                detail: "Mailbox UIDVALIDITY has changed (\(uidValidity) → \(found))", responseCode: 0)
        }
        if opened.uidNext == nil {
            try command("STATUS \(quoted) (UIDNEXT)") { opened.read($0) }
        }
        guard let uidNext = opened.uidNext else {
            throw IMAPProtocolError(.missingStatus, "the server told no UIDNEXT for mailbox \(mailbox)")
        }
        examined = (mailbox, found)
        return MailboxStatus(uidValidity: found, uidNext: uidNext, messages: opened.messages)
    }

    /// Sends a command and reads its answer to the end, each untagged line to `untagged`.
    func command(_ text: String, untagged: ([UInt8]) -> Void) throws {
        try settlePipelined()
        let tag = try send(text)
        while true {
            let line = try reader.readLine(from: stream)
            if let status = IMAPResponse.completion(of: line, tag: tag) { return try status.get() }
            untagged(line)
        }
    }

    /// Sends `tag text CRLF`; returns the tag.
    func send(_ text: String) throws -> String {
        let tag = "T\(nextTag)"
        nextTag += 1
        try stream.send(Array("\(tag) \(text)\r\n".utf8))
        return tag
    }
}
