import Foundation

/// Decides which reminder stage is due for a campaign at a given time.
///
/// A stage falls due on its day (deadline day + offset) at the office's reminder time.
/// Only the latest stage already due is ever returned: stages missed while the daemon was
/// down are not sent late one after another, which would flood a school with reminders.
public struct ReminderPlanner: Sendable {
    public var office: OfficeProfile

    public init(office: OfficeProfile) { self.office = office }

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
    ///
    /// A stage carried over from an earlier day (it fell due on a weekend or holiday) waits
    /// when a later stage falls due later today: the office opening at 07:30 would otherwise
    /// send the carried-over stage and, at 08:00, the next one — two reminders in half an hour.
    public func dueStage(for campaign: Campaign, at now: Date) -> ReminderStage? {
        guard let stage = campaign.reminders.filter({ dueTime(of: $0, in: campaign) <= now }).max() else { return nil }
        let due = dueTime(of: stage, in: campaign)
        if now.timeIntervalSince(due) > Self.staleAfter { return nil }
        let calendar = office.calendar
        if !calendar.isDate(due, inSameDayAs: now),
            campaign.reminders.contains(where: {
                let time = dueTime(of: $0, in: campaign)
                return time > now && calendar.isDate(time, inSameDayAs: now)
            })
        {
            return nil
        }
        return stage
    }

    /// The units to remind at `now`: those awaiting a submission that have not had the due
    /// stage yet. `statuses` maps unit code → status; `alreadySent` holds codes that have.
    public func recipients(
        for campaign: Campaign, at now: Date, roster: Roster,
        statuses: [String: ReceiptStatus], alreadySent: Set<String>
    ) -> (stage: ReminderStage, units: [SchoolUnit])? {
        guard !campaign.closed, let stage = dueStage(for: campaign, at: now) else { return nil }
        let units = roster.units.filter { unit in
            campaign.audience.includes(unit) && (statuses[unit.code] ?? .pending).awaitsSubmission && !alreadySent.contains(unit.code)
                && !unit.emails.isEmpty
        }
        return (stage, units)
    }
}
