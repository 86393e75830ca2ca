import Foundation
import Intake
import Logging
import MIME
import MailTransport
import Store

/// Sends the reminder stage that is due to every unit still owing its submission.
///
/// At most once per (campaign, unit, stage): the row is claimed in SQLite before the send
/// and completed after it. A crash in between leaves the row `sending` — an uncertain send
/// the officer can see — and it is never repeated.
public struct ReminderSender: Sendable {
    public var setup: OfficeSetup
    public var store: DataStore
    public var templates: ReminderTemplates
    /// nil: plan only (`thidua remind --dry-run`).
    public var outbox: OutboxSender?
    public var clock: any WallClock
    public var logger: Logger

    public init(
        setup: OfficeSetup, store: DataStore, templates: ReminderTemplates, outbox: OutboxSender?, clock: any WallClock,
        logger: Logger
    ) {
        self.setup = setup
        self.store = store
        self.templates = templates
        self.outbox = outbox
        self.clock = clock
        self.logger = logger
    }

    public struct Planned: Sendable {
        public var campaign: Campaign
        public var stage: ReminderStage
        public var unit: SchoolUnit
        /// The principal, when `reminders.cc_principal` is on and the roster has the address.
        public var cc: [MailAddress]
        public var subject: String
        public var text: String

        /// Every address the reminder goes to (the envelope): the unit's, then the copy.
        public var recipients: [String] { unit.emails + cc.map(\.address) }
    }

    /// What is due at `now`; nothing while the office is closed (weekend, holiday, outside
    /// office hours): it then waits for the next opening.
    public func plan(at now: Date) throws -> [Planned] {
        guard setup.calendar.isOpen(at: now) else { return [] }
        let planner = ReminderPlanner(office: setup.profile)
        var planned: [Planned] = []
        for campaign in setup.campaigns where campaign.opens <= now {
            guard let stage = planner.dueStage(for: campaign, at: now) else { continue }
            let statuses = try store.receiptStatuses(campaign: campaign.id)
            let notes = try store.receiptNotes(campaign: campaign.id)
            let sent = try store.remindedUnits(campaign: campaign.id, stage: stage.description)
            guard let due = planner.recipients(for: campaign, at: now, roster: setup.roster, statuses: statuses, alreadySent: sent) else {
                continue
            }
            for unit in due.units {
                let status = statuses[unit.code] ?? .pending
                let text = templates.render(
                    office: setup.profile, officeAddress: setup.from.address,
                    unit: unit, campaign: campaign, stage: due.stage, status: status, problems: notes[unit.code])
                planned.append(
                    Planned(
                        campaign: campaign, stage: due.stage, unit: unit, cc: copy(for: unit),
                        subject: text.subject, text: text.text))
            }
        }
        return planned
    }

    private func copy(for unit: SchoolUnit) -> [MailAddress] {
        guard setup.ccPrincipal, let address = unit.principalEmail, !unit.emails.contains(address) else { return [] }
        return [MailAddress(displayName: unit.principalName.map { "\($0) (Hiệu trưởng)" } ?? "Hiệu trưởng \(unit.name)", address: address)]
    }

    /// Sends what `plan` returns, only while the office is open (workdays, office hours,
    /// not on holidays) and within the sending caps; the rest waits for the next cycle.
    /// Returns how many went out.
    public func send(at now: Date) async throws -> Int {
        guard let outbox else { return 0 }
        var sentCount = 0
        for item in try plan(at: now) {
            var message = OutgoingMessage(
                from: setup.from, to: item.unit.emails.map { MailAddress(displayName: item.unit.name, address: $0) },
                subject: item.subject, textBody: item.text, htmlBody: TextToHTML.render(item.text), date: now,
                timeZone: setup.profile.timeZone, messageID: "")
            message.cc = item.cc
            let mail = OutboxMail(
                kind: .reminder, campaign: item.campaign.id, unit: item.unit.code, stage: item.stage.description,
                recipients: item.recipients, subject: item.subject)
            switch try await outbox.send(message, claim: .new(mail)) {
            case .sent: sentCount += 1
            case .failed, .alreadyClaimed: continue
            case .capReached:
                logger.notice(
                    "sending cap reached; the remaining reminders go out in the next window",
                    metadata: ["per_minute": "\(setup.sendLimits.perMinute)", "per_day": "\(setup.sendLimits.perDay)"])
                return sentCount
            }
        }
        return sentCount
    }
}
