import Foundation
import Intake
import MIME
import Office
import Store

/// What the dashboard reads the world from. The daemon rebuilds it on SIGHUP (a new roster,
/// new campaigns), so every request asks for the current one instead of keeping a copy.
public struct DashboardState: Sendable {
    public var setup: OfficeSetup
    public var store: DataStore
    /// How long polling may fail before health reports degraded.
    public var healthThreshold: TimeInterval
    /// When the OAuth2 access token expires, when the mailbox logs in with OAuth2.
    public var tokenExpiry: @Sendable () async -> Date?
    /// The roster's folded names and sort orders, computed once per roster.
    public var index: RosterIndex
    /// The document check runs: files show its verdict (and wait for it).
    public var checksEnabled: Bool
    /// The config's `templates` folder, whose files word the mail where the officer has not.
    public var templatesDirectory: String?

    public init(
        setup: OfficeSetup, store: DataStore, healthThreshold: TimeInterval,
        tokenExpiry: @escaping @Sendable () async -> Date? = { nil }, index: RosterIndex? = nil, checksEnabled: Bool = true,
        templatesDirectory: String? = nil
    ) {
        self.templatesDirectory = templatesDirectory
        self.checksEnabled = checksEnabled
        self.setup = setup
        self.store = store
        self.healthThreshold = healthThreshold
        self.tokenExpiry = tokenExpiry
        self.index = index ?? RosterIndex(setup.roster)
    }

    /// The officer's decisions, the same as the CLI's.
    var desk: OfficerDesk { OfficerDesk(setup: setup, store: store) }

    func campaign(_ id: String) -> Campaign? { setup.campaign(id: id) }
}

/// The dashboard asks this for the current state on every request.
public typealias DashboardStateProvider = @Sendable () async -> DashboardState
