import Foundation

/// Decides which reminder stage is due for a campaign at a given time.
///
/// A stage falls due on its day (deadline day + offset) at the office's reminder time.
/// Only the latest stage already due is ever returned: stages missed while the daemon was
/// down are not sent late one after another, which would flood a school with reminders.
public struct ReminderPlanner: Sendable {
    public var office: Office

    public init(office: Office) { self.office = office }

    public func dueTime(of stage: ReminderStage, in campaign: Campaign) -> Date {
        let calendar = office.calendar
        let deadlineDay = calendar.startOfDay(for: campaign.deadline)
        let day = calendar.date(byAdding: .day, value: stage.dayOffset, to: deadlineDay) ?? deadlineDay
        return day.addingTimeInterval(TimeInterval(office.reminderMinuteOfDay * 60))
    }

    /// A stage this long past its time is no longer sent: a reminder about a collection
    /// closed weeks ago (after a long outage, or an old campaign left in the config) would
    /// only confuse the school. Two weeks covers the Tết break.
    public static let staleAfter: TimeInterval = 14 * 86_400

    /// The latest stage due at `now`, if any and not stale.
    public func dueStage(for campaign: Campaign, at now: Date) -> ReminderStage? {
        guard let stage = campaign.reminders.filter({ dueTime(of: $0, in: campaign) <= now }).max() else { return nil }
        return now.timeIntervalSince(dueTime(of: stage, in: campaign)) > Self.staleAfter ? nil : stage
    }

    /// The units to remind at `now`: those awaiting a submission that have not had the due
    /// stage yet. `statuses` maps unit code → status; `alreadySent` holds codes that have.
    public func recipients(for campaign: Campaign, at now: Date, roster: Roster,
                           statuses: [String: ReceiptStatus], alreadySent: Set<String>) -> (stage: ReminderStage, units: [SchoolUnit])? {
        guard let stage = dueStage(for: campaign, at: now) else { return nil }
        let units = roster.units.filter { unit in
            (statuses[unit.code] ?? .pending).awaitsSubmission && !alreadySent.contains(unit.code) && !unit.emails.isEmpty
        }
        return (stage, units)
    }
}
