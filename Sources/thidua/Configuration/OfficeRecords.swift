import Foundation
import Intake
import Store

/// The roster and campaigns in force: the store's. The config file's `units:` CSV and
/// `campaigns:` seed the store: the CSV at the first start only, each YAML campaign when
/// its id is new. Neither file is ever rewritten, and an edit made in the dashboard is
/// never undone by a start.
struct OfficeRecords: Sendable {
    var roster: Roster
    var campaigns: [Campaign]

    /// `rosterFile`: the units CSV read already (`OfficeFiles`), taken only at the first start.
    static func load(
        config: AppConfig, store: DataStore, rosterFile parsed: Result<Roster, any Error>? = nil, now: Date = Date()
    ) throws -> OfficeRecords {
        // Seeded from the files without a flush of their own: one lost to a power cut is
        // seeded again at the next start, and the first durable commit flushes them.
        _ = try store.importCampaigns(config.campaigns, at: now, durable: false)
        var roster = try store.roster()
        if roster == nil, let path = config.rosterPath {
            let file = try parsed?.get() ?? rosterFile(path, config: config)
            try store.applyRoster(file.units, source: path, actor: "config", at: now, durable: false)
            roster = file
        }
        return OfficeRecords(roster: try roster ?? Roster(units: []), campaigns: adjusted(try store.campaigns().map(\.campaign), config))
    }

    /// For the commands that only look (`check`, `inspect`, `check-scan`): the store's
    /// records when there is a store, else the files', and nothing is written.
    static func peek(config: AppConfig) throws -> OfficeRecords {
        if let store = try? DataStore(dataDirectory: config.dataDirectory, create: false), let roster = try store.roster() {
            return OfficeRecords(roster: roster, campaigns: adjusted(try store.campaigns().map(\.campaign), config))
        }
        let roster = try config.rosterPath.map { try rosterFile($0, config: config) } ?? Roster(units: [])
        return OfficeRecords(roster: roster, campaigns: adjusted(config.campaigns, config))
    }

    /// Without the check nothing can see a seal: no campaign may wait for one.
    private static func adjusted(_ campaigns: [Campaign], _ config: AppConfig) -> [Campaign] {
        guard config.documentCheck == nil else { return campaigns }
        return campaigns.map {
            var campaign = $0
            campaign.requireSeal = false
            return campaign
        }
    }

    /// The units CSV at `path`, checked whole.
    static func rosterFile(_ path: String, config: AppConfig) throws -> Roster {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, key: nil, message: "cannot read the roster (the 'units' key of \(config.path) points here)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, key: nil, message: "the roster is not UTF-8; in Excel use 'Save As → CSV UTF-8'")
        }
        do {
            return try Roster.parseCSV(text)
        } catch {
            throw ConfigError(file: path, key: nil, message: error.description)
        }
    }

    /// What the config's units CSV would change if imported now: the daemon says so at
    /// start, since the store's roster, not the file, is in force after the first start.
    static func pendingFileChanges(config: AppConfig, roster: Roster) -> RosterChanges? {
        guard let path = config.rosterPath, let file = try? rosterFile(path, config: config) else { return nil }
        let changes = RosterChanges(from: roster.units, to: file.units)
        return changes.isEmpty ? nil : changes
    }
}
