import Dashboard
import Foundation
import Intake
import Logging
import MailTransport
import Office
import Store

/// The daemon and what the dashboard reads, built from one loaded configuration: the one
/// place where the config file becomes running parts.
struct Wiring: Sendable {
    var daemon: Daemon
    var dashboard: DashboardState
    /// The document check beside intake; nil when `document_check.enabled` is false.
    var checks: DocumentCheckRun?

    /// `imap`: a client already made from this configuration (and perhaps logging in).
    static func make(context: AppContext, imap: IMAPClient? = nil, clock: any WallClock, logger: Logger) throws -> Wiring {
        let config = context.config
        let setup = context.setup
        let clients = try MailClients(config: config)
        let imap = try imap ?? clients.imap()
        let smtp = try clients.smtp()
        let ingester = MessageIngester(
            store: context.store, rules: try context.rules(), acknowledgements: context.acknowledgements, clock: clock)
        let outbox = context.outboxSender(smtp: smtp, clock: clock, logger: logger)
        let daemon = Daemon(
            setup: setup, store: context.store,
            poller: MailboxPoller(
                imap: imap, folders: config.imap.folders, afterProcessing: config.imap.afterProcessing, ingester: ingester,
                logger: logger, firstReadSince: config.firstReadSince(campaigns: context.campaigns, now: clock.now())),
            pollInterval: config.imap.pollInterval,
            reminders: try context.reminderSender(outbox: outbox, clock: clock, logger: logger),
            outbox: outbox,
            digest: try context.digestSender(outbox: outbox, clock: clock, logger: logger),
            pruner: config.rawMailRetention.map { RawMailPruner(store: context.store, retention: $0, logger: logger) },
            clock: clock, logger: logger)
        let tokens = clients.tokens
        let dashboard = DashboardState(
            setup: setup, store: context.store,
            healthThreshold: TimeInterval(config.dashboard.healthThreshold.components.seconds),
            tokenExpiry: { await tokens?.expiry }, checksEnabled: config.documentCheck != nil,
            templatesDirectory: config.templatesDirectory)
        // Without the check, acknowledgements held for it (before it was switched off) go
        // out as they were written.
        if config.documentCheck == nil, try context.store.releaseHeldAcknowledgements() > 0 {
            logger.notice("the document check is off: acknowledgements held for it are released")
        }
        let reader = config.readsText ? TextReading.reader(names: context.roster.units.map(\.name), logger: logger) : nil
        let checks = config.documentCheck.map { limits in
            DocumentCheckRun(
                store: context.store, checker: ThreadedChecker(limits: limits, reader: reader), campaigns: context.campaigns,
                roster: context.roster,
                acknowledgements: context.acknowledgements, replyOn: config.replyOn, clock: clock, logger: logger)
        }
        return Wiring(daemon: daemon, dashboard: dashboard, checks: checks)
    }
}
