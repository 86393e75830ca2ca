import Foundation
import Intake
import Logging
import MIME
import MailTransport
import Store

/// The officer's daily digest: once per working day from `digest.time`, at most once
/// across crashes (the day is claimed in SQLite before the send, as reminders are).
struct DigestSender: Sendable {
    var context: AppContext
    var settings: AppConfig.DigestSettings
    var templates: DigestTemplates
    var smtp: SMTPSender?
    var clock: any WallClock
    var logger: Logger

    struct Planned: Sendable {
        var day: String
        var recipients: [MailAddress]
        var subject: String
        var text: String
    }

    /// nil when no `digest.to` is configured.
    static func make(context: AppContext, smtp: SMTPSender?, clock: any WallClock, logger: Logger) throws -> DigestSender? {
        guard let settings = context.config.digest else { return nil }
        return DigestSender(
            context: context, settings: settings,
            templates: try DigestTemplates.load(directory: context.config.templatesDirectory),
            smtp: smtp, clock: clock, logger: logger)
    }

    /// The digest due at `now`, if this day's has not been sent or attempted yet.
    func plan(at now: Date) throws -> Planned? {
        let schedule = DigestSchedule(calendar: context.config.calendar, minuteOfDay: settings.minuteOfDay)
        guard let day = schedule.dueDay(at: now), try !context.store.digestRecorded(day: day) else { return nil }
        let (start, end) = schedule.bounds(of: now)
        let store = context.store
        let roster = context.roster
        let titles = Dictionary(context.config.campaigns.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
        let received = try store.receiptsReceived(from: start, to: end).compactMap { receipt -> OfficerDigest.Received? in
            guard let unit = roster.unit(code: receipt.unit) else { return nil }
            return OfficerDigest.Received(
                unit: unit, campaignTitle: titles[receipt.campaign] ?? receipt.campaign,
                status: receipt.status, at: receipt.receivedAt)
        }
        let open = context.config.campaigns.filter { OfficerDigest.isOpen($0, at: now) }
        let campaigns = try open.map { OfficerDigest.state(of: $0, roster: roster, statuses: try store.receiptStatuses(campaign: $0.id)) }
        let problems = try store.reminderProblems(campaigns: open.map(\.id), from: start, to: end).map { record in
            OfficerDigest.Problem(
                unitCode: record.unit, unitName: roster.unit(code: record.unit)?.name ?? "",
                campaignTitle: titles[record.campaign] ?? record.campaign, stage: record.stage,
                error: record.state == DataStore.ReminderState.sending.rawValue
                    ? "chưa rõ đã gửi được hay chưa (thidua dừng giữa lúc gửi); thư này sẽ không được gửi lại"
                    : record.error ?? "")
        }
        let digest = OfficerDigest(
            day: now, received: received, reviewCount: try store.messagesNeedingReview(from: start, to: end),
            campaigns: campaigns, problems: problems)
        let text = templates.render(digest, office: context.config.office)
        return Planned(day: day, recipients: settings.recipients, subject: text.subject, text: text.text)
    }

    /// Sends the digest due at `now`; true when it went out.
    @discardableResult
    func send(at now: Date) async throws -> Bool {
        guard let smtp, let item = try plan(at: now) else { return false }
        let from = context.config.smtp.from
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "thidua.invalid"
        let messageID = OutgoingMessage.makeMessageID(domain: domain)
        let bytes = try OutgoingMessage(
            from: from, to: item.recipients, subject: item.subject, textBody: item.text, htmlBody: TextToHTML.render(item.text),
            date: now, timeZone: context.config.office.timeZone, messageID: messageID
        ).render()
        let addresses = item.recipients.map(\.address)
        guard try context.store.reserveDigest(day: item.day, recipients: addresses, messageID: messageID, at: now) else { return false }
        let results = await smtp.send(bytes, from: from.address, to: addresses)
        let failures = results.filter { $0.error != nil }
        let error = failures.isEmpty ? nil : failures.map { "\($0.recipient): \($0.error!.description)" }.joined(separator: "; ")
        let state: DataStore.ReminderState = failures.count == results.count ? .failed : .sent
        try context.store.finishDigest(day: item.day, state: state, error: error, at: clock.now())
        logger.log(
            level: failures.isEmpty ? .info : .warning, "digest \(state.rawValue)",
            metadata: [
                "day": "\(item.day)", "error": "\(error ?? "-")",
            ])
        return state == .sent
    }
}
