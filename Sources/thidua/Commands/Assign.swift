import ArgumentParser
import Foundation
import Office

struct Assign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
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
            let desk = context.desk
            let outcome = try desk.assign(messageID: messageID, to: unitCode, campaignID: campaign, actor: CLIActor.name, at: Date())
            print("message \(messageID) → \(outcome.unit.code) \(outcome.unit.name) (\(outcome.campaign.id)): \(outcome.status.label)")
            if let sender = outcome.learnedSender { print("\(sender) will be recognised as \(outcome.unit.code) from now on") }
        }
    }
}
