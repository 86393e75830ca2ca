import Dashboard
import DocumentCheck
import Foundation
import Intake
import MIME
import MailTransport
import Office
import Yams

/// The resolved configuration: the YAML file, with paths made absolute against the file's
/// folder and every connection setting overridable from the environment, so secrets never
/// have to sit in a file.
struct AppConfig: Sendable {
    struct IMAP: Sendable {
        var server: MailServerURL
        var user: String
        var password: Credential
        var folders: [String]
        var pollInterval: Duration
        var allowPlaintext: Bool
        var afterProcessing: AfterProcessing
        var useOAuth2: Bool
        /// Connections messages are fetched over, side by side (`IMAPClient.fetchConnections`).
        var fetchConnections: Int = AppConfig.defaultFetchConnections
        /// `mailbox.since`: the first read of a folder fetches mail from this day on; nil:
        /// 30 days before the earliest open campaign opens (`Campaign.firstReadSince`).
        var since: Date? = nil
    }

    /// Two: the benchmark's backlog from a loopback Dovecot came in about 15% sooner than
    /// over one (the server encrypts, and thidua reads, on two cores at once), and a third
    /// made Dovecot slower. Mail clients open as many (Thunderbird up to five).
    static let defaultFetchConnections = 2
    static let fetchConnectionLimit = 4

    /// The OAuth2 client for XOAUTH2 logins (Google, Microsoft 365 or another provider).
    struct OAuth2: Sendable {
        var tokenURL: String
        var clientID: String
        var scope: String?
        var clientSecret: Credential?
        var refreshToken: Credential
    }

    /// The officer's web dashboard, served by `thidua run`.
    struct Dashboard: Sendable {
        var enabled: Bool
        var listen: String
        var secureCookie: Bool
        /// The reverse proxies whose forwarding headers are believed.
        var trustedProxies: TrustedProxies
        /// Lets a monitoring system read /metrics without logging in.
        var metricsToken: Credential?
        /// How long polling may fail before /healthz says degraded.
        var healthThreshold: Duration
    }

    struct SMTP: Sendable {
        var server: MailServerURL
        var user: String
        var password: Credential
        var from: MailAddress
        var allowPlaintext: Bool
        var useOAuth2: Bool
    }

    var path: String
    var office: OfficeProfile
    var imap: IMAP
    var smtp: SMTP
    /// The units CSV the roster is imported from at the first start, if any.
    var rosterPath: String?
    var dataDirectory: URL
    var caFile: String?
    /// `templates:`: a folder whose files replace the built-in mail texts; nil: none.
    var templatesDirectory: String?
    var dashboard: Dashboard
    var campaigns: [Campaign]
    var calendar: OfficeCalendar
    /// Caps on mail sent (reminders and acknowledgements), per minute and per day.
    var sendLimits: SendLimits
    var oauth2: OAuth2?
    /// Replies confirming receipt (or asking for a proper scan); nil when switched off.
    var acknowledgements: AcknowledgementPolicy?
    /// The document check's limits; nil when it is switched off.
    var documentCheck: CheckLimits? = CheckLimits()
    /// Whether the check reads each scan's header and signature block (OCR,
    /// `document_check.read_text`, default true).
    var readsText = true
    /// The check's verdicts that a school is told of and asked to put right.
    var replyOn: Set<CheckVerdict> = SealRequirement.defaultReplyOn
    /// Reminders copy the unit's principal (roster column `principal_email`).
    var ccPrincipal: Bool = false
    /// The officer's daily summary; nil when no `digest.to` is configured.
    var digest: DigestSettings?

    /// Days raw mail is kept after its campaign's deadline; nil (the default): forever.
    var rawMailRetentionDays: Int? = nil

    static let defaultPath = "config/thidua.yaml"

    static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfig {
        let path = environment["THIDUA_CONFIG"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(
                file: path, key: nil,
                message: "cannot read the config file; set THIDUA_CONFIG to its path (see config/thidua.yaml for an example)")
        }
        return try parse(text, path: path, environment: environment)
    }

    /// Resolves the config file's `text`, read from `path`.
    static func parse(_ text: String, path: String, environment: [String: String]) throws -> AppConfig {
        let file: ConfigFile
        do {
            // Unknown keys first: a misspelt required key (`mailbx:`) is better told as a
            // typo than as a missing key.
            // Parsed once, for both.
            let parser = try Parser(yaml: text, resolver: ConfigKeys.resolver)
            file = try withExtendedLifetime(parser) {
                let root = try parser.singleRoot() ?? ""
                let unknown = ConfigKeys.unknown(in: root)
                guard unknown.isEmpty else { throw ConfigError(file: path, unknown: unknown) }
                return try YAMLDecoder().decode(ConfigFile.self, from: root)
            }
        } catch let error as ConfigError {
            throw error
        } catch let error as DecodingError {
            throw ConfigError(file: path, decoding: error)
        } catch {
            throw ConfigError(file: path, key: nil, message: "not valid YAML: \(error)")
        }
        return try resolve(file, path: path, environment: environment)
    }

    static func resolve(_ file: ConfigFile, path: String, environment env: [String: String]) throws -> AppConfig {
        func fail(_ key: String, _ message: String) -> ConfigError { ConfigError(file: path, key: key, message: message) }
        func value(_ name: String) -> String? { env[name].flatMap { $0.isEmpty ? nil : $0 } }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func absolute(_ relative: String) -> String {
            relative.hasPrefix("/") ? relative : base.appendingPathComponent(relative).standardizedFileURL.path
        }

        let zoneName = file.office.timezone ?? "Asia/Ho_Chi_Minh"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw fail("office.timezone", "unknown time zone '\(zoneName)'; use an IANA name such as Asia/Ho_Chi_Minh")
        }
        var reminderMinute = 8 * 60
        if let text = file.office.reminder_time {
            guard let minute = ConfigTime.minuteOfDay(text) else {
                throw fail("office.reminder_time", "'\(text)' is not a time like 08:00")
            }
            reminderMinute = minute
        }

        let imapURL = value("THIDUA_IMAP_URL") ?? file.mailbox.url
        let imapServer: MailServerURL
        do { imapServer = try MailServerURL(imapURL, schemes: ["imaps", "imap"]) } catch { throw fail("mailbox.url", error.description) }
        let imapPlain = file.mailbox.allow_plaintext ?? false
        let pollText = file.mailbox.poll_interval ?? "60s"
        guard let poll = ConfigTime.duration(pollText), poll >= .seconds(1) else {
            throw fail("mailbox.poll_interval", "'\(pollText)' is not a duration of at least 1s (write 60s, 5m or 1h)")
        }
        let afterProcessing: AfterProcessing
        switch file.mailbox.after_processing ?? "none" {
        case "none": afterProcessing = .none
        case "keyword":
            let keyword = file.mailbox.processed_keyword ?? "$ThiduaStored"
            guard !keyword.isEmpty,
                keyword.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && !"(){%*\"\\]".unicodeScalars.contains($0) })
            else {
                throw fail("mailbox.processed_keyword", "'\(keyword)' is not a valid IMAP keyword (letters, digits, $ and - only)")
            }
            afterProcessing = .keyword(keyword)
        case "move":
            guard let folder = file.mailbox.processed_folder, !folder.isEmpty else {
                throw fail("mailbox.processed_folder", "after_processing: move needs the folder to move processed mail to")
            }
            afterProcessing = .move(folder)
        case let other:
            throw fail("mailbox.after_processing", "'\(other)' is not one of none, keyword, move")
        }
        let fetchConnections = file.mailbox.fetch_connections ?? Self.defaultFetchConnections
        guard (1...Self.fetchConnectionLimit).contains(fetchConnections) else {
            throw fail(
                "mailbox.fetch_connections",
                "\(fetchConnections) is not from 1 to \(Self.fetchConnectionLimit): use 2, or 1 if the server allows few connections")
        }
        var since: Date?
        if let text = file.mailbox.since {
            guard let day = ConfigTime.date(text, zone: zone, endOfDay: false) else {
                throw fail("mailbox.since", "'\(text)' is not a date like 2026-09-01 (mail from that day on is read at the first start)")
            }
            since = day
        }
        let folders =
            file.mailbox.folders ?? [imapServer.path.isEmpty ? "INBOX" : imapServer.path.removingPercentEncoding ?? imapServer.path]

        let smtpURL = value("THIDUA_SMTP_URL") ?? file.smtp.url
        let smtpServer: MailServerURL
        do { smtpServer = try MailServerURL(smtpURL, schemes: ["smtps", "smtp"]) } catch { throw fail("smtp.url", error.description) }
        let fromText = value("THIDUA_SMTP_FROM") ?? file.smtp.from
        guard let from = MailAddress.parseFirst(fromText) else {
            throw fail("smtp.from", "'\(fromText)' is not an address like \"Phòng GDĐT <thidua@example.org>\"")
        }

        let imapUser = value("THIDUA_IMAP_USER") ?? file.mailbox.user ?? ""
        let smtpUser = value("THIDUA_SMTP_USER") ?? file.smtp.user ?? imapUser
        let imapPassword = Credential(
            value: value("THIDUA_IMAP_PASSWORD"), file: file.mailbox.password_file.map(absolute),
            key: "mailbox.password_file", environmentName: "THIDUA_IMAP_PASSWORD", config: path)
        var smtpPassword = Credential(
            value: value("THIDUA_SMTP_PASSWORD"), file: file.smtp.password_file.map(absolute),
            key: "smtp.password_file", environmentName: "THIDUA_SMTP_PASSWORD", config: path)
        if smtpPassword.value == nil && smtpPassword.file == nil { smtpPassword = imapPassword }

        var campaigns: [Campaign] = []
        for (index, section) in (file.campaigns ?? []).enumerated() {
            campaigns.append(try Self.campaign(section, index: index, zone: zone, fail: fail))
        }
        let documentCheck = try Self.documentCheck(file.document_check, fail: fail)
        if documentCheck == nil {
            // Without the check nothing can see a seal: no campaign may wait for one.
            for index in campaigns.indices { campaigns[index].requireSeal = false }
        }
        let ids = campaigns.map(\.id)
        if let duplicate = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw fail("campaigns", "the campaign id '\(duplicate)' is used twice")
        }

        func authUsesOAuth2(_ text: String?, key: String) throws -> Bool {
            switch text ?? "password" {
            case "password": return false
            case "oauth2": return true
            case let other: throw fail(key, "'\(other)' is not one of password, oauth2")
            }
        }
        let imapOAuth2 = try authUsesOAuth2(file.mailbox.auth, key: "mailbox.auth")
        let smtpOAuth2 = try authUsesOAuth2(file.smtp.auth ?? file.mailbox.auth, key: "smtp.auth")
        var oauth2: OAuth2?
        if let section = file.oauth2 {
            let tokenURL: String
            switch section.provider ?? "google" {
            case "google": tokenURL = section.token_url ?? OAuth2Settings.googleTokenURL
            case "microsoft": tokenURL = section.token_url ?? OAuth2Settings.microsoftTokenURL(tenant: section.tenant ?? "common")
            case "custom":
                guard let url = section.token_url else { throw fail("oauth2.token_url", "a custom provider needs its token_url") }
                tokenURL = url
            case let other: throw fail("oauth2.provider", "'\(other)' is not one of google, microsoft, custom")
            }
            let secretFile = section.client_secret_file.map(absolute)
            let scope = section.scope ?? (section.provider == "microsoft" ? OAuth2Settings.microsoftScope : nil)
            oauth2 = OAuth2(
                tokenURL: tokenURL, clientID: section.client_id, scope: scope,
                clientSecret: value("THIDUA_OAUTH2_CLIENT_SECRET") != nil || secretFile != nil
                    ? Credential(
                        value: value("THIDUA_OAUTH2_CLIENT_SECRET"), file: secretFile, key: "oauth2.client_secret_file",
                        environmentName: "THIDUA_OAUTH2_CLIENT_SECRET", config: path) : nil,
                refreshToken: Credential(
                    value: value("THIDUA_OAUTH2_REFRESH_TOKEN"), file: section.refresh_token_file.map(absolute),
                    key: "oauth2.refresh_token_file", environmentName: "THIDUA_OAUTH2_REFRESH_TOKEN", config: path))
        } else if imapOAuth2 || smtpOAuth2 {
            throw fail("oauth2", "auth: oauth2 needs an oauth2 section (provider, client_id, refresh token)")
        }

        let calendar = try Self.officeCalendar(file.office, zone: zone, absolute: absolute, fail: fail)
        let listen = value("THIDUA_DASHBOARD_LISTEN") ?? file.dashboard?.listen ?? "127.0.0.1:8080"
        do {
            _ = try DashboardServer.parseListen(listen)
        } catch {
            throw fail("dashboard.listen", "'\(listen)' is not host:port, e.g. 127.0.0.1:8080 (THIDUA_DASHBOARD_LISTEN overrides it)")
        }

        // A path from the environment is the caller's, relative to their working directory;
        // one from the file is relative to the file.
        let dataDir =
            value("THIDUA_DATA_DIR").map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? file.data_dir.map(absolute) ?? absolute("../data")
        var digest: DigestSettings?
        if let section = file.digest {
            var recipients: [MailAddress] = []
            for text in section.to {
                guard let address = MailAddress.parseFirst(text), address.address.contains("@") else {
                    throw fail("digest.to", "'\(text)' is not an address like \"Cán bộ thi đua <canbo@example.org>\"")
                }
                // The digest must not land in the mailbox thidua reads: it would be taken for school mail.
                if [imapUser.lowercased(), from.address.lowercased()].contains(address.address.lowercased()) {
                    throw fail("digest.to", "\(address.address) is the mailbox thidua reads; send the digest to the officer's own address")
                }
                recipients.append(address)
            }
            var minute = 16 * 60 + 30
            if let text = section.time {
                guard let parsed = ConfigTime.minuteOfDay(text), parsed < 24 * 60 else {
                    throw fail("digest.time", "'\(text)' is not a time like 16:30")
                }
                minute = parsed
            }
            if !recipients.isEmpty { digest = DigestSettings(recipients: recipients, minuteOfDay: minute) }
        }
        let office = OfficeProfile(
            name: file.office.name, timeZone: zone, reminderMinuteOfDay: reminderMinute,
            ownAddresses: [from.address, imapUser.lowercased(), smtpUser.lowercased()])
        return AppConfig(
            path: path,
            office: office,
            imap: IMAP(
                server: imapServer, user: imapUser, password: imapPassword, folders: folders, pollInterval: poll,
                allowPlaintext: imapPlain, afterProcessing: afterProcessing, useOAuth2: imapOAuth2,
                fetchConnections: fetchConnections, since: since),
            smtp: SMTP(
                server: smtpServer, user: smtpUser, password: smtpPassword, from: from,
                allowPlaintext: file.smtp.allow_plaintext ?? false, useOAuth2: smtpOAuth2),
            rosterPath: file.units.map(absolute),
            dataDirectory: URL(fileURLWithPath: dataDir.hasPrefix("/") ? dataDir : absolute(dataDir)),
            caFile: value("THIDUA_TLS_CA_FILE") ?? file.tls_ca_file.map(absolute),
            templatesDirectory: file.templates.map(absolute),
            dashboard: Dashboard(
                enabled: file.dashboard?.enabled ?? true,
                listen: listen,
                secureCookie: file.dashboard?.secure_cookie ?? false,
                trustedProxies: try {
                    do {
                        return try TrustedProxies(file.dashboard?.trusted_proxies ?? [])
                    } catch let error as TrustedProxies.Invalid {
                        throw fail("dashboard.trusted_proxies", "\(error); list the addresses of the reverse proxies in front of thidua")
                    }
                }(),
                metricsToken: value("THIDUA_METRICS_TOKEN") != nil || file.dashboard?.metrics_token_file != nil
                    ? Credential(
                        value: value("THIDUA_METRICS_TOKEN"), file: file.dashboard?.metrics_token_file.map(absolute),
                        key: "dashboard.metrics_token_file", environmentName: "THIDUA_METRICS_TOKEN", config: path) : nil,
                healthThreshold: try file.dashboard?.health_threshold.map { text in
                    guard let duration = ConfigTime.duration(text), duration > .zero else {
                        throw fail("dashboard.health_threshold", "'\(text)' is not a duration such as 15m or 1h")
                    }
                    return duration
                } ?? .seconds(15 * 60)),
            campaigns: campaigns,
            calendar: calendar,
            sendLimits: SendLimits(perMinute: max(1, file.smtp.max_per_minute ?? 20), perDay: max(1, file.smtp.max_per_day ?? 400)),
            oauth2: oauth2,
            acknowledgements: file.acknowledgements?.enabled == false
                ? nil
                : AcknowledgementPolicy(
                    office: office, maxPerSenderPerDay: max(1, file.acknowledgements?.max_per_sender_per_day ?? 3)),
            documentCheck: documentCheck,
            readsText: documentCheck != nil && file.document_check?.read_text != false,
            replyOn: try Self.replyOn(file.acknowledgements?.reply_on, fail: fail),
            ccPrincipal: file.reminders?.cc_principal ?? false,
            digest: digest,
            rawMailRetentionDays: try Self.retentionDays(file.raw_mail_retention, fail: fail))
    }
}

extension AppConfig {
    /// The day the first read of a folder starts from: `mailbox.since`, else 30 days before
    /// the earliest open campaign of `campaigns` opens.
    func firstReadSince(campaigns: [Campaign], now: Date) -> IMAPDay {
        IMAPDay(imap.since ?? Campaign.firstReadSince(among: campaigns, at: now), in: office.timeZone)
    }
}
