import MailTransport

/// The IMAP and SMTP clients the config describes, sharing one OAuth2 token cache when
/// the account uses OAuth2 (Gmail's token covers both).
struct MailClients: Sendable {
    var tokens: OAuth2TokenProvider?
    private var config: AppConfig

    init(config: AppConfig) throws {
        self.config = config
        if let oauth2 = config.oauth2, config.imap.useOAuth2 || config.smtp.useOAuth2 {
            tokens = OAuth2TokenProvider(
                settings: OAuth2Settings(
                    tokenURL: oauth2.tokenURL, clientID: oauth2.clientID, clientSecret: try oauth2.clientSecret?.resolve(),
                    refreshToken: try oauth2.refreshToken.resolve(), scope: oauth2.scope, caFile: config.caFile))
        }
    }

    func imap() throws -> IMAPClient {
        let imap = config.imap
        return IMAPClient(
            server: imap.server,
            settings: ConnectionSettings(
                user: imap.user, password: imap.useOAuth2 ? "" : try imap.password.resolve(), caFile: config.caFile,
                requireTLS: !imap.allowPlaintext, tokenProvider: imap.useOAuth2 ? tokens : nil),
            fetchConnections: imap.fetchConnections)
    }

    func smtp() throws -> SMTPSender {
        let smtp = config.smtp
        return SMTPSender(
            server: smtp.server,
            settings: ConnectionSettings(
                user: smtp.user, password: smtp.useOAuth2 ? "" : try smtp.password.resolve(), caFile: config.caFile,
                requireTLS: !smtp.allowPlaintext, tokenProvider: smtp.useOAuth2 ? tokens : nil))
    }
}
