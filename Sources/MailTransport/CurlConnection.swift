import CCurl
import Dispatch
import Synchronization

/// TLS and login settings shared by every transfer of one connection.
public struct ConnectionSettings: Sendable {
    public var user: String
    public var password: String
    /// Extra CA bundle (e.g. a self-signed test server's CA). Verification stays on.
    public var caFile: String?
    /// Require STARTTLS on an `imap://` or `smtp://` URL. Off only when explicitly allowed.
    public var requireTLS: Bool
    public var connectTimeout: Int
    /// A transfer slower than one byte per second for this long is abandoned: the defence
    /// against half-open connections that would otherwise block a poll for hours.
    public var stallTimeout: Int
    /// When set, logins use OAuth2 (SASL XOAUTH2) with tokens from here, not the password.
    public var tokenProvider: OAuth2TokenProvider?

    public init(
        user: String, password: String, caFile: String? = nil, requireTLS: Bool = true,
        connectTimeout: Int = 20, stallTimeout: Int = 60, tokenProvider: OAuth2TokenProvider? = nil
    ) {
        self.user = user
        self.password = password
        self.caFile = caFile
        self.requireTLS = requireTLS
        self.connectTimeout = connectTimeout
        self.stallTimeout = stallTimeout
        self.tokenProvider = tokenProvider
    }
}

/// One libcurl request on a connection.
struct CurlRequest: Sendable {
    var url: String
    var customRequest: String?
    var upload: [UInt8]?
    var mailFrom: String?
    var recipients: [String] = []
    /// An OAuth2 access token: the login uses SASL XOAUTH2 instead of the password.
    var bearer: String?
    /// An HTTP POST body (the OAuth2 token endpoint).
    var postFields: [UInt8]?
    var httpHeaders: [String] = []
}

struct CurlResponse: Sendable {
    /// For IMAP custom commands: every response line, literals included, verbatim.
    var header: [UInt8]
    var body: [UInt8]
    var responseCode: Int
}

/// One libcurl easy handle and the server connection it keeps open between transfers.
///
/// `curl_easy_perform` blocks, so every transfer runs on this connection's own serial
/// dispatch queue, never on the Swift concurrency pool. Cancelling the awaiting task sets a
/// flag that libcurl's progress callback turns into an abort. `curl_easy_reset` before each
/// transfer clears the options but keeps the live connection, so an IMAP login is reused
/// across polls.
final class CurlConnection: @unchecked Sendable {
    // Both are touched only on `queue`.
    private let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>

    private let queue: DispatchQueue
    private let cancelRequested = Atomic<Bool>(false)
    let settings: ConnectionSettings

    init(settings: ConnectionSettings, label: String) {
        guard let handle = thidua_curl_easy_init() else { fatalError("libcurl could not create a handle (out of memory)") }
        self.handle = handle
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        self.queue = DispatchQueue(label: "thidua.curl.\(label)")
        self.settings = settings
    }

    deinit {
        thidua_curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func perform(_ request: CurlRequest) async throws(CurlError) -> CurlResponse {
        if Task.isCancelled { throw CurlError(code: Int(CURLE_ABORTED_BY_CALLBACK.rawValue), detail: "cancelled", responseCode: 0) }
        var authorised = request
        if let provider = settings.tokenProvider {
            do {
                authorised.bearer = try await provider.accessToken()
            } catch {
                throw CurlError(code: Int(CURLE_LOGIN_DENIED.rawValue), detail: "\(error)", responseCode: 0, isOAuth2: true)
            }
        }
        let prepared = authorised
        cancelRequested.store(false, ordering: .relaxed)
        let result: Result<CurlResponse, CurlError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async { continuation.resume(returning: self.performBlocking(prepared)) }
            }
        } onCancel: {
            cancelRequested.store(true, ordering: .relaxed)
        }
        return try result.get()
    }

    private func performBlocking(_ request: CurlRequest) -> Result<CurlResponse, CurlError> {
        thidua_curl_easy_reset(handle)
        errorBuffer[0] = 0
        let context = TransferContext { [unowned self] in self.cancelRequested.load(ordering: .relaxed) }
        var header: [UInt8] = []
        var body: [UInt8] = []
        context.onHeader = { header.append(contentsOf: $0) }
        context.onBody = { body.append(contentsOf: $0) }
        let userdata = Unmanaged.passUnretained(context).toOpaque()
        var recipients: UnsafeMutablePointer<curl_slist>?
        var headers: UnsafeMutablePointer<curl_slist>?
        defer {
            thidua_curl_slist_free_all(recipients)
            thidua_curl_slist_free_all(headers)
        }

        var code = withExtendedLifetime(context) { () -> CURLcode in
            setString(CURLOPT_URL, request.url)
            settings.applyLogin(to: handle, bearer: request.bearer)
            setLong(CURLOPT_LOW_SPEED_LIMIT, 1)
            setLong(CURLOPT_LOW_SPEED_TIME, settings.stallTimeout)
            _ = thidua_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
            _ = thidua_easy_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
            _ = thidua_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, userdata)
            _ = thidua_easy_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlBodyCallback)
            _ = thidua_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, userdata)
            setLong(CURLOPT_NOPROGRESS, 0)
            _ = thidua_easy_setopt_xferinfo_function(handle, curlProgressCallback)
            _ = thidua_easy_setopt_pointer(handle, CURLOPT_XFERINFODATA, userdata)
            if let custom = request.customRequest { setString(CURLOPT_CUSTOMREQUEST, custom) }
            if let post = request.postFields {
                setLong(CURLOPT_POSTFIELDSIZE, post.count)
                _ = post.withUnsafeBytes {
                    thidua_easy_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
                }
            }
            for header in request.httpHeaders { headers = thidua_curl_slist_append(headers, header) }
            if headers != nil { _ = thidua_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, headers) }
            if let from = request.mailFrom { setString(CURLOPT_MAIL_FROM, "<\(from)>") }
            for recipient in request.recipients { recipients = thidua_curl_slist_append(recipients, "<\(recipient)>") }
            if recipients != nil { _ = thidua_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients) }
            if let upload = request.upload {
                context.upload = upload
                setLong(CURLOPT_UPLOAD, 1)
                setLong(CURLOPT_INFILESIZE, upload.count)
                _ = thidua_easy_setopt_read_function(handle, curlReadCallback)
                _ = thidua_easy_setopt_pointer(handle, CURLOPT_READDATA, userdata)
            }
            return thidua_curl_easy_perform(handle)
        }
        var responseCode = 0
        _ = thidua_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &responseCode)
        if code == CURLE_OK, Task.isCancelled { code = CURLE_ABORTED_BY_CALLBACK }
        guard code == CURLE_OK else {
            let summary = String(cString: thidua_curl_easy_strerror(code))
            let extra = String(cString: errorBuffer)
            var detail = extra.isEmpty || extra == summary ? summary : "\(summary): \(extra)"
            // The server's own last words (e.g. "NO [NONEXISTENT] Mailbox doesn't exist")
            // say more than libcurl's "Quote command returned error".
            if let said = Self.lastResponseLine(header), !detail.contains(said) { detail += " (server: \(said))" }
            return .failure(CurlError(code: Int(code.rawValue), detail: detail, responseCode: responseCode))
        }
        return .success(CurlResponse(header: header, body: body, responseCode: responseCode))
    }

    /// The last tagged or status line of a response, without its tag, if it is a refusal.
    static func lastResponseLine(_ header: [UInt8]) -> String? {
        let text = String(decoding: header.suffix(2048), as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last.map(String.init) else { return nil }
        let words = line.split(separator: " ", maxSplits: 1)
        guard words.count == 2, words[1].hasPrefix("NO ") || words[1].hasPrefix("BAD ") || line.first?.isNumber == true else {
            return nil
        }
        return line.first?.isNumber == true ? line : String(words[1])
    }

    private func setLong(_ option: CURLoption, _ value: Int) { curlSetLong(handle, option, value) }

    private func setString(_ option: CURLoption, _ value: String) { curlSetString(handle, option, value) }

    /// libcurl's version, for `thidua check` and the logs.
    static var libraryVersion: String { String(cString: thidua_curl_version_string()) }
}
