import CCurl

/// A failed libcurl transfer, explained for whoever reads the log or the status page.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    /// libcurl's own words, plus its error buffer when it said more.
    public var detail: String
    /// The server's last response code (IMAP: none; SMTP: e.g. 535), if any.
    public var responseCode: Int
    /// The failure is getting an OAuth2 token, not the mail server itself.
    public var isOAuth2 = false

    public init(code: Int, detail: String, responseCode: Int, isOAuth2: Bool = false) {
        self.code = code
        self.detail = detail
        self.responseCode = responseCode
        self.isOAuth2 = isOAuth2
    }

    public var isCancelled: Bool { code == Int(CURLE_ABORTED_BY_CALLBACK.rawValue) }

    /// Connection-level trouble worth retrying later (the server may come back).
    public var isTransient: Bool {
        let transient: [CURLcode] = [
            CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_OPERATION_TIMEDOUT, CURLE_RECV_ERROR,
            CURLE_SEND_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_AGAIN, CURLE_SSL_CONNECT_ERROR,
        ]
        return transient.contains { Int($0.rawValue) == code }
    }

    public var description: String {
        let hint: String
        switch CURLcode(rawValue: UInt32(clamping: code)) {
        case _ where isOAuth2:
            hint = ""
        case CURLE_LOGIN_DENIED where detail.contains("Application-specific password"):
            hint =
                " — Gmail wants an app password, not the account password: create one (Google Account → Security → 2-Step Verification → App passwords) and set it as the password, or use auth: oauth2"
        case CURLE_LOGIN_DENIED:
            hint = " — the server refused the user name or password; check the user and the password (for Gmail, an app password)"
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE:
            hint = " — the server's TLS certificate could not be verified; check the host name, or set THIDUA_TLS_CA_FILE for a private CA"
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST:
            hint = " — the server could not be reached; check the URL and the network"
        case CURLE_OPERATION_TIMEDOUT:
            hint = " — the server stopped answering; thidua will retry"
        case CURLE_REMOTE_FILE_NOT_FOUND:
            hint = " — the mailbox does not exist or was renumbered; check the mailbox name in the URL"
        default:
            hint = ""
        }
        return "\(detail)\(hint)"
    }
}
