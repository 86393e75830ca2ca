import ArgumentParser
import Foundation
import Intake
import Office

struct Mark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mark", abstract: "Set a unit's status by hand: excused, or rejected with a reason.")

    @Argument(help: "The unit code.")
    var unitCode: String

    @Option(help: "Campaign id.")
    var campaign: String

    @Flag(help: "The unit is excused from this campaign.")
    var excused = false

    @Option(help: "Reject the unit's submission, with this reason (in Vietnamese: it is mailed to the school).")
    var reject: String?

    func validate() throws {
        guard excused != (reject != nil) else { throw ValidationError("give exactly one of --excused and --reject REASON") }
    }

    func run() async throws {
        try await reportingErrors {
            let context = try AppContext.load()
            let desk = context.desk
            if let reject {
                let (unit, chosen, message) = try desk.rejectEntry(
                    unitCode: unitCode, campaignID: campaign, reason: reject, actor: CLIActor.name, at: Date())
                print("\(unit.code) \(unit.name) (\(chosen.id)): \(ReceiptStatus.rejected.label) (message \(message.id))")
                if let recipient = desk.replyRecipient(of: message) {
                    print("the reason is queued for \(recipient); the daemon mails it at its next sending")
                }
            } else {
                let (unit, chosen) = try desk.excuse(unitCode: unitCode, campaignID: campaign, actor: CLIActor.name, at: Date())
                print("\(unit.code) \(unit.name) (\(chosen.id)): \(ReceiptStatus.excused.label)")
            }
        }
    }
}
