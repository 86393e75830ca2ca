import CCurl

extension CurlError {
    /// Failures that retrying will not mend: the login or the OAuth2 grant was refused, the
    /// certificate does not verify, the folder is gone. Health reports these at once.
    public var needsOperator: Bool {
        if isOAuth2 { return true }
        let lasting: [CURLcode] = [
            CURLE_LOGIN_DENIED, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_REMOTE_FILE_NOT_FOUND,
        ]
        return lasting.contains { Int($0.rawValue) == code }
    }
}
