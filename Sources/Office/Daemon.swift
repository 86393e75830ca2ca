import Foundation
import Intake
import Logging
import MailTransport
import Store

/// One cycle of the daemon's work — poll, prune raw mail (once a day), acknowledge, reply,
/// remind, digest, refresh the status page — shared by `thidua run --once` and the
/// long-running service. Each step's failure is logged and the next still runs: a dead
/// IMAP server must not stop the schools from being reminded.
public struct Daemon: Sendable {
    public var setup: OfficeSetup
    public var store: DataStore
    public var poller: MailboxPoller
    public var pollInterval: Duration
    public var reminders: ReminderSender
    /// Sends what intake and the officer queued: acknowledgements and replies.
    public var outbox: OutboxSender
    /// nil when no digest is configured.
    public var digest: DigestSender?
    /// nil when raw mail is kept forever (no `raw_mail_retention`).
    public var pruner: RawMailPruner?
    public var clock: any WallClock
    public var logger: Logger

    public init(
        setup: OfficeSetup, store: DataStore, poller: MailboxPoller, pollInterval: Duration, reminders: ReminderSender,
        outbox: OutboxSender, digest: DigestSender?,
        pruner: RawMailPruner?, clock: any WallClock, logger: Logger
    ) {
        self.setup = setup
        self.store = store
        self.poller = poller
        self.pollInterval = pollInterval
        self.reminders = reminders
        self.outbox = outbox
        self.digest = digest
        self.pruner = pruner
        self.clock = clock
        self.logger = logger
    }

    /// Runs one cycle and returns the poll's error, if it failed. A failed poll is
    /// recorded for `thidua status` and health.
    @discardableResult
    public func cycle() async throws -> String? {
        var pollError: StoredError?
        do {
            let result = try await poller.poll()
            try store.notePoll(error: nil, at: clock.now())
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
            pollError = StoredError(error)
            try? store.notePoll(error: pollError, needsAction: (error as? CurlError)?.needsOperator ?? false, at: clock.now())
        }
        pruner?.pruneIfDue(at: clock.now())
        try await step("acknowledgements, replies and announcements failed") {
            try await outbox.sendQueued(announcements: setup.calendar.isOpen(at: clock.now()))
        }
        try await step("reminders failed") { _ = try await reminders.send(at: clock.now()) }
        try await step("the officer's digest failed") { try await digest?.send(at: clock.now()) }
        writeStatusPage()
        return pollError?.message
    }

    /// Runs one step of the cycle; a failure other than a shutdown is logged, not thrown.
    private func step(_ failure: Logger.Message, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            logger.error(failure, metadata: ["error": "\(error)"])
        }
    }

    /// The officer's page, written next to the database after every cycle.
    private func writeStatusPage() {
        do {
            let reports = try setup.campaigns.map { try store.statusReport(campaign: $0, roster: setup.roster) }
            let html = StatusPage.render(reports: reports, office: setup.profile, generatedAt: clock.now())
            try store.files.writeReplacing(Array(html.utf8), to: StatusPage.fileName)
        } catch {
            logger.warning("status page not written", metadata: ["error": "\(error)"])
        }
    }
}
