import Foundation

/// What the officer's daily digest says: what came in today, who is still missing in each
/// open campaign, and which reminders bounced or are uncertain.
public struct OfficerDigest: Sendable {
    public struct Received: Sendable {
        public var unit: SchoolUnit
        public var campaignTitle: String
        public var status: ReceiptStatus
        public var at: Date
        public init(unit: SchoolUnit, campaignTitle: String, status: ReceiptStatus, at: Date) {
            self.unit = unit
            self.campaignTitle = campaignTitle
            self.status = status
            self.at = at
        }
    }

    public struct Missing: Sendable {
        public var unit: SchoolUnit
        public var status: ReceiptStatus
    }

    public struct CampaignState: Sendable {
        public var title: String
        public var deadline: Date
        public var total: Int
        public var missing: [Missing]
    }

    public struct Problem: Sendable {
        public var unitCode: String
        public var unitName: String
        public var campaignTitle: String
        public var stage: String
        public var error: String
        public init(unitCode: String, unitName: String, campaignTitle: String, stage: String, error: String) {
            self.unitCode = unitCode
            self.unitName = unitName
            self.campaignTitle = campaignTitle
            self.stage = stage
            self.error = error
        }
    }

    /// Any instant of the local day the digest covers.
    public var day: Date
    public var received: [Received]
    public var reviewCount: Int
    public var campaigns: [CampaignState]
    public var problems: [Problem]

    public init(day: Date, received: [Received], reviewCount: Int, campaigns: [CampaignState], problems: [Problem]) {
        self.day = day
        self.received = received
        self.reviewCount = reviewCount
        self.campaigns = campaigns
        self.problems = problems
    }

    /// A campaign is reported while it collects and for as long as its reminders may still
    /// go out (`ReminderPlanner.staleAfter` past the deadline).
    public static func isOpen(_ campaign: Campaign, at now: Date) -> Bool {
        !campaign.closed && campaign.opens <= now && now.timeIntervalSince(campaign.deadline) <= ReminderPlanner.staleAfter
    }

    /// The state of `campaign`: units of `roster` still owing a submission, in roster order.
    public static func state(of campaign: Campaign, roster: Roster, statuses: [String: ReceiptStatus]) -> CampaignState {
        let asked = roster.asked(by: campaign)
        let missing = asked.units.compactMap { unit -> Missing? in
            let status = statuses[unit.code] ?? .pending
            return status.awaitsSubmission ? Missing(unit: unit, status: status) : nil
        }
        return CampaignState(title: campaign.title, deadline: campaign.deadline, total: asked.units.count, missing: missing)
    }
}
