import Foundation
import Intake
import Logging
import MIME
import MailTransport
import Store

/// The officer's daily digest: once per working day from `digest.time`, at most once
/// across crashes (the day is claimed in SQLite before the send, as reminders are).
public struct DigestSender: Sendable {
    public var setup: OfficeSetup
    public var store: DataStore
    public var settings: DigestSettings
    public var templates: DigestTemplates
    /// nil: plan only (`thidua remind --dry-run`).
    public var outbox: OutboxSender?
    public var clock: any WallClock
    public var logger: Logger

    public init(
        setup: OfficeSetup, store: DataStore, settings: DigestSettings, templates: DigestTemplates, outbox: OutboxSender?,
        clock: any WallClock, logger: Logger
    ) {
        self.setup = setup
        self.store = store
        self.settings = settings
        self.templates = templates
        self.outbox = outbox
        self.clock = clock
        self.logger = logger
    }

    public struct Planned: Sendable {
        public var day: String
        public var recipients: [MailAddress]
        public var subject: String
        public var text: String
    }

    /// The digest due at `now`, if this day's has not been sent or attempted yet.
    public func plan(at now: Date) throws -> Planned? {
        let schedule = DigestSchedule(calendar: setup.calendar, minuteOfDay: settings.minuteOfDay)
        guard let day = schedule.dueDay(at: now), try store.outbox(.digest, stage: day).isEmpty else { return nil }
        let (start, end) = schedule.bounds(of: now)
        let roster = setup.roster
        let titles = Dictionary(setup.campaigns.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let received = try store.receiptsReceived(from: start, to: end).compactMap { receipt -> OfficerDigest.Received? in
            guard let unit = roster.unit(code: receipt.unit) else { return nil }
            return OfficerDigest.Received(
                unit: unit, campaignTitle: titles[receipt.campaign] ?? receipt.campaign,
                status: receipt.status, at: receipt.receivedAt)
        }
        let open = setup.campaigns.filter { OfficerDigest.isOpen($0, at: now) }
        let campaigns = try open.map { OfficerDigest.state(of: $0, roster: roster, statuses: try store.receiptStatuses(campaign: $0.id)) }
        let problems = try store.outboxProblems(.reminder, campaigns: open.map(\.id), from: start, to: end).map { record in
            let unit = record.mail.unit ?? ""
            let campaign = record.mail.campaign ?? ""
            return OfficerDigest.Problem(
                unitCode: unit, unitName: roster.unit(code: unit)?.name ?? "", campaignTitle: titles[campaign] ?? campaign,
                stage: record.mail.stage ?? "",
                error: record.state == .sending
                    ? "chưa rõ đã gửi được hay chưa (thidua dừng giữa lúc gửi); thư này sẽ không được gửi lại"
                    : record.error?.message ?? "")
        }
        let digest = OfficerDigest(
            day: now, received: received, reviewCount: try store.messagesNeedingReview(from: start, to: end),
            campaigns: campaigns, problems: problems)
        let text = templates.render(digest, office: setup.profile)
        return Planned(day: day, recipients: settings.recipients, subject: text.subject, text: text.text)
    }

    /// Sends the digest due at `now`; true when it went out.
    @discardableResult
    public func send(at now: Date) async throws -> Bool {
        guard let outbox, let item = try plan(at: now) else { return false }
        let message = OutgoingMessage(
            from: setup.from, to: item.recipients, subject: item.subject, textBody: item.text,
            htmlBody: TextToHTML.render(item.text), date: now, timeZone: setup.profile.timeZone, messageID: "")
        let mail = OutboxMail(kind: .digest, stage: item.day, recipients: item.recipients.map(\.address), subject: item.subject)
        return try await outbox.send(message, claim: .new(mail)) == .sent
    }
}

/// Who gets the officer's daily digest, and from when in the day.
public struct DigestSettings: Sendable {
    public var recipients: [MailAddress]
    /// Local time of day (minutes after midnight) from which the day's digest goes out.
    public var minuteOfDay: Int

    public init(recipients: [MailAddress], minuteOfDay: Int) {
        self.recipients = recipients
        self.minuteOfDay = minuteOfDay
    }
}
