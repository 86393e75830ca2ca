import ArgumentParser
import Foundation
import Intake
import Logging
import ServiceLifecycle

struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the daemon: poll the mailbox, record submissions, send due reminders.")

    @Flag(help: "Do one cycle (poll, record, remind) and exit.")
    var once = false

    func run() async throws {
        MemoryTuning.apply()
        try await reportingErrors {
            let logger = LogSetup.bootstrapOnce()
            let context = try AppContext.load()
            let daemon = try Daemon.make(context: context, clock: SystemClock(), logger: logger)
            logger.info("thidua starting", metadata: [
                "config": "\(context.config.path)", "mailbox": "\(context.config.imap.server.serverURL)",
                "folders": "\(context.config.imap.folders.joined(separator: ","))", "units": "\(context.roster.units.count)",
                "data_dir": "\(context.config.dataDirectory.path)",
            ])
            if once {
                if let error = try await daemon.cycle() {
                    logger.error("reading the mailbox failed", metadata: ["error": "\(error)"])
                    throw ExitCode(1)
                }
                return
            }
            let holder = DaemonHolder(daemon)
            let group = ServiceGroup(configuration: .init(
                services: [
                    .init(service: PollService(holder: holder)),
                    .init(service: ReloadService(holder: holder, logger: logger) {
                        try Daemon.make(context: try AppContext.load(), clock: SystemClock(), logger: logger)
                    }),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
            try await group.run()
            logger.info("thidua stopped")
        }
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
