import ArgumentParser
import Foundation
import Intake
import MIME

struct Assign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Attribute a stored message to a unit; its sender is remembered for next time.")

    @Argument(help: "The stored message's id (as in `thidua status --json` and the logs).")
    var messageID: Int64

    @Argument(help: "The unit code, as in units.csv.")
    var unitCode: String

    @Option(help: "Campaign id (default: the message's campaign, else the current one).")
    var campaign: String?

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load()
            guard let unit = context.roster.unit(code: unitCode) else {
                throw ValidationError("no unit has the code \(unitCode) in \(context.config.rosterPath)")
            }
            guard let message = try context.store.message(id: messageID) else {
                throw ValidationError("no stored message has the id \(messageID)")
            }
            let chosen = try context.campaign(campaign ?? message.campaignID, now: message.receivedAt)
            // Re-assess the stored raw message against the chosen campaign's rules.
            var status = ReceiptStatus.received
            if let raw = try context.store.rawMessage(id: messageID) {
                status = SubmissionAssessment.assess(MailMessage.parse(raw), for: chosen, receivedAt: message.receivedAt).status
            }
            try context.store.assign(messageID: messageID, to: unit.code, campaign: chosen.id, status: status,
                                     actor: "officer", at: Date())
            print("message \(messageID) → \(unit.code) \(unit.name) (\(chosen.id)): \(status.label)")
            if let sender = message.fromAddress { print("\(sender) will be recognised as \(unit.code) from now on") }
        }
    }
}
