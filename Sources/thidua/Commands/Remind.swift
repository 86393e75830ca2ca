import ArgumentParser
import Foundation
import Intake
import MailTransport
import Office

struct Remind: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind", abstract: "Send the reminders due now (or at --now), once per unit and stage.")

    @Option(help: "Plan as if the time were this ISO 8601 instant, e.g. 2021-02-18T08:00:00+07:00.")
    var now: String?

    @Flag(help: "Print what would be sent and send nothing.")
    var dryRun = false

    func run() async throws {
        try await reportingErrors {
            let logger = LogSetup.bootstrapOnce()
            let clock = try SimulatedTime.clock(now)
            let instant = clock.now()
            // A plan may be made before the first run; sending needs what the daemon recorded.
            let context = try AppContext.load(store: dryRun ? .existingOrEmpty : .existing)
            let config = context.config
            let outbox = dryRun ? nil : context.outboxSender(smtp: try MailClients(config: config).smtp(), clock: clock, logger: logger)
            let sender = try context.reminderSender(outbox: outbox, clock: clock, logger: logger)
            let digest = try context.digestSender(outbox: outbox, clock: clock, logger: logger)
            if dryRun {
                if !config.calendar.isOpen(at: instant) {
                    FileHandle.standardError.write(
                        Data(
                            "the office is closed at \(config.office.formatDateTime(instant)) (weekend, holiday or outside office hours): reminders wait for the next opening\n"
                                .utf8))
                }
                let planned = try sender.plan(at: instant)
                // unit, addresses, stage, subject; with reminders.cc_principal, a fifth column: the copy.
                for item in planned {
                    let copy = config.ccPrincipal ? "\tcc:\(item.cc.map(\.address).joined(separator: ";"))" : ""
                    print("\(item.unit.code)\t\(item.unit.emails.joined(separator: ";"))\t\(item.stage)\t\(item.subject)\(copy)")
                }
                // The officer's digest, on a line of its own: "digest", addresses, the day, subject.
                let due = try digest?.plan(at: instant)
                if let due {
                    print("digest\t\(due.recipients.map(\.address).joined(separator: ";"))\t\(due.day)\t\(due.subject)")
                }
                FileHandle.standardError.write(
                    Data(
                        "\(planned.count) reminder(s)\(due == nil ? "" : " and the digest") would be sent; nothing was sent (--dry-run)\n"
                            .utf8))
            } else {
                let sent = try await sender.send(at: instant)
                let digestSent = try await digest?.send(at: instant) ?? false
                print("\(sent) reminder(s) sent\(digestSent ? ", and the digest" : "")")
            }
        }
    }
}
