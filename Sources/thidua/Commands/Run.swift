import ArgumentParser
import Dashboard
import Foundation
import Intake
import Logging
import MailTransport
import Office
import PDFStructure
import ServiceLifecycle

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the daemon: poll the mailbox, record submissions, send due reminders.")

    @Flag(help: "Do one cycle (poll, record, remind) and exit.")
    var once = false

    @Option(help: "With --once: run the cycle as if the time were this ISO 8601 instant (as remind --now does).")
    var now: String?

    @Flag(
        help: """
            Say how many messages each folder would have read, and from which day (mailbox.since), and do nothing: \
            no message is fetched, nothing is recorded or sent.
            """)
    var dryRun = false

    func validate() throws {
        if now != nil && !once { throw ValidationError("--now needs --once: a running daemon keeps the real time") }
    }

    func run() async throws {
        if dryRun { return try await reportingErrors { try await FirstReadPreview.run(now: try SimulatedTime.clock(now).now()) } }
        // Before any other thread allocates: a thread that did so first would have an arena
        // of its own beyond the limit.
        MemoryTuning.apply()
        // libcurl and libqpdf are opened at first use, not at exec (each with GnuTLS and
        // more); the daemon needs both at once, so they open on another core meanwhile.
        DispatchQueue.global(qos: .userInitiated).async {
            Libcurl.load()
            PDFLibrary.load()
        }
        try await reportingErrors {
            let logger = LogSetup.bootstrapOnce()
            let config = try AppConfig.load()
            // The TLS handshakes and logins go on while the store is opened and migrated.
            let imap = try MailClients(config: config).imap()
            imap.prepare()
            let context = try AppContext.load(config: config, store: .create)
            // Files a dead process left staged. Only here, at start: a reload (SIGHUP)
            // builds new parts while a poll may have files staged.
            context.store.files.clearTemporaryFiles()
            let wiring = try Wiring.make(context: context, imap: imap, clock: try SimulatedTime.clock(now), logger: logger)
            logger.info(
                "thidua starting",
                metadata: [
                    "config": "\(context.config.path)", "mailbox": "\(context.config.imap.server.serverURL)",
                    "folders": "\(context.config.imap.folders.joined(separator: ","))", "units": "\(context.roster.units.count)",
                    "data_dir": "\(context.config.dataDirectory.path)",
                ])
            if once {
                let pollError = try await wiring.daemon.cycle()
                // One cycle means every file recorded is checked and the acknowledgements the
                // checks held are sent, before the command returns.
                if let checks = wiring.checks {
                    try await checks.runUntilDone()
                    try await wiring.daemon.outbox.sendQueued()
                }
                if let pollError {
                    logger.error("reading the mailbox failed", metadata: ["error": "\(pollError)"])
                    throw ExitCode(1)
                }
                Self.endOnceCycle()
            }
            if let changes = OfficeRecords.pendingFileChanges(config: context.config, roster: context.roster) {
                // After the first start the store's roster is in force, not the file.
                logger.notice(
                    "the units file differs from the roster in force; it is not applied by itself",
                    metadata: [
                        "file": "\(context.config.rosterPath ?? "")", "changes": "\(changes.summary)",
                        "apply": "thidua roster import \(context.config.rosterPath ?? "FILE"), or import it in the dashboard",
                    ])
            }
            let holder = WiringHolder(wiring, store: context.store, logger: logger) {
                try Wiring.make(context: try AppContext.load(store: .create), clock: SystemClock(), logger: logger)
            }
            let counters = RuntimeCounters()
            var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
                .init(service: PollService(holder: holder, counters: counters)),
                .init(service: DocumentCheckService(holder: holder)),
                .init(service: ReloadService(holder: holder, logger: logger)),
            ]
            let dashboard = context.config.dashboard
            if dashboard.enabled {
                // The listen address and token are read at start; SIGHUP reloads what the
                // pages show (roster, campaigns), not where they are served.
                let settings = DashboardServer.Settings(
                    listen: dashboard.listen, metricsToken: try dashboard.metricsToken?.resolve(),
                    secureCookie: dashboard.secureCookie, trustedProxies: dashboard.trustedProxies)
                let app = try DashboardServer.application(
                    settings: settings, state: { await holder.current.dashboard },
                    officeChanged: { await holder.reload(reason: "changed in the dashboard") },
                    counters: counters, clock: SystemClock(), logger: logger)
                services.append(
                    .init(
                        service: DashboardService(server: app, listen: dashboard.listen, logger: logger),
                        successTerminationBehavior: .ignore))
                logger.info("dashboard listening", metadata: ["listen": "\(dashboard.listen)"])
            }
            let group = ServiceGroup(
                configuration: .init(
                    services: services,
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: logger))
            try await group.run()
            logger.info("thidua stopped")
        }
    }
}

extension Run {
    /// Ends the process after a successful `--once` cycle, whose records, files and sent
    /// mail are all durable by then, without tearing down what the kernel tears down anyway.
    /// Closing the store would checkpoint its write-ahead log into the database and delete
    /// it (the next open reads the log as it stands), and each IMAP connection would wait
    /// for the server to answer its LOGOUT: together a tenth of a small run's time.
    static func endOnceCycle() -> Never {
        fflush(nil)
        Foundation.exit(0)
    }
}

enum LogSetup {
    private static let bootstrapped: Void = {
        LoggingSystem.bootstrap { label in
            var handler = LogfmtLogHandler(label: label)
            let level = ProcessInfo.processInfo.environment["THIDUA_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:))
            handler.logLevel = level ?? .info
            return handler
        }
    }()

    static func bootstrapOnce() -> Logger {
        _ = bootstrapped
        return Logger(label: "thidua")
    }
}
