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
        var after_processing: String?
        var processed_keyword: String?
        var processed_folder: String?
    }

    struct SMTPSection: Decodable {
        var url: String
        var user: String?
        var password_file: String?
        var from: String
        var allow_plaintext: Bool?
    }

    struct DashboardSection: Decodable {
        var listen: String?
    }

    struct CampaignSection: Decodable {
        var id: String
        var title: String
        var opens: String
        var deadline: String
        var keywords: [String]?
        var reminders: [String]?
        var accept: [String]?
    }

    var office: OfficeSection
    var mailbox: MailboxSection
    var smtp: SMTPSection
    var units: String
    var data_dir: String?
    var tls_ca_file: String?
    var templates: String?
    var dashboard: DashboardSection?
    var campaigns: [CampaignSection]
}
