import ArgumentParser
import Foundation
import Intake
import MailTransport

struct Remind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send the reminders due now (or at --now), once per unit and stage.")

    @Option(help: "Plan as if the time were this ISO 8601 instant, e.g. 2021-02-18T08:00:00+07:00.")
    var now: String?

    @Flag(help: "Print what would be sent and send nothing.")
    var dryRun = false

    func run() async throws {
        try await reportingErrors {
            let logger = LogSetup.bootstrapOnce()
            var instant = Date()
            if let now {
                guard let parsed = ISO8601DateFormatter().date(from: now) else {
                    throw ValidationError("--now '\(now)' is not an ISO 8601 time like 2021-02-18T08:00:00+07:00")
                }
                instant = parsed
            }
            let context = try AppContext.load()
            let config = context.config
            let smtp = dryRun ? nil : try MailClients(config: config).smtp()
            let sender = ReminderSender(context: context, templates: try ReminderTemplates.load(directory: config.templatesDirectory),
                                        smtp: smtp, clock: FixedClock(instant), logger: logger)
            if dryRun {
                if !config.calendar.isOpen(at: instant) {
                    FileHandle.standardError.write(Data("the office is closed at \(config.office.formatDateTime(instant)) (weekend, holiday or outside office hours): reminders wait for the next opening\n".utf8))
                }
                let planned = try sender.plan(at: instant)
                for item in planned {
                    print("\(item.unit.code)\t\(item.unit.emails.joined(separator: ";"))\t\(item.stage)\t\(item.subject)")
                }
                FileHandle.standardError.write(Data("\(planned.count) reminder(s) would be sent; nothing was sent (--dry-run)\n".utf8))
            } else {
                let sent = try await sender.send(at: instant)
                print("\(sent) reminder(s) sent")
            }
        }
    }
}
