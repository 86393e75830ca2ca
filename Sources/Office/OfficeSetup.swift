import Foundation
import Intake
import MIME

/// The office as the use cases see it: who it is, when it works, whom it asks, for what,
/// and how it sends. `thidua` resolves it from the config file and the roster; the core
/// never reads a file to learn it.
public struct OfficeSetup: Sendable {
    public var profile: OfficeProfile
    public var calendar: OfficeCalendar
    public var roster: Roster
    public var campaigns: [Campaign]
    /// The From of every mail the office sends.
    public var from: MailAddress
    /// Caps on mail sent, per minute and per day, across every kind the outbox sends.
    public var sendLimits: SendLimits
    /// Reminders copy the unit's principal (roster column `principal_email`).
    public var ccPrincipal: Bool
    /// The wording of every mail the office sends.
    public var texts: MailTexts

    public init(
        profile: OfficeProfile, calendar: OfficeCalendar, roster: Roster, campaigns: [Campaign], from: MailAddress,
        sendLimits: SendLimits, ccPrincipal: Bool = false, texts: MailTexts = .builtIn
    ) {
        self.texts = texts
        self.profile = profile
        self.calendar = calendar
        self.roster = roster
        self.campaigns = campaigns
        self.from = from
        self.sendLimits = sendLimits
        self.ccPrincipal = ccPrincipal
    }

    public func campaign(id: String) -> Campaign? { campaigns.first { $0.id == id } }
}

/// Caps on outgoing mail (Gmail allows about 500 a day, Microsoft 365 about 30 a minute).
public struct SendLimits: Sendable, Equatable {
    public var perMinute: Int
    public var perDay: Int

    public init(perMinute: Int, perDay: Int) {
        self.perMinute = perMinute
        self.perDay = perDay
    }
}
