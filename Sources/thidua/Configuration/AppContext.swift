import Foundation
import Intake
import Logging
import Office
import Store
import Synchronization

/// What every command that touches the ledger needs: config, roster, campaigns, store.
///
/// The roster and the campaigns are the office's, kept in the store and edited from the
/// dashboard or the CLI; the config file's `units:` and `campaigns:` only seed them
/// (`OfficeRecords`).
struct AppContext: Sendable {
    var config: AppConfig
    var roster: Roster
    var campaigns: [Campaign]
    var store: DataStore
    /// The wording of the office's mail: built in, the `templates` folder's, the officer's.
    var texts: MailTexts

    /// Whether a command may create the store when there is none yet: only the daemon,
    /// `passwd` (a login is set before the first start) and `restore` do.
    enum StoreAccess {
        case create
        case existing
        /// The existing store, or an empty one in memory when there is none yet, said on
        /// standard error: for a plan (`remind --dry-run`) made before the first run.
        case existingOrEmpty
    }

    static func load(store access: StoreAccess = .existing) throws -> AppContext {
        try load(config: try AppConfig.load(), store: access)
    }

    /// Over a configuration already loaded (the daemon starts its IMAP login from it first).
    static func load(config: AppConfig, store access: StoreAccess) throws -> AppContext {
        // The office's files (the mail texts' folder; for a new store the units CSV) are read
        // and checked on a second core while the store opens: both come before a new
        // daemon's first poll. (A store without a roster yet reads the CSV itself.)
        let isNew = !FileManager.default.fileExists(atPath: config.dataDirectory.appendingPathComponent(DataStore.databaseName).path)
        let opened = Mutex<(store: Result<DataStore, any Error>?, files: OfficeFiles?)>((nil, nil))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            if index == 0 {
                let store = Result { try openStore(config, access) }
                opened.withLock { $0.store = store }
            } else {
                let files = OfficeFiles(config: config, withRoster: isNew)
                opened.withLock { $0.files = files }
            }
        }
        let (store, files) = opened.withLock { ($0.store!, $0.files!) }
        let openedStore = try store.get()
        let office = try OfficeRecords.load(config: config, store: openedStore, rosterFile: files.roster)
        let (texts, skipped) = try MailTextSources.load(files: try files.texts.get(), stored: try openedStore.mailTexts())
        for problem in skipped {
            FileHandle.standardError.write(Data("thidua: the officer's \(problem); its default is used\n".utf8))
        }
        return AppContext(config: config, roster: office.roster, campaigns: office.campaigns, store: openedStore, texts: texts)
    }

    static func openStore(_ config: AppConfig, _ access: StoreAccess) throws -> DataStore {
        do {
            return try DataStore(dataDirectory: config.dataDirectory, create: access == .create)
        } catch StoreError.noStore(let directory) where access == .existingOrEmpty {
            FileHandle.standardError.write(
                Data("thidua: no thidua data in \(directory) yet: planning as if no unit had sent anything\n".utf8))
            return try DataStore(inMemoryWithFilesIn: config.dataDirectory)
        } catch StoreError.noStore(let directory) {
            throw ConfigError(
                file: config.path, key: "data_dir",
                message:
                    "no thidua data in \(directory) (no \(DataStore.databaseName) there); this command only works on what "
                    + "`thidua run` recorded and creates nothing. Point it at the daemon's data directory: set THIDUA_DATA_DIR, "
                    + "or data_dir in this file (for the demo, run from the repository: THIDUA_DATA_DIR=demo/data)")
        }
    }

    /// The office as the use cases see it.
    var setup: OfficeSetup {
        OfficeSetup(
            profile: config.office, calendar: config.calendar, roster: roster, campaigns: campaigns, from: config.smtp.from,
            sendLimits: config.sendLimits, ccPrincipal: config.ccPrincipal, texts: texts)
    }

    func rules() throws -> IntakeRules {
        IntakeRules(office: config.office, roster: roster, campaigns: campaigns, aliases: try store.aliases())
    }

    /// When and how schools are told their mail was received, in the office's wording.
    var acknowledgements: AcknowledgementPolicy? {
        config.acknowledgements.map {
            var policy = $0
            policy.texts = texts
            return policy
        }
    }

    /// The officer's decisions over this configuration.
    var desk: OfficerDesk { OfficerDesk(setup: setup, store: store) }

    /// The one path out for every mail the office sends.
    func outboxSender(smtp: any MailSending, clock: any WallClock, logger: Logger) -> OutboxSender {
        OutboxSender(
            store: store, smtp: smtp, from: config.smtp.from, timeZone: config.office.timeZone, limits: config.sendLimits,
            clock: clock, logger: logger)
    }

    /// `outbox` nil: plan only.
    func reminderSender(outbox: OutboxSender?, clock: any WallClock, logger: Logger) throws -> ReminderSender {
        ReminderSender(
            setup: setup, store: store, templates: ReminderTemplates(texts: texts), outbox: outbox,
            clock: clock, logger: logger)
    }

    /// nil when no `digest.to` is configured; `outbox` nil: plan only.
    func digestSender(outbox: OutboxSender?, clock: any WallClock, logger: Logger) throws -> DigestSender? {
        guard let settings = config.digest else { return nil }
        return DigestSender(
            setup: setup, store: store, settings: settings,
            templates: DigestTemplates(texts: texts), outbox: outbox, clock: clock, logger: logger)
    }

    /// The campaign named by `id`, or the one the officer most likely means: the next
    /// deadline still ahead, else the most recent one.
    func campaign(_ id: String?, now: Date) throws -> Campaign {
        if let id {
            guard let campaign = campaigns.first(where: { $0.id == id }) else {
                throw ConfigError(
                    file: config.path, key: "campaigns",
                    message: "no campaign '\(id)'; known: \(campaigns.map(\.id).joined(separator: ", ")) (see thidua campaign list)")
            }
            return campaign
        }
        guard let chosen = Campaign.likely(among: campaigns, at: now) else {
            throw ConfigError(
                file: config.path, key: "campaigns",
                message: "there is no campaign yet; make one in the dashboard or with thidua campaign add")
        }
        return chosen
    }
}
