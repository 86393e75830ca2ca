/// The YAML config file as written by the operator (see `config/thidua.yaml`, where every
/// key is documented). Only decoding happens here; `AppConfig` resolves and validates.
struct ConfigFile: Decodable {
    struct OfficeSection: Decodable {
        var name: String
        var timezone: String?
        var office_hours: String?
        var workdays: [String]?
        var holidays: String?
        var reminder_time: String?
    }

    struct MailboxSection: Decodable {
        var url: String
        var user: String?
        var password_file: String?
        var folders: [String]?
        var poll_interval: String?
        var allow_plaintext: Bool?
        var auth: String?
        var after_processing: String?
        var processed_keyword: String?
        var processed_folder: String?
        var fetch_connections: Int?
        /// The first read fetches only mail that arrived from this day (`2026-09-01`).
        var since: String?
    }

    struct SMTPSection: Decodable {
        var url: String
        var user: String?
        var password_file: String?
        var from: String
        var allow_plaintext: Bool?
        var auth: String?
        var max_per_minute: Int?
        var max_per_day: Int?
    }

    struct AcknowledgementsSection: Decodable {
        var enabled: Bool?
        var max_per_sender_per_day: Int?
        var reply_on: [String]?
    }

    struct DocumentCheckSection: Decodable {
        var enabled: Bool?
        var max_pages: Int?
        var max_seconds: Int?
        var max_megapixels: Int?
        var read_text: Bool?
    }

    struct RemindersSection: Decodable {
        var cc_principal: Bool?
    }

    /// `to:` takes one address or a list of them.
    struct DigestSection: Decodable {
        var to: [String]
        var time: String?

        enum CodingKeys: String, CodingKey { case to, time }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if let list = try? container.decode([String].self, forKey: .to) {
                to = list
            } else {
                to = [try container.decode(String.self, forKey: .to)]
            }
            time = try container.decodeIfPresent(String.self, forKey: .time)
        }
    }

    struct OAuth2Section: Decodable {
        var provider: String?
        var tenant: String?
        var token_url: String?
        var client_id: String
        var scope: String?
        var client_secret_file: String?
        var refresh_token_file: String?
    }

    struct DashboardSection: Decodable {
        var enabled: Bool?
        var listen: String?
        var secure_cookie: Bool?
        var trusted_proxies: [String]?
        var metrics_token_file: String?
        var health_threshold: String?
    }

    struct CampaignSection: Decodable {
        var id: String
        var title: String
        var opens: String
        var deadline: String
        var keywords: [String]?
        var reminders: [String]?
        var accept: [String]?
        var require_seal: Bool?
        var expect_type: String?
        var expect_year: Int?
        var expect_title: [String]?
        /// Only these levels are asked (default: every unit).
        var levels: [String]?
        /// Only these unit codes are asked.
        var units: [String]?
    }

    var office: OfficeSection
    var mailbox: MailboxSection
    var smtp: SMTPSection
    /// The roster CSV, imported into the store at the first start; optional, since the
    /// officer can import her own file from the dashboard.
    var units: String?
    var data_dir: String?
    var raw_mail_retention: String?
    var tls_ca_file: String?
    var templates: String?
    var dashboard: DashboardSection?
    var oauth2: OAuth2Section?
    var acknowledgements: AcknowledgementsSection?
    var document_check: DocumentCheckSection?
    var reminders: RemindersSection?
    var digest: DigestSection?
    /// Imported into the store at a start when their id is new; optional, since the
    /// officer makes campaigns in the dashboard.
    var campaigns: [CampaignSection]?
}
