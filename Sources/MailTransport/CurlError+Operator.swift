import CCurl

extension CurlError {
    /// Failures that retrying will not mend: the login or the OAuth2 grant was refused, the
    /// certificate does not verify, the folder is gone. Health reports these at once.
    public var needsOperator: Bool {
        isOAuth2 || isLoginRefused || isCertificateRefused || code == Int(CURLE_REMOTE_FILE_NOT_FOUND.rawValue)
    }

    /// The server refused the user name and password.
    public var isLoginRefused: Bool { code == Int(CURLE_LOGIN_DENIED.rawValue) }

    /// The server's TLS certificate did not verify.
    public var isCertificateRefused: Bool {
        [CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE].contains { Int($0.rawValue) == code }
    }
}
