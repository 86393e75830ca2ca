import Dashboard
import Foundation
import Intake
import Logging
import MailTransport
import Store

/// One cycle of the daemon's work — poll, prune raw mail (once a day), acknowledge, reply,
/// remind, refresh the status page — shared by `thidua run --once` and the long-running service.
struct Daemon: Sendable {
    var context: AppContext
    var poller: MailboxPoller
    var reminders: ReminderSender
    var acknowledgements: AcknowledgementSender?
    var replies: ReplySender
    var digest: DigestSender?
    /// The OAuth2 token cache, when the mail account logs in with OAuth2 (for health).
    var tokens: OAuth2TokenProvider?
    /// The dashboard's index of this roster (folded names, sort orders), built once.
    var rosterIndex: RosterIndex
    /// nil when raw mail is kept forever (no `raw_mail_retention`).
    var pruner: RawMailPruner?
    var clock: any WallClock
    var logger: Logger

    static func make(context: AppContext, clock: any WallClock, logger: Logger) throws -> Daemon {
        let config = context.config
        let clients = try MailClients(config: config)
        let imap = try clients.imap()
        let smtp = try clients.smtp()
        let ingester = MessageIngester(
            store: context.store, rules: try context.rules(), acknowledgements: config.acknowledgements,
            clock: clock)
        context.store.files.clearTemporaryFiles()
        let queued = QueuedMailSender(
            smtp: smtp, from: config.smtp.from, office: config.office,
            quota: SendingQuota(store: context.store, limits: config.sendLimits), clock: clock)
        return Daemon(
            context: context,
            poller: MailboxPoller(
                imap: imap, folders: config.imap.folders, afterProcessing: config.imap.afterProcessing,
                ingester: ingester, logger: logger),
            reminders: ReminderSender(
                context: context, templates: try ReminderTemplates.load(directory: config.templatesDirectory),
                smtp: smtp, clock: clock, logger: logger),
            acknowledgements: config.acknowledgements == nil
                ? nil
                : AcknowledgementSender(
                    store: context.store, sender: queued, logger: logger),
            replies: ReplySender(store: context.store, sender: queued, logger: logger),
            digest: try DigestSender.make(context: context, smtp: smtp, clock: clock, logger: logger),
            tokens: clients.tokens,
            rosterIndex: RosterIndex(context.roster),
            pruner: config.rawMailRetention.map { RawMailPruner(store: context.store, retention: $0, logger: logger) },
            clock: clock,
            logger: logger)
    }

    /// Runs one cycle and returns the poll's error, if it failed. A failed poll is
    /// recorded for `thidua status`, and the reminders still run: a dead IMAP server must
    /// not stop the schools from being reminded.
    @discardableResult
    func cycle() async throws -> String? {
        var pollError: String?
        do {
            let result = try await poller.poll()
            try context.store.notePoll(error: nil, at: clock.now())
            if result.fetched > 0 {
                logger.info(
                    "poll done",
                    metadata: [
                        "fetched": "\(result.fetched)", "recorded": "\(result.recorded)",
                        "duplicates": "\(result.duplicates)",
                    ])
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as CurlError where error.isCancelled {
            throw CancellationError()
        } catch {
            pollError = "\(error)"
            try? context.store.notePoll(error: pollError, needsAction: (error as? CurlError)?.needsOperator ?? false, at: clock.now())
        }
        pruner?.pruneIfDue(at: clock.now())
        do {
            _ = try await acknowledgements?.sendDue()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("acknowledgements failed", metadata: ["error": "\(error)"])
        }
        do {
            _ = try await replies.sendDue()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("officer replies failed", metadata: ["error": "\(error)"])
        }
        do {
            _ = try await reminders.send(at: clock.now())
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("reminders failed", metadata: ["error": "\(error)"])
        }
        do {
            try await digest?.send(at: clock.now())
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error("the officer's digest failed", metadata: ["error": "\(error)"])
        }
        writeStatusPage()
        return pollError
    }

    /// What the dashboard reads, from this daemon's configuration.
    func dashboardState() -> DashboardState {
        let config = context.config
        let tokens = tokens
        return DashboardState(
            office: config.office, roster: context.roster, campaigns: config.campaigns, store: context.store, from: config.smtp.from,
            sendLimits: config.sendLimits, healthThreshold: TimeInterval(config.dashboard.healthThreshold.components.seconds),
            tokenExpiry: { await tokens?.expiry }, index: rosterIndex)
    }

    /// The officer's page, written next to the database after every cycle.
    private func writeStatusPage() {
        do {
            let now = clock.now()
            let reports = try context.config.campaigns.map { try context.store.statusReport(campaign: $0, roster: context.roster) }
            let html = StatusPage.render(reports: reports, office: context.config.office, generatedAt: now)
            try context.store.files.writeDurably(Array(html.utf8), to: StatusPage.fileName)
        } catch {
            logger.warning("status page not written", metadata: ["error": "\(error)"])
        }
    }
}
