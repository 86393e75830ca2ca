import Foundation
import Intake
import MIME
import Store

/// What the dashboard reads the world from. The daemon rebuilds it on SIGHUP (a new roster,
/// new campaigns), so every request asks for the current one instead of keeping a copy.
public struct DashboardState: Sendable {
    public var office: Office
    public var roster: Roster
    public var campaigns: [Campaign]
    public var store: DataStore
    /// The office's sending address, for replies to schools.
    public var from: MailAddress
    /// Outgoing caps (per minute, per day), shown against what was sent today.
    public var sendLimits: (perMinute: Int, perDay: Int)
    /// How long polling may fail before health reports degraded.
    public var healthThreshold: TimeInterval
    /// When the OAuth2 access token expires, when the mailbox logs in with OAuth2.
    public var tokenExpiry: @Sendable () async -> Date?
    /// The roster's folded names and sort orders, computed once per roster.
    public var index: RosterIndex

    public init(
        office: Office, roster: Roster, campaigns: [Campaign], store: DataStore, from: MailAddress,
        sendLimits: (perMinute: Int, perDay: Int), healthThreshold: TimeInterval,
        tokenExpiry: @escaping @Sendable () async -> Date? = { nil }, index: RosterIndex? = nil
    ) {
        self.office = office
        self.roster = roster
        self.campaigns = campaigns
        self.store = store
        self.from = from
        self.sendLimits = sendLimits
        self.healthThreshold = healthThreshold
        self.tokenExpiry = tokenExpiry
        self.index = index ?? RosterIndex(roster)
    }

    func campaign(_ id: String) -> Campaign? { campaigns.first { $0.id == id } }
}

/// The dashboard asks this for the current state on every request.
public typealias DashboardStateProvider = @Sendable () async -> DashboardState
